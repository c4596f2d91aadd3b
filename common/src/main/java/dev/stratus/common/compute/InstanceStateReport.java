package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;
import java.time.Instant;

/**
 * A node (or the scheduler) to compute-api: the instance is now in this state. Applied idempotently: a
 * report whose {@code sequence} is not above the last applied one for the instance changes nothing except
 * its action event. Null fields mean "unchanged", except {@code taskState}, which is always applied
 * ({@code clearTaskState} tells a null task state from "unchanged"). An empty {@code host} and {@code node}
 * mean the instance left its host (it went back to the scheduler).
 *
 * @param vmState Nova's vm_state: building, active, stopped, paused, suspended, error, deleted, ...
 * @param powerState Nova's numbers: 0 NOSTATE, 1 RUNNING, 3 PAUSED, 4 SHUTDOWN, 6 CRASHED, 7 SUSPENDED
 * @param sequence grows with every report about one instance (epoch microseconds on the reporter)
 */
public record InstanceStateReport(String instanceId, String host, String node, String vmState,
        String taskState, boolean clearTaskState, Integer powerState, Instant launchedAt, InstanceFault fault,
        ActionEvent event, long sequence, Instant reportedAt) {

    public static final MessageType<InstanceStateReport> TYPE =
            MessageType.of("instance_state", "1.0", InstanceStateReport.class);
}
