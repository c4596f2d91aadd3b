package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * One step of a cold move, to the host that does it:
 * <ul>
 * <li>{@code RESIZE} (scheduler to the source): stop the guest, hand its disks over, then {@code FINISH_RESIZE}
 * to the destination;</li>
 * <li>{@code FINISH_RESIZE} (source to the destination): define the guest with the new flavor on the moved disks
 * and start it unless it was stopped; the instance is then VERIFY_RESIZE;</li>
 * <li>{@code CONFIRM} (compute-api to the source): drop what the source kept for a revert;</li>
 * <li>{@code REVERT} (compute-api to the destination): remove the moved guest, then {@code FINISH_REVERT} to
 * the source;</li>
 * <li>{@code FINISH_REVERT} (destination to the source): bring the guest back as it was.</li>
 * </ul>
 * Every step ends in a {@link MoveReport}; each is idempotent on redelivery.
 */
public record MoveInstance(Step step, InstanceMove move) {

    public static final MessageType<MoveInstance> TYPE = MessageType.of("move_instance", "1.0", MoveInstance.class);

    public enum Step { RESIZE, FINISH_RESIZE, CONFIRM, REVERT, FINISH_REVERT }
}
