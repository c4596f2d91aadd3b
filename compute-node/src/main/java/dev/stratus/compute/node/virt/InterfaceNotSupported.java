package dev.stratus.compute.node.virt;

/**
 * A driver cannot hot-plug or unplug this NIC (Nova's AttachInterfaceNotSupported): not at all, or not into a
 * guest in its present state. The message says which.
 */
public class InterfaceNotSupported extends VirtException {

    public InterfaceNotSupported(String message) {
        super(message);
    }
}
