package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * compute-api to {@code compute.<host>} (a call, as Nova's {@code get_vnc_console}): where the guest's VNC server
 * listens, as the console proxy must reach it. The answer is a {@link GuestConsoleEndpoint}; compute-api makes the
 * console auth token and the URL from it.
 */
public record VncConsoleRequest(String instanceId) {

    public static final MessageType<VncConsoleRequest> TYPE =
            MessageType.of("get_vnc_console", "1.0", VncConsoleRequest.class);
}
