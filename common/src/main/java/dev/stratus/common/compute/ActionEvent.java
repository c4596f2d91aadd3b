package dev.stratus.common.compute;

import java.time.Instant;

/**
 * One event of an instance action (os-instance-actions), e.g. {@code compute_start_instance}. A report with
 * a null {@code finishTime} starts the event; a later one with the same name finishes it with {@code result}
 * {@code Success} or {@code Error}.
 */
public record ActionEvent(String actionRequestId, String event, Instant startTime, Instant finishTime,
        String result, String host, String details) {
}
