package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.compute.DeleteInstance;
import dev.stratus.common.compute.DestroyEvacuated;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.messaging.ComputeCasts;
import dev.stratus.compute.api.operator.persistence.ServiceRecords;
import dev.stratus.compute.api.operator.service.ServiceLiveness;
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
 * Deletes a server from any state: on its host through {@link DeleteInstance} when it has one whose compute service
 * is up (the node's report finishes the delete), else at once here. Nova's local delete: a server whose host is down
 * is deleted here, its claims returned, and its host told to destroy the guest it keeps
 * ({@link DestroyEvacuated#deleted}, waiting in the host's queue until it runs again). Either way the end is
 * {@link InstanceRemoval#finish}.
 */
@ApplicationScoped
public class ServerDeleter {

    private static final Logger LOG = Logger.getLogger(ServerDeleter.class);
    private static final String COMPUTE_BINARY = "nova-compute";

    /**
     * @param keptOnSource a move waiting for its confirm: its source host still keeps the old guest
     * @param downHost the host, down, that keeps the guest of a server deleted here (null: none)
     */
    private record Begun(InstanceRow row, boolean finishedHere, InstanceMove keptOnSource, String downHost) {
    }

    private final ServerLookup lookup;
    private final InstanceActionRepository actions;
    private final InstanceRemoval removal;
    private final ComputeCasts casts;
    private final Policy policy;
    private final MoveRecords moves;
    private final ServiceRecords services;
    private final ServiceLiveness liveness;

    public ServerDeleter(ServerLookup lookup, InstanceActionRepository actions, InstanceRemoval removal,
            ComputeCasts casts, Policy policy, MoveRecords moves, ServiceRecords services, ServiceLiveness liveness) {
        this.moves = moves;
        this.services = services;
        this.liveness = liveness;
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
            if (begun.downHost() != null) {
                reapOnceBack(begun.downHost(), uuid);
            }
        } else {
            try {
                casts.delete(begun.row().host(), new DeleteInstance(uuid, requestId)).join();
            } catch (RuntimeException e) {
                LOG.errorf("Could not send the delete of %s to compute.%s: %s", uuid, begun.row().host(),
                        e.getMessage());
                throw ApiException.unavailable("The compute host of instance " + uuid + " could not be reached;"
                        + " retry the delete.");
            }
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

    private void reapOnceBack(String host, String uuid) {
        LOG.infof("Deleted %s while compute.%s is down: its guest is destroyed once the host runs again", uuid, host);
        casts.destroyEvacuated(host, DestroyEvacuated.deleted(uuid)).whenComplete((ok, e) -> {
            if (e != null) {
                LOG.errorf("Could not tell compute.%s to destroy the guest of deleted %s: %s", host, uuid,
                        e.getMessage());
            }
        });
    }

    @Transactional
    Begun begin(AuthContext caller, String uuid, String requestId, String rule) {
        InstanceRow row = lookup.lockVisible(caller, uuid);
        policy.enforce(rule, ComputeRules.memberOf(row.projectId()));
        if (row.locked() && !ComputeRules.isAdmin(caller)) {
            throw ApiException.conflict("Instance " + uuid + " is locked");
        }
        actions.start(uuid, "delete", requestId, caller.userId(), caller.projectId());
        boolean onHost = row.host() != null && !row.host().isBlank();
        InstanceMove kept = onHost && "resized".equals(row.vmState())
                ? moves.open(uuid).map(MoveRecords.OpenMove::move).filter(m -> m.destHost() != null).orElse(null)
                : null;
        String downHost = onHost && hostIsDown(row.host()) ? row.host() : null;
        if (!onHost || downHost != null) {
            removal.finish(uuid);
            actions.finish(uuid, requestId, false);
            return new Begun(row, true, kept, downHost);
        }
        removal.markDeleting(uuid);
        return new Begun(row, false, kept, null);
    }

    /** A host whose compute service is known and down (forced down, or silent past its down time). */
    private boolean hostIsDown(String host) {
        return services.byHostAndBinary(host, COMPUTE_BINARY).filter(s -> !liveness.isUp(s)).isPresent();
    }
}
