package dev.stratus.compute.node.virt;

/**
 * A hypervisor operation failed. The message is shown to the tenant in the server's fault, so it says what
 * went wrong in their terms; the cause keeps the hypervisor's own error for the log.
 */
public class VirtException extends Exception {

    public VirtException(String message) {
        super(message);
    }

    public VirtException(String message, Throwable cause) {
        super(message, cause);
    }
}
