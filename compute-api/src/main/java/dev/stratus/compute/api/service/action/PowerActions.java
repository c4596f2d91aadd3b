package dev.stratus.compute.api.service.action;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.compute.InstanceAction;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.messaging.ComputeCasts;
import dev.stratus.compute.api.persistence.InstanceActionRepository;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.ServerLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * The common path of the power actions: state check, task_state, instance action, then the cast to the
 * instance's host. A cast that cannot be sent puts the task state back and answers 503.
 */
@ApplicationScoped
public class PowerActions {

    private static final Logger LOG = Logger.getLogger(PowerActions.class);

    /** One power action: its API key, its instance-action name, its rule, states and the node's verb. */
    public record Spec(String key, String actionName, String policyRule, StateRule states, String taskState,
            InstanceAction.Kind kind) {
    }

    private final ServerLookup lookup;
    private final InstanceRepository instances;
    private final InstanceActionRepository actions;
    private final ComputeCasts casts;
    private final Policy policy;

    public PowerActions(ServerLookup lookup, InstanceRepository instances, InstanceActionRepository actions,
            ComputeCasts casts, Policy policy) {
        this.lookup = lookup;
        this.instances = instances;
        this.actions = actions;
        this.casts = casts;
        this.policy = policy;
    }

    public void run(AuthContext caller, String uuid, Spec spec, String requestId) {
        InstanceRow row = begin(caller, uuid, spec, requestId);
        try {
            casts.action(row.host(), new InstanceAction(uuid, spec.kind(), requestId)).join();
        } catch (RuntimeException e) {
            LOG.errorf("Could not send %s of %s to compute.%s: %s", spec.key(), uuid, row.host(), e.getMessage());
            undo(uuid, spec.taskState(), requestId);
            throw ApiException.unavailable("The compute host of instance " + uuid + " could not be reached.");
        }
    }

    @Transactional
    InstanceRow begin(AuthContext caller, String uuid, Spec spec, String requestId) {
        InstanceRow row = lookup.lockVisible(caller, uuid);
        policy.enforce(spec.policyRule(), ComputeRules.memberOf(row.projectId()));
        Locks.check(caller, row);
        spec.states().checkOnHost(spec.key(), row);
        instances.db().update("update instances set task_state = ?, updated_at = now() where uuid = ?",
                spec.taskState(), uuid);
        actions.start(uuid, spec.actionName(), requestId, caller.userId(), caller.projectId());
        return row;
    }

    @Transactional
    void undo(String uuid, String taskState, String requestId) {
        instances.db().update("update instances set task_state = null, updated_at = now() where uuid = ?"
                + " and task_state = ?", uuid, taskState);
        actions.finish(uuid, requestId, true);
    }
}
