package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * A host (or the scheduler) to compute-api: a move reached a new status. {@code state} is applied as any
 * {@link InstanceStateReport}; in the same transaction the migration takes {@code migrationStatus} and, when
 * {@code flavor} is set, the instance takes that flavor. compute-api then settles the claims with the
 * scheduler: {@code confirmed} makes the destination's claim the instance's, {@code reverted} and
 * {@code error} return it.
 *
 * @param migrationStatus Nova's: for cold moves migrating, post-migrating, finished, confirmed, reverted, error;
 *        for live migrations queued, preparing, running, post-migrating, completed, failed, error; for evacuations
 *        pre-migrating, done (the destination built it; the source's claim stays until the source cleaned up),
 *        completed (the source destroyed its guest), failed, error
 *        ({@code completed} makes the destination's claim the instance's, as {@code confirmed} does)
 * @param destHost the destination, when the report names it before the instance is there (a live migration's
 *        statuses while it runs); null otherwise
 */
public record MoveReport(InstanceStateReport state, String migrationId, String migrationStatus, FlavorSpec flavor,
        String destHost, String destNode) {

    public MoveReport(InstanceStateReport state, String migrationId, String migrationStatus, FlavorSpec flavor) {
        this(state, migrationId, migrationStatus, flavor, null, null);
    }

    public static final MessageType<MoveReport> TYPE = MessageType.of("move_report", "1.0", MoveReport.class);

    public static final String MIGRATING = "migrating";
    public static final String POST_MIGRATING = "post-migrating";
    public static final String FINISHED = "finished";
    public static final String CONFIRMED = "confirmed";
    public static final String REVERTED = "reverted";
    public static final String ERROR = "error";
    public static final String QUEUED = "queued";
    public static final String PREPARING = "preparing";
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String PRE_MIGRATING = "pre-migrating";
    public static final String DONE = "done";
}
