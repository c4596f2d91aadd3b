package dev.stratus.scheduler.service;

import dev.stratus.scheduler.persistence.InventoryRecord;
import java.util.Map;

/** Placement's rule for new allocations on one provider: each amount a valid unit, usage within capacity. */
public final class CapacityCheck {

    private CapacityCheck() {
    }

    /**
     * Null when {@code requested} (amounts by resource class, each one allocation) fits on top of
     * {@code used}; otherwise a sentence saying which resource class does not.
     */
    public static String problem(String providerName, Map<String, InventoryRecord> inventory, Map<String, Long> used,
            Map<String, Long> requested) {
        for (var e : requested.entrySet()) {
            String rc = e.getKey();
            long amount = e.getValue();
            InventoryRecord inv = inventory.get(rc);
            if (inv == null) {
                return "Inventory for '" + rc + "' on resource provider '" + providerName + "' is not present.";
            }
            String unit = inv.unitProblem(amount);
            if (unit != null) {
                return "Unable to allocate " + amount + " " + rc + " on resource provider '" + providerName
                        + "': the amount is " + unit + ".";
            }
        }
        return capacityProblem(providerName, inventory, used, requested);
    }

    /** Null when the total {@code requested} fits on top of {@code used}; unit rules are not checked. */
    public static String capacityProblem(String providerName, Map<String, InventoryRecord> inventory,
            Map<String, Long> used, Map<String, Long> requested) {
        for (var e : requested.entrySet()) {
            String rc = e.getKey();
            long amount = e.getValue();
            InventoryRecord inv = inventory.get(rc);
            if (inv == null) {
                return "Inventory for '" + rc + "' on resource provider '" + providerName + "' is not present.";
            }
            long usedNow = used.getOrDefault(rc, 0L);
            if (usedNow + amount > inv.capacity()) {
                return "Unable to allocate inventory: Unable to create allocation for '" + rc
                        + "' on resource provider '" + providerName + "'. The requested amount would exceed the"
                        + " capacity (" + amount + " requested, " + usedNow + " used of " + inv.capacity() + ").";
            }
        }
        return null;
    }
}
