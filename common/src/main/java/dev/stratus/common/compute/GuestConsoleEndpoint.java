package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * The answer to {@link VncConsoleRequest} and {@link SerialConsoleRequest}: the address and port of the guest's VNC
 * server or serial port as seen from the console proxy (Nova's {@code ConsoleVNC}, {@code ConsoleSerial}), or why
 * there is none, in the cases Nova's compute manager tells apart.
 *
 * @param host the address the proxy connects to (Nova's {@code server_proxyclient_address} or
 *     {@code [serial_console] proxyclient_address}), when {@link Outcome#READY}
 * @param port the guest's VNC port or the TCP port of its serial port, when {@link Outcome#READY}
 */
public record GuestConsoleEndpoint(Outcome outcome, String message, String host, Integer port) {

    public static final MessageType<GuestConsoleEndpoint> TYPE =
            MessageType.of("console_endpoint", "1.0", GuestConsoleEndpoint.class);

    public enum Outcome {
        READY,
        /** The guest exists but its console does not listen now (not running): Nova's InstanceNotReady. */
        NOT_READY,
        /** The host does not have the guest: Nova's InstanceNotFound. */
        NOT_FOUND,
        /**
         * The console type is turned off on the host, or the guest has no such console (no VNC display, no TCP
         * serial port): Nova's ConsoleTypeUnavailable.
         */
        UNAVAILABLE,
        /** The host's driver has no consoles: Nova's NotImplementedError. */
        NOT_SUPPORTED,
        /** The hypervisor could not be read. */
        FAILED
    }

    public static GuestConsoleEndpoint ready(String host, int port) {
        return new GuestConsoleEndpoint(Outcome.READY, null, host, port);
    }

    public static GuestConsoleEndpoint refused(Outcome outcome, String message) {
        return new GuestConsoleEndpoint(outcome, message, null, null);
    }
}
