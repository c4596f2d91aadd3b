package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.compute.api.network.SecurityGroupRuleProxy;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.view.ComputeVersions;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * Nova's deprecated {@code /v2.1/os-security-group-rules[/{id}]} proxy to network-service, up to microversion
 * 2.35: create (200, with Nova's schema: {@code parent_group_id} a UUID, {@code group_id} a UUID or null, the
 * rest checked by {@code NovaRule}) and delete (202).
 */
@Path("/v2.1/os-security-group-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SecurityGroupRulesProxyResource {

    private static final String POLICY = "os_compute_api:os-security-groups:rule:";

    private final SecurityGroupRuleProxy rules;
    private final Policy policy;
    private final RequestedMicroversion version;

    public SecurityGroupRulesProxyResource(SecurityGroupRuleProxy rules, Policy policy,
            RequestedMicroversion version) {
        this.rules = rules;
        this.policy = policy;
        this.version = version;
    }

    private AuthContext enforce(String action) {
        if (!ComputeVersions.NETWORK_PROXY.contains(version.get())) {
            throw ApiException.notFound("The resource could not be found.");
        }
        return policy.enforce(POLICY + action, ComputeRules.member());
    }

    @POST
    public Map<String, Object> create(JsonNode body) {
        AuthContext caller = enforce("create");
        JsonNode rule = Bodies.root(body, "security_group_rule");
        String parent = uuidField(rule, "parent_group_id", true);
        String group = uuidField(rule, "group_id", false);
        return Map.of("security_group_rule", rules.create(caller, parent, group, rule));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        AuthContext caller = enforce("delete");
        rules.delete(caller, SecurityGroupsProxyResource.uuid(id));
        return Response.accepted().build();
    }

    /** A string in Nova's 'uuid' format; {@code group_id} may also be null. */
    private static String uuidField(JsonNode rule, String field, boolean required) {
        JsonNode v = rule.get(field);
        if (v == null || (!required && v.isNull())) {
            if (required) {
                Bodies.requiredString(rule, field, 0, Integer.MAX_VALUE);
            }
            return null;
        }
        if (!v.isTextual()) {
            throw Bodies.invalid(field, v, required ? "is not of type 'string'" : "is not of type 'string', 'null'");
        }
        if (!Bodies.isUuid(v.asText())) {
            throw Bodies.invalid(field, v, "is not a 'uuid'");
        }
        return v.asText();
    }
}
