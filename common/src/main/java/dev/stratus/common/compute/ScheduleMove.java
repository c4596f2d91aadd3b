package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * compute-api to the scheduler: find a destination for this move and claim the new flavor there (as the
 * migration's consumer, so the source's claim stays whole until the move is confirmed), then start the move on
 * the source host. With no destination, the instance stays where it was and the scheduler says why in a
 * {@link MoveReport} with status {@code error}.
 *
 * @param spec the instance's request spec with its new flavor and the availability zone the instance is pinned to
 *        (null: any); {@code hints.forcedHost} is the admin's target host (a migration's from microversion 2.56, a
 *        live migration's), filtered like any other host unless {@code forced}
 * @param allowSameHost the source host may be the destination (a resize where the operator allows it)
 * @param forced (since 1.1) the admin's target host bypasses the scheduler's filters, as Nova's forced live
 *        migration does: it only has to be up, have room for the claim and take the guest from the source
 */
public record ScheduleMove(InstanceMove move, RequestSpec spec, boolean allowSameHost, boolean forced) {

    public static final MessageType<ScheduleMove> TYPE = MessageType.of("schedule_move", "1.1", ScheduleMove.class);

    /** A move the filters check (version 1.0's fields). */
    public ScheduleMove(InstanceMove move, RequestSpec spec, boolean allowSameHost) {
        this(move, spec, allowSameHost, false);
    }
}
