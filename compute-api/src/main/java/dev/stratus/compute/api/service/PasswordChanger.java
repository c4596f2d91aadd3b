package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.compute.AdminPasswordResult;
import dev.stratus.common.compute.SetAdminPassword;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.messaging.RpcTimeoutException;
import dev.stratus.compute.api.config.ComputeSettings;
import dev.stratus.compute.api.messaging.ComputeCasts;
import dev.stratus.compute.api.persistence.InstanceActionRepository;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.service.action.Locks;
import dev.stratus.compute.api.service.action.StateRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code changePassword}, as Nova's: an ACTIVE server takes the task {@code updating_password} and its host is
 * called to set the password in the guest. A guest without an agent to take it is a 409, a driver that cannot
 * set passwords a 501, as in Nova; the task ends either way.
 */
@ApplicationScoped
public class PasswordChanger {

    private static final StateRule STATES = new StateRule(Set.of("active"), StateRule.NO_TASK);
    private static final String TASK = "updating_password";

    private final ServerLookup lookup;
    private final InstanceRepository instances;
    private final InstanceActionRepository actions;
    private final ComputeCasts casts;
    private final Policy policy;
    private final ComputeSettings settings;

    public PasswordChanger(ServerLookup lookup, InstanceRepository instances, InstanceActionRepository actions,
            ComputeCasts casts, Policy policy, ComputeSettings settings) {
        this.lookup = lookup;
        this.instances = instances;
        this.actions = actions;
        this.casts = casts;
        this.policy = policy;
        this.settings = settings;
    }

    public void change(AuthContext caller, String uuid, String password, String requestId) {
        InstanceRow row = begin(caller, uuid, requestId);
        AdminPasswordResult result;
        try {
            result = casts.setAdminPassword(row.host(), new SetAdminPassword(uuid, password, requestId),
                    settings.consoleTimeout()).get(settings.consoleTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end(uuid, requestId);
            throw ApiException.unavailable("Interrupted while setting the password.");
        } catch (TimeoutException | ExecutionException | CompletionException e) {
            end(uuid, requestId);
            if (e instanceof TimeoutException || e.getCause() instanceof RpcTimeoutException) {
                throw ApiException.conflict("The compute host of instance " + uuid + " did not answer in time;"
                        + " the password may not be set.");
            }
            throw ApiException.unavailable("The compute host of instance " + uuid + " could not be reached.");
        }
        end(uuid, null);
        switch (result.outcome()) {
            case SET -> {
            }
            case NOT_SUPPORTED -> throw ApiException.notImplemented("Unable to set password on instance");
            default -> throw ApiException.conflict(result.message() != null ? result.message()
                    : "Failed to set the password of instance " + uuid + ".");
        }
    }

    @Transactional
    InstanceRow begin(AuthContext caller, String uuid, String requestId) {
        InstanceRow row = lookup.lockVisible(caller, uuid);
        policy.enforce("os_compute_api:os-admin-password", ComputeRules.memberOf(row.projectId()));
        Locks.check(caller, row);
        STATES.checkOnHost("changePassword", row);
        instances.db().update("update instances set task_state = ?, updated_at = now() where uuid = ?", TASK, uuid);
        actions.start(uuid, "changePassword", requestId, caller.userId(), caller.projectId());
        return row;
    }

    /** The task ends (the host's report ends it too); with {@code failedRequest}, its action ends in error. */
    @Transactional
    void end(String uuid, String failedRequest) {
        instances.db().update("update instances set task_state = null, updated_at = now() where uuid = ?"
                + " and task_state = ?", uuid, TASK);
        if (failedRequest != null) {
            actions.finish(uuid, failedRequest, true);
        }
    }
}
