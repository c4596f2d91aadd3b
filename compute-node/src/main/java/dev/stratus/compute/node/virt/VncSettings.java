package dev.stratus.compute.node.virt;

import dev.stratus.compute.node.config.ComputeNodeConfig;

/**
 * The guests' VNC consoles on this host, as Nova's {@code [vnc]} options: whether guests have one, the address
 * their VNC servers listen on and the address the console proxy connects to.
 */
public record VncSettings(boolean enabled, String serverListen, String proxyClientAddress) {

    /** Nova's defaults: consoles on, listening on and reached at the loopback address (an all-in-one host). */
    public static final VncSettings LOCAL = new VncSettings(true, "127.0.0.1", "127.0.0.1");

    public static VncSettings of(ComputeNodeConfig.VncConfig config) {
        return new VncSettings(config.enabled(), config.serverListen(), config.serverProxyclientAddress());
    }
}
