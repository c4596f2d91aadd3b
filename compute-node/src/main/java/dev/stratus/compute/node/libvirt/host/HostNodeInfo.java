package dev.stratus.compute.node.libvirt.host;

/** {@code virNodeGetInfo}: the host's processors and memory. */
public record HostNodeInfo(String model, long memoryKib, int cpus, int mhz, int sockets, int cores, int threads) {
}
