package dev.stratus.compute.node.libvirt;

/**
 * Where one spawn spent its time, in milliseconds: {@code overhead} is the driver's own work (lookups, files,
 * XML), i.e. {@code total - define - start}.
 */
public record SpawnTimings(String instanceId, String virtType, double totalMs, double prepareMs, double defineMs,
        double startMs) {

    public double overheadMs() {
        return totalMs - defineMs - startMs;
    }
}
