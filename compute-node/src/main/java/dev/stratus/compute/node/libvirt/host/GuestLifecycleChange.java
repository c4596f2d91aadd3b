package dev.stratus.compute.node.libvirt.host;

/**
 * A lifecycle event of one domain as libvirt reported it.
 *
 * @param type libvirt's event: {@code STARTED}, {@code SUSPENDED}, {@code RESUMED}, {@code STOPPED},
 *        {@code SHUTDOWN}, {@code PMSUSPENDED}, {@code CRASHED}, {@code DEFINED}, {@code UNDEFINED}
 * @param detail the event's detail in libvirt's words ({@code SAVED}, {@code CRASHED}, {@code PAUSED}, ...)
 */
public record GuestLifecycleChange(String domainName, String domainUuid, Type type, String detail) {

    public enum Type {
        DEFINED, UNDEFINED, STARTED, SUSPENDED, RESUMED, STOPPED, SHUTDOWN, PMSUSPENDED, CRASHED, UNKNOWN
    }
}
