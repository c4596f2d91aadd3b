package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * compute-api to the scheduler: find a destination for this move and claim the new flavor there (as the
 * migration's consumer, so the source's claim stays whole until the move is confirmed), then start the move on
 * the source host. With no destination, the instance stays where it was and the scheduler says why in a
 * {@link MoveReport} with status {@code error}.
 *
 * @param spec the instance's request spec with its new flavor; {@code hints.forcedHost} is the admin's target
 *        host of a migration (microversion 2.56), still filtered like any other host
 * @param allowSameHost the source host may be the destination (a resize where the operator allows it)
 */
public record ScheduleMove(InstanceMove move, RequestSpec spec, boolean allowSameHost) {

    public static final MessageType<ScheduleMove> TYPE = MessageType.of("schedule_move", "1.0", ScheduleMove.class);
}
