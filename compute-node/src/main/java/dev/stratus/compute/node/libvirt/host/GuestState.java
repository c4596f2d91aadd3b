package dev.stratus.compute.node.libvirt.host;

/** libvirt's domain states ({@code virDomainState}). */
public enum GuestState {
    NOSTATE, RUNNING, BLOCKED, PAUSED, SHUTTING_DOWN, SHUTOFF, CRASHED, PMSUSPENDED;

    /** Whether a QEMU process exists for the domain. */
    public boolean isActive() {
        return this != SHUTOFF && this != NOSTATE;
    }
}
