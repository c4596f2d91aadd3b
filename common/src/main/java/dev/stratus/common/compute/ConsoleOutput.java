package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/** The reply to {@link ConsoleOutputRequest}. */
public record ConsoleOutput(String output) {

    public static final MessageType<ConsoleOutput> TYPE =
            MessageType.of("console_output", "1.0", ConsoleOutput.class);
}
