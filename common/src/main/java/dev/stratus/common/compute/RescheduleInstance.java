package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * A compute node to the scheduler: the build failed here and cleaned up after itself; release the claim on
 * this host and try an alternate, or end the instance in ERROR with {@code reason} when none is left.
 */
public record RescheduleInstance(BuildInstance build, String failedHost, String reason) {

    public static final MessageType<RescheduleInstance> TYPE =
            MessageType.of("reschedule_instance", "1.0", RescheduleInstance.class);
}
