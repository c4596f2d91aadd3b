package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * compute-api to {@code compute.<host>} (a call, as Nova's {@code get_serial_console}): where the TCP end of the
 * guest's first serial port listens, as the serial console proxy must reach it. The answer is a
 * {@link GuestConsoleEndpoint}; compute-api makes the console auth token and the {@code ws://} URL from it.
 */
public record SerialConsoleRequest(String instanceId) {

    public static final MessageType<SerialConsoleRequest> TYPE =
            MessageType.of("get_serial_console", "1.0", SerialConsoleRequest.class);
}
