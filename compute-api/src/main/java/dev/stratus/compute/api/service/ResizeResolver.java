package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.compute.InstanceMove;
import dev.stratus.common.compute.MoveInstance;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.messaging.ComputeCasts;
import dev.stratus.compute.api.persistence.InstanceActionRepository;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.persistence.MoveRecords;
import dev.stratus.compute.api.service.action.Locks;
import dev.stratus.compute.api.service.action.StateRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Ends a move that waits in VERIFY_RESIZE: {@code confirmResize} tells the source host to drop what it kept,
 * {@code revertResize} tells the destination to remove the moved guest (the source then brings the old one back).
 * The migration's status, the instance action and the cast share one transaction.
 */
@ApplicationScoped
public class ResizeResolver {

    private static final Logger LOG = Logger.getLogger(ResizeResolver.class);
    private static final StateRule RESIZED = new StateRule(Set.of("resized"), StateRule.NO_TASK);

    private final ServerLookup lookup;
    private final InstanceRepository instances;
    private final InstanceActionRepository actions;
    private final MoveRecords moves;
    private final ComputeCasts casts;
    private final Policy policy;

    public ResizeResolver(ServerLookup lookup, InstanceRepository instances, InstanceActionRepository actions,
            MoveRecords moves, ComputeCasts casts, Policy policy) {
        this.lookup = lookup;
        this.instances = instances;
        this.actions = actions;
        this.moves = moves;
        this.casts = casts;
        this.policy = policy;
    }

    @Transactional
    public void confirm(AuthContext caller, String uuid, String requestId) {
        InstanceRow row = lookup.lockVisible(caller, uuid);
        policy.enforce("os_compute_api:servers:confirm_resize", ComputeRules.memberOf(row.projectId()));
        Locks.check(caller, row);
        RESIZED.check("confirmResize", row);
        InstanceMove move = finishedMove(uuid).asRequest(requestId);
        moves.advance(move.migrationId(), "confirming", null, null);
        actions.start(uuid, "confirmResize", requestId, caller.userId(), caller.projectId());
        send(move.sourceHost(), new MoveInstance(MoveInstance.Step.CONFIRM, move), "confirmResize");
    }

    @Transactional
    public void revert(AuthContext caller, String uuid, String requestId) {
        InstanceRow row = lookup.lockVisible(caller, uuid);
        policy.enforce("os_compute_api:servers:revert_resize", ComputeRules.memberOf(row.projectId()));
        Locks.check(caller, row);
        RESIZED.check("revertResize", row);
        InstanceMove move = finishedMove(uuid).asRequest(requestId);
        moves.advance(move.migrationId(), "reverting", null, null);
        instances.db().update("update instances set task_state = 'resize_reverting', updated_at = now()"
                + " where uuid = ?", uuid);
        actions.start(uuid, "revertResize", requestId, caller.userId(), caller.projectId());
        send(move.destHost(), new MoveInstance(MoveInstance.Step.REVERT, move), "revertResize");
    }

    private InstanceMove finishedMove(String uuid) {
        MoveRecords.OpenMove open = moves.open(uuid).filter(m -> "finished".equals(m.status()))
                .orElseThrow(() -> ApiException.badRequest("Instance " + uuid + " has not been resized."));
        if (open.move().destHost() == null) {
            throw ApiException.conflict("The destination of migration " + open.uuid() + " is not known.");
        }
        return open.move();
    }

    private void send(String host, MoveInstance step, String action) {
        try {
            casts.move(host, step).join();
        } catch (RuntimeException e) {
            LOG.errorf("Could not send the %s of %s to compute.%s: %s", action, step.move().instanceId(), host,
                    e.getMessage());
            // the transaction rolls back: the server is as it was
            throw ApiException.unavailable("The compute host " + host + " could not be reached; retry the " + action
                    + ".");
        }
    }
}
