package dev.stratus.compute.node.virt;

/** A guest's console cannot be given, for a {@link Reason} the API answers in Nova's way. */
public class ConsoleUnavailable extends VirtException {

    public enum Reason {
        /** The guest is not running, so its VNC server or serial port does not listen. */
        NOT_READY,
        /** The host does not have the guest. */
        NOT_FOUND,
        /** The guest has no VNC display. */
        NO_DISPLAY,
        /** The guest has no serial port on TCP. */
        NO_SERIAL_PORT,
        /** The driver has no consoles. */
        NOT_SUPPORTED
    }

    private final Reason reason;

    public ConsoleUnavailable(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
