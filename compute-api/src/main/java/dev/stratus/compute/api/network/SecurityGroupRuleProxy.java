package dev.stratus.compute.api.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.network.client.NetworkServiceClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Nova's deprecated {@code os-security-group-rules} proxy over network-service: ingress rules only, created with
 * Nova's defaults and checks ({@link NovaRule}) and refused as Nova refuses them (a rule the group already has is
 * a 400, network-service's conflicts are a 403).
 */
@ApplicationScoped
public class SecurityGroupRuleProxy {

    private final SecurityGroupProxy groups;

    public SecurityGroupRuleProxy(SecurityGroupProxy groups) {
        this.groups = groups;
    }

    /**
     * @param parentId the group the rule goes into (a UUID)
     * @param groupId  the source group (a UUID), or null for a CIDR rule
     * @param body     the {@code security_group_rule} object (protocol, ports, cidr)
     */
    public Map<String, Object> create(AuthContext caller, String parentId, String groupId, JsonNode body) {
        JsonNode parent = groups.find(caller, parentId);
        JsonNode source = groupId == null ? null : groups.find(caller, groupId);
        NovaRule rule = NovaRule.requested(parent.path("id").asText(), body, groupId);
        if (rule == null) {
            throw ApiException.badRequest("Not enough parameters to build a valid rule.");
        }
        for (JsonNode existing : parent.path("security_group_rules")) {
            if ("ingress".equals(existing.path("direction").asText())
                    && NovaRule.fromNeutron(existing).sameRuleAs(rule)) {
                throw ApiException.badRequest("This rule already exists in group " + rule.parentGroupId());
            }
        }
        JsonNode created = NetworkServiceCalls.proxy(() -> groups.neutron().post(caller.token(), "security-group-rules",
                rule.toNeutron()), 403).path("security_group_rule");
        return NovaRule.fromNeutron(created).view(source == null ? null : NovaSecurityGroupView.source(source));
    }

    /** Deletes an ingress or egress rule of a group the caller may see; 404 when there is none. */
    public void delete(AuthContext caller, String id) {
        NetworkServiceClient neutron = groups.neutron();
        JsonNode rule = NetworkServiceCalls.proxy(() -> neutron.get(caller.token(),
                "security-group-rules/" + NetworkServiceClient.encode(id)), 409).path("security_group_rule");
        groups.find(caller, rule.path("security_group_id").asText());
        NetworkServiceCalls.proxy(() -> {
            neutron.delete(caller.token(), "security-group-rules/" + NetworkServiceClient.encode(id));
            return null;
        }, 409);
    }
}
