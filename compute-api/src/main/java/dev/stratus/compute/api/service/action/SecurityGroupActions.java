package dev.stratus.compute.api.service.action;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.NetworkCatalog;
import dev.stratus.compute.api.service.ServerLookup;
import dev.stratus.compute.api.service.ServerPorts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Set;

/**
 * {@code addSecurityGroup} / {@code removeSecurityGroup}: recorded on the instance and set on each of its
 * ports in network-service, which enforces them on the host.
 */
@ApplicationScoped
class SecurityGroupActions implements ServerActionHandler {

    private final ServerLookup lookup;
    private final InstanceRepository instances;
    private final Policy policy;
    private final NetworkCatalog networks;
    private final ServerPorts ports;

    SecurityGroupActions(ServerLookup lookup, InstanceRepository instances, Policy policy, NetworkCatalog networks,
            ServerPorts ports) {
        this.lookup = lookup;
        this.instances = instances;
        this.policy = policy;
        this.networks = networks;
        this.ports = ports;
    }

    @Override
    public Set<String> keys() {
        return Set.of("addSecurityGroup", "removeSecurityGroup");
    }

    @Override
    @Transactional
    public Outcome handle(String key, AuthContext caller, String serverId, JsonNode args, ApiVersion version,
            String requestId) {
        InstanceRow row = lookup.lockVisible(caller, serverId);
        boolean add = key.equals("addSecurityGroup");
        policy.enforce(add ? "os_compute_api:os-security-groups:add" : "os_compute_api:os-security-groups:remove",
                ComputeRules.memberOf(row.projectId()));
        if (args == null || !args.isObject() || !args.has("name") || !args.get("name").isTextual()
                || args.get("name").asText().isBlank()) {
            throw ApiException.badRequest("Security group name cannot be empty");
        }
        String asked = args.get("name").asText().strip();
        NetworkCatalog.SecurityGroup group = networks.requireSecurityGroups(caller, java.util.List.of(asked)).get(0);
        String groupId = group.id();
        String name = group.name();
        if (add) {
            if (!instances.addSecurityGroup(serverId, name)) {
                throw ApiException.badRequest("Security group " + name + " is already associated with the instance "
                        + serverId);
            }
        } else if (!instances.removeSecurityGroup(serverId, name)) {
            throw ApiException.badRequest("Security group " + name + " not associated with the instance " + serverId);
        }
        ports.changeSecurityGroup(caller, serverId, groupId, add);
        instances.db().update("update instances set updated_at = now() where uuid = ?", serverId);
        return Outcome.accepted();
    }
}
