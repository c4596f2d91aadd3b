package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;
import java.util.List;

/**
 * compute-api to the scheduler: place these instances (one create request, min_count..max_count). The
 * decision is made once for all of them: either every instance gets a host or none does, and each one
 * that gets none is reported in ERROR with a fault saying why.
 */
public record ScheduleInstances(RequestSpec spec, List<InstanceBuild> instances, int maxAttempts) {

    public static final MessageType<ScheduleInstances> TYPE =
            MessageType.of("schedule_instances", "1.0", ScheduleInstances.class);

    public ScheduleInstances {
        instances = List.copyOf(instances);
    }
}
