package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/** compute-api calls {@code compute.<host>}: the last {@code lines} of the serial console (null: all). */
public record ConsoleOutputRequest(String instanceId, Integer lines) {

    public static final MessageType<ConsoleOutputRequest> TYPE =
            MessageType.of("get_console_output", "1.0", ConsoleOutputRequest.class);
}
