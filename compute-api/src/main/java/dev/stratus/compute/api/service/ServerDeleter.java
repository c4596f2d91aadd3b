package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.compute.DeleteInstance;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.messaging.ComputeCasts;
import dev.stratus.compute.api.persistence.InstanceActionRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.persistence.MoveRecords;
import dev.stratus.common.compute.InstanceMove;
import dev.stratus.common.compute.MoveInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Deletes a server from any state: on its host through {@link DeleteInstance} when it has one (the node's
 * report finishes the delete), else at once here. Either way the end is {@link InstanceRemoval#finish}.
 */
@ApplicationScoped
public class ServerDeleter {

    private static final Logger LOG = Logger.getLogger(ServerDeleter.class);

    /** @param keptOnSource a move waiting for its confirm: its source host still keeps the old guest */
    private record Begun(InstanceRow row, boolean finishedHere, InstanceMove keptOnSource) {
    }

    private final ServerLookup lookup;
    private final InstanceActionRepository actions;
    private final InstanceRemoval removal;
    private final ComputeCasts casts;
    private final Policy policy;
    private final MoveRecords moves;

    public ServerDeleter(ServerLookup lookup, InstanceActionRepository actions, InstanceRemoval removal,
            ComputeCasts casts, Policy policy, MoveRecords moves) {
        this.moves = moves;
        this.lookup = lookup;
        this.actions = actions;
        this.removal = removal;
        this.casts = casts;
        this.policy = policy;
    }

    public void delete(AuthContext caller, String uuid, String requestId, String rule) {
        Begun begun = begin(caller, uuid, requestId, rule);
        if (begun.finishedHere()) {
            removal.released(List.of(uuid));
            return;
        }
        try {
            casts.delete(begun.row().host(), new DeleteInstance(uuid, requestId)).join();
        } catch (RuntimeException e) {
            LOG.errorf("Could not send the delete of %s to compute.%s: %s", uuid, begun.row().host(), e.getMessage());
            throw ApiException.unavailable("The compute host of instance " + uuid + " could not be reached;"
                    + " retry the delete.");
        }
        InstanceMove kept = begun.keptOnSource();
        if (kept != null && !kept.sameHost()) {
            // As Nova, a server deleted in VERIFY_RESIZE has its resize confirmed: the source drops its copy.
            casts.move(kept.sourceHost(), new MoveInstance(MoveInstance.Step.CONFIRM, kept.asRequest(requestId)))
                    .whenComplete((ok, e) -> {
                        if (e != null) {
                            LOG.errorf("Could not tell compute.%s to drop its copy of deleted %s: %s",
                                    kept.sourceHost(), uuid, e.getMessage());
                        }
                    });
        }
    }

    @Transactional
    Begun begin(AuthContext caller, String uuid, String requestId, String rule) {
        InstanceRow row = lookup.lockVisible(caller, uuid);
        policy.enforce(rule, ComputeRules.memberOf(row.projectId()));
        if (row.locked() && !ComputeRules.isAdmin(caller)) {
            throw ApiException.conflict("Instance " + uuid + " is locked");
        }
        actions.start(uuid, "delete", requestId, caller.userId(), caller.projectId());
        if (row.host() == null || row.host().isBlank()) {
            removal.finish(uuid);
            actions.finish(uuid, requestId, false);
            return new Begun(row, true, null);
        }
        removal.markDeleting(uuid);
        InstanceMove kept = "resized".equals(row.vmState())
                ? moves.open(uuid).map(MoveRecords.OpenMove::move).filter(m -> m.destHost() != null).orElse(null)
                : null;
        return new Begun(row, false, kept);
    }
}
