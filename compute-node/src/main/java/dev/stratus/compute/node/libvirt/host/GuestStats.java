package dev.stratus.compute.node.libvirt.host;

/** What libvirt measures of a running domain, in libvirt's units (KiB, nanoseconds, bytes). */
public final class GuestStats {

    private GuestStats() {
    }

    /** {@code virDomainGetInfo}: memory in KiB, CPU time of all vCPUs in nanoseconds. */
    public record Info(GuestState state, long maxMemoryKib, long memoryKib, int vcpus, long cpuTimeNs) {
    }

    /** {@code virDomainGetVcpus}: one vCPU's number and CPU time in nanoseconds. */
    public record Vcpu(int number, long cpuTimeNs) {
    }

    /** {@code virDomainBlockStats} of one disk; a counter the hypervisor does not keep is -1. */
    public record Block(long readRequests, long readBytes, long writeRequests, long writeBytes, long errors) {
    }

    /** {@code virDomainInterfaceStats} of one host device; a counter the hypervisor does not keep is -1. */
    public record Interface(long rxBytes, long rxPackets, long rxErrors, long rxDrop, long txBytes, long txPackets,
            long txErrors, long txDrop) {
    }
}
