package dev.stratus.compute.api.service.action;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.compute.api.persistence.InstanceActionRepository;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.ServerLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Set;

/** {@code os-resetState} (admin): force vm_state to active or error and clear the task. */
@ApplicationScoped
class ResetStateAction implements ServerActionHandler {

    private final ServerLookup lookup;
    private final InstanceRepository instances;
    private final InstanceActionRepository actions;
    private final Policy policy;

    ResetStateAction(ServerLookup lookup, InstanceRepository instances, InstanceActionRepository actions,
            Policy policy) {
        this.lookup = lookup;
        this.instances = instances;
        this.actions = actions;
        this.policy = policy;
    }

    @Override
    public Set<String> keys() {
        return Set.of("os-resetState");
    }

    @Override
    @Transactional
    public Outcome handle(String key, AuthContext caller, String serverId, JsonNode args, ApiVersion version,
            String requestId) {
        policy.enforce("os_compute_api:os-admin-actions:reset_state", ComputeRules.admin());
        lookup.lockVisible(caller, serverId);
        String state = args == null || !args.has("state") ? null : args.get("state").asText();
        if (state == null) {
            throw ApiException.badRequest("Invalid input for field/attribute os-resetState. Value: " + args
                    + ". 'state' is a required property");
        }
        if (!state.equals("active") && !state.equals("error")) {
            throw ApiException.badRequest("Invalid input for field/attribute state. Value: " + state + ". '" + state
                    + "' is not one of ['active', 'error']");
        }
        instances.db().update("update instances set vm_state = ?, task_state = null, updated_at = now()"
                + " where uuid = ?", state, serverId);
        actions.start(serverId, "reset_state", requestId, caller.userId(), caller.projectId());
        actions.finish(serverId, requestId, false);
        return Outcome.accepted();
    }
}
