package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.FlavorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * os-flavor-access: {@code GET /v2.1/flavors/{id}/os-flavor-access} and the addTenantAccess /
 * removeTenantAccess actions of {@code POST /v2.1/flavors/{id}/action}.
 */
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class FlavorAccessResource {

    private final FlavorService service;
    private final Policy policy;

    public FlavorAccessResource(FlavorService service, Policy policy) {
        this.service = service;
        this.policy = policy;
    }

    @GET
    public Map<String, Object> list(@PathParam("id") String id) {
        policy.enforce("os_compute_api:os-flavor-access", ComputeRules.admin());
        return body(id, service.access(id));
    }

    Map<String, Object> action(String id, JsonNode body) {
        if (body != null && body.has("addTenantAccess")) {
            policy.enforce("os_compute_api:os-flavor-access:add_tenant_access", ComputeRules.admin());
            return body(id, service.addAccess(id, tenant(body.get("addTenantAccess"), "addTenantAccess")));
        }
        if (body != null && body.has("removeTenantAccess")) {
            policy.enforce("os_compute_api:os-flavor-access:remove_tenant_access", ComputeRules.admin());
            return body(id, service.removeAccess(id, tenant(body.get("removeTenantAccess"), "removeTenantAccess")));
        }
        throw ApiException.badRequest("There is no such action: " + (body == null ? "None"
                : body.fieldNames().hasNext() ? body.fieldNames().next() : "None"));
    }

    private static String tenant(JsonNode action, String name) {
        if (action == null || !action.isObject()) {
            throw Bodies.invalid(name, action, "is not of type 'object'");
        }
        return Bodies.requiredString(action, "tenant", 1, 255);
    }

    private static Map<String, Object> body(String id, List<String> projects) {
        return Map.of("flavor_access", projects.stream()
                .map(p -> FlavorsResource.accessEntry().apply(id, p)).toList());
    }
}
