package dev.stratus.compute.node.libvirt.host;

/** libvirt's domain states ({@code virDomainState}). */
public enum GuestState {
    NOSTATE, RUNNING, BLOCKED, PAUSED, SHUTTING_DOWN, SHUTOFF, CRASHED, PMSUSPENDED;

    /** Whether the guest's vCPUs run: running, or blocked (running, waiting on a resource). */
    public boolean isRunning() {
        return this == RUNNING || this == BLOCKED;
    }

    /** Whether a QEMU process exists for the domain. */
    public boolean isActive() {
        return this != SHUTOFF && this != NOSTATE;
    }
}
