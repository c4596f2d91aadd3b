package dev.stratus.compute.node.libvirt.host;

/** A libvirt call failed; {@link #reason()} classifies the libvirt error code for the driver. */
public class LibvirtFailure extends Exception {

    /** What the driver distinguishes among libvirt's error codes. */
    public enum Reason {
        /** {@code VIR_ERR_NO_DOMAIN}: the domain does not exist (any more). */
        NO_DOMAIN,
        /** {@code VIR_ERR_OPERATION_INVALID}: not in a state for that call (e.g. destroy of a stopped domain). */
        INVALID_STATE,
        /** The connection to the daemon is gone or cannot be opened. */
        NO_CONNECTION,
        OTHER
    }

    private final Reason reason;

    public LibvirtFailure(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public LibvirtFailure(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
