package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * compute-api to the scheduler: a move was confirmed. The instance's claim on its source host is returned and
 * the destination's claim, held by the migration's consumer until now, becomes the instance's. Idempotent: a
 * second delivery finds nothing left to move.
 */
public record CommitMoveAllocations(String instanceId, String migrationId) {

    public static final MessageType<CommitMoveAllocations> TYPE =
            MessageType.of("commit_move_allocations", "1.0", CommitMoveAllocations.class);
}
