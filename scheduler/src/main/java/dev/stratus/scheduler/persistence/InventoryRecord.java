package dev.stratus.scheduler.persistence;

/** One inventory of a provider: how much of a resource class it has and how it may be consumed. */
public record InventoryRecord(String resourceClass, long total, long reserved, long minUnit, long maxUnit,
        long stepSize, double allocationRatio) {

    /** What may be allocated in all: (total - reserved) * allocation_ratio, as Placement computes it. */
    public long capacity() {
        return (long) ((total - reserved) * allocationRatio);
    }

    /** Null when {@code amount} is a valid single allocation of this inventory, else why not. */
    public String unitProblem(long amount) {
        if (amount < minUnit) {
            return "below min_unit " + minUnit;
        }
        if (amount > maxUnit) {
            return "above max_unit " + maxUnit;
        }
        if (amount % stepSize != 0) {
            return "not a multiple of step_size " + stepSize;
        }
        return null;
    }
}
