package dev.stratus.compute.api.service.action;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.compute.api.persistence.InstanceActionRepository;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.ServerLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Set;

/**
 * {@code lock} (with {@code locked_reason} from 2.73) and {@code unlock}. A lock set by an admin can only be
 * lifted by an admin. Locking changes no state on the host.
 */
@ApplicationScoped
class LockActions implements ServerActionHandler {

    private final ServerLookup lookup;
    private final InstanceRepository instances;
    private final InstanceActionRepository actions;
    private final Policy policy;

    LockActions(ServerLookup lookup, InstanceRepository instances, InstanceActionRepository actions, Policy policy) {
        this.lookup = lookup;
        this.instances = instances;
        this.actions = actions;
        this.policy = policy;
    }

    @Override
    public Set<String> keys() {
        return Set.of("lock", "unlock");
    }

    @Override
    @Transactional
    public Outcome handle(String key, AuthContext caller, String serverId, JsonNode args, ApiVersion version,
            String requestId) {
        InstanceRow row = lookup.lockVisible(caller, serverId);
        boolean admin = ComputeRules.isAdmin(caller);
        if (key.equals("lock")) {
            policy.enforce("os_compute_api:os-lock-server:lock", ComputeRules.memberOf(row.projectId()));
            String reason = null;
            if (args != null && args.isObject()) {
                for (var it = args.fieldNames(); it.hasNext();) {
                    String f = it.next();
                    if (!f.equals("locked_reason") || !version.atLeast("2.73")) {
                        throw ApiException.badRequest("Invalid input for field/attribute lock. Additional properties"
                                + " are not allowed ('" + f + "' was unexpected)");
                    }
                }
                reason = args.has("locked_reason") ? args.get("locked_reason").asText() : null;
                if (reason != null && reason.length() > 255) {
                    throw ApiException.badRequest("Invalid input for field/attribute locked_reason. Value: " + reason
                            + ". is too long");
                }
            }
            instances.db().update("update instances set locked = true, locked_by = ?, locked_reason = ?,"
                    + " updated_at = now() where uuid = ?", admin ? "admin" : "owner", reason, serverId);
        } else {
            policy.enforce("os_compute_api:os-lock-server:unlock", ComputeRules.memberOf(row.projectId()));
            if (row.locked() && "admin".equals(row.lockedBy()) && !admin) {
                policy.enforce("os_compute_api:os-lock-server:unlock:unlock_override", ComputeRules.admin());
            }
            instances.db().update("update instances set locked = false, locked_by = null, locked_reason = null,"
                    + " updated_at = now() where uuid = ?", serverId);
        }
        actions.start(serverId, key, requestId, caller.userId(), caller.projectId());
        actions.finish(serverId, requestId, false);
        return Outcome.accepted();
    }
}
