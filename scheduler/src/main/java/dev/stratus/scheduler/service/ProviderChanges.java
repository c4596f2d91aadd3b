package dev.stratus.scheduler.service;

import dev.stratus.common.fault.ApiException;
import dev.stratus.scheduler.persistence.CatalogRepository;
import dev.stratus.scheduler.persistence.Database;
import dev.stratus.scheduler.persistence.InventoryRecord;
import dev.stratus.scheduler.persistence.ProviderRecord;
import dev.stratus.scheduler.persistence.ProviderRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Changes to a provider's inventories, traits and aggregates through the Placement API. Each one locks the
 * provider, checks the generation the client read (409 placement.concurrent_update when it moved), writes,
 * and moves the generation on; the scheduler's host state follows.
 */
@ApplicationScoped
public class ProviderChanges {

    private final Database database;
    private final ProviderRepository providers;
    private final CatalogRepository catalog;
    private final ProviderService lookup;
    private final HostStateCache cache;

    public ProviderChanges(Database database, ProviderRepository providers, CatalogRepository catalog,
            ProviderService lookup, HostStateCache cache) {
        this.database = database;
        this.providers = providers;
        this.catalog = catalog;
        this.lookup = lookup;
        this.cache = cache;
    }

    @FunctionalInterface
    private interface Change {
        void apply(Connection c, ProviderRecord provider) throws SQLException;
    }

    /** Runs {@code change} on the locked provider if {@code generation} (null: unchecked) is current. */
    private ProviderRecord change(UUID uuid, Integer generation, Change change) {
        ProviderRecord updated = database.inTransaction(c -> {
            ProviderRecord p = lookup.require(c, uuid);
            int current = providers.lock(c, p.id()).orElseThrow(() -> PlacementErrors.providerNotFound(uuid));
            if (generation != null && generation != current) {
                throw PlacementErrors.generationConflict(uuid);
            }
            change.apply(c, p);
            providers.bumpGeneration(c, p.id());
            return providers.findById(c, p.id()).orElseThrow();
        });
        cache.providersChanged(List.of(updated.id()));
        return updated;
    }

    public ProviderRecord replaceInventories(UUID uuid, int generation, Map<String, InventoryRecord> inventories) {
        return change(uuid, generation, (c, p) -> {
            checkClasses(c, inventories.keySet());
            Map<String, InventoryRecord> current = providers.inventories(c, p.id());
            Map<String, Long> usages = providers.usages(c, p.id());
            for (String rc : current.keySet()) {
                if (!inventories.containsKey(rc)) {
                    if (usages.containsKey(rc)) {
                        throw PlacementErrors.inventoryInUse(rc, uuid);
                    }
                    providers.deleteInventory(c, p.id(), rc);
                }
            }
            for (InventoryRecord inv : inventories.values()) {
                providers.upsertInventory(c, p.id(), inv);
            }
        });
    }

    public ProviderRecord putInventory(UUID uuid, int generation, InventoryRecord inventory) {
        return change(uuid, generation, (c, p) -> {
            checkClasses(c, Set.of(inventory.resourceClass()));
            providers.upsertInventory(c, p.id(), inventory);
        });
    }

    /** POST /inventories: a new inventory; 409 when the class already has one. */
    public ProviderRecord addInventory(UUID uuid, int generation, InventoryRecord inventory) {
        return change(uuid, generation, (c, p) -> {
            checkClasses(c, Set.of(inventory.resourceClass()));
            if (providers.inventories(c, p.id()).containsKey(inventory.resourceClass())) {
                throw ApiException.conflict("Inventory for " + inventory.resourceClass() + " on resource provider "
                        + uuid + " already exists.");
            }
            providers.upsertInventory(c, p.id(), inventory);
        });
    }

    public ProviderRecord deleteInventory(UUID uuid, String resourceClass) {
        return change(uuid, null, (c, p) -> {
            if (!providers.inventories(c, p.id()).containsKey(resourceClass)) {
                throw ApiException.notFound("No inventory of class " + resourceClass + " found for delete");
            }
            if (providers.usages(c, p.id()).containsKey(resourceClass)) {
                throw PlacementErrors.inventoryInUse(resourceClass, uuid);
            }
            providers.deleteInventory(c, p.id(), resourceClass);
        });
    }

    public ProviderRecord deleteInventories(UUID uuid) {
        return change(uuid, null, (c, p) -> {
            Map<String, Long> usages = providers.usages(c, p.id());
            if (!usages.isEmpty()) {
                throw PlacementErrors.inventoryInUse(String.join(", ", usages.keySet()), uuid);
            }
            for (String rc : providers.inventories(c, p.id()).keySet()) {
                providers.deleteInventory(c, p.id(), rc);
            }
        });
    }

    public ProviderRecord replaceTraits(UUID uuid, int generation, Set<String> traits) {
        return change(uuid, generation, (c, p) -> {
            lookup.checkTraits(c, traits);
            providers.replaceTraits(c, p.id(), traits);
        });
    }

    public ProviderRecord deleteTraits(UUID uuid) {
        return change(uuid, null, (c, p) -> providers.replaceTraits(c, p.id(), Set.of()));
    }

    public ProviderRecord replaceAggregates(UUID uuid, Integer generation, Collection<UUID> aggregates) {
        return change(uuid, generation, (c, p) -> providers.replaceAggregates(c, p.id(), new TreeSet<>(aggregates)));
    }

    private void checkClasses(Connection c, Set<String> classes) throws SQLException {
        for (String rc : classes) {
            if (!ResourceClasses.isStandard(rc) && !catalog.resourceClassExists(c, rc)) {
                throw ApiException.badRequest("Unknown resource class in inventory for resource provider: " + rc);
            }
        }
    }
}
