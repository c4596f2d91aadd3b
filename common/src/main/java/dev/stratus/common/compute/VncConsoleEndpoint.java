package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * The answer to {@link VncConsoleRequest}: the address and port of the guest's VNC server as seen from the console
 * proxy (Nova's {@code ConsoleVNC}), or why there is none, in the cases Nova's compute manager tells apart.
 *
 * @param host the address the proxy connects to (Nova's {@code server_proxyclient_address}), when {@link Outcome#READY}
 * @param port the guest's VNC port, when {@link Outcome#READY}
 */
public record VncConsoleEndpoint(Outcome outcome, String message, String host, Integer port) {

    public static final MessageType<VncConsoleEndpoint> TYPE =
            MessageType.of("vnc_console", "1.0", VncConsoleEndpoint.class);

    public enum Outcome {
        READY,
        /** The guest exists but its VNC server does not listen now (not running): Nova's InstanceNotReady. */
        NOT_READY,
        /** The host does not have the guest: Nova's InstanceNotFound. */
        NOT_FOUND,
        /** VNC is turned off on the host, or the guest has no VNC display: Nova's ConsoleTypeUnavailable. */
        UNAVAILABLE,
        /** The host's driver has no consoles: Nova's NotImplementedError. */
        NOT_SUPPORTED,
        /** The hypervisor could not be read. */
        FAILED
    }

    public static VncConsoleEndpoint ready(String host, int port) {
        return new VncConsoleEndpoint(Outcome.READY, null, host, port);
    }

    public static VncConsoleEndpoint refused(Outcome outcome, String message) {
        return new VncConsoleEndpoint(outcome, message, null, null);
    }
}
