package dev.stratus.identity.rest;

import dev.stratus.common.auth.Policy;
import dev.stratus.identity.service.DomainConfigRules;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * {@code /v3/domains/config[/{group}[/{option}]]/default}: Keystone's defaults of the options a domain-specific
 * configuration may set (admin).
 */
@Path("/v3/domains/config")
@Produces(MediaType.APPLICATION_JSON)
public class DomainConfigDefaultsResource {

    private final Policy policy;

    public DomainConfigDefaultsResource(Policy policy) {
        this.policy = policy;
    }

    @GET
    @Path("default")
    public Map<String, Object> all() {
        return defaults(null, null);
    }

    @GET
    @Path("{group}/default")
    public Map<String, Object> group(@PathParam("group") String group) {
        return defaults(group, null);
    }

    @GET
    @Path("{group}/{option}/default")
    public Map<String, Object> option(@PathParam("group") String group, @PathParam("option") String option) {
        return defaults(group, option);
    }

    private Map<String, Object> defaults(String group, String option) {
        policy.enforce("identity:get_domain_config_default", Policy.admin());
        return Map.of("config", DomainConfigRules.defaults(group, option));
    }
}
