package dev.stratus.identity.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.identity.service.Directory;
import dev.stratus.identity.service.DomainConfigs;
import dev.stratus.identity.service.SecurityComplianceConfig;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * {@code /v3/domains/{id}/config[/{group}[/{option}]]}: a domain's specific configuration (admin), stored and
 * served as Keystone does with domain-specific drivers configured through the database. Stratus has no LDAP
 * driver, so the configuration does not change how the domain's users are found.
 */
@Path("/v3/domains/{domainId}/config")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DomainConfigResource {

    private final Policy policy;
    private final Directory directory;
    private final DomainConfigs configs;
    private final SecurityComplianceConfig securityCompliance;

    public DomainConfigResource(Policy policy, Directory directory, DomainConfigs configs,
            SecurityComplianceConfig securityCompliance) {
        this.policy = policy;
        this.directory = directory;
        this.configs = configs;
        this.securityCompliance = securityCompliance;
    }

    /** 201 when the domain had no configuration, else 200; the configuration replaces any earlier one. */
    @PUT
    @WithTransaction
    public Uni<Response> create(@PathParam("domainId") String domainId, JsonNode body) {
        policy.enforce("identity:create_domain_config", Policy.admin());
        return directory.domain(domainId).chain(d -> configs.create(domainId, config(body)))
                .map(created -> Response.status(created.isNew() ? 201 : 200)
                        .entity(Map.of("config", created.config())).build());
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("domainId") String domainId) {
        return show(domainId, null, null);
    }

    @GET
    @Path("{group}")
    @WithSession
    public Uni<Map<String, Object>> showGroup(@PathParam("domainId") String domainId,
            @PathParam("group") String group) {
        return show(domainId, group, null);
    }

    @GET
    @Path("{group}/{option}")
    @WithSession
    public Uni<Map<String, Object>> showOption(@PathParam("domainId") String domainId,
            @PathParam("group") String group, @PathParam("option") String option) {
        return show(domainId, group, option);
    }

    @PATCH
    @WithTransaction
    public Uni<Map<String, Object>> update(@PathParam("domainId") String domainId, JsonNode body) {
        return update(domainId, body, null, null);
    }

    @PATCH
    @Path("{group}")
    @WithTransaction
    public Uni<Map<String, Object>> updateGroup(@PathParam("domainId") String domainId,
            @PathParam("group") String group, JsonNode body) {
        return update(domainId, body, group, null);
    }

    @PATCH
    @Path("{group}/{option}")
    @WithTransaction
    public Uni<Map<String, Object>> updateOption(@PathParam("domainId") String domainId,
            @PathParam("group") String group, @PathParam("option") String option, JsonNode body) {
        return update(domainId, body, group, option);
    }

    @DELETE
    @WithTransaction
    public Uni<Response> delete(@PathParam("domainId") String domainId) {
        return delete(domainId, null, null);
    }

    @DELETE
    @Path("{group}")
    @WithTransaction
    public Uni<Response> deleteGroup(@PathParam("domainId") String domainId, @PathParam("group") String group) {
        return delete(domainId, group, null);
    }

    @DELETE
    @Path("{group}/{option}")
    @WithTransaction
    public Uni<Response> deleteOption(@PathParam("domainId") String domainId, @PathParam("group") String group,
            @PathParam("option") String option) {
        return delete(domainId, group, option);
    }

    private Uni<Map<String, Object>> show(String domainId, String group, String option) {
        if (SecurityComplianceConfig.GROUP.equals(group)) {
            // Any user may read the password rules (Keystone's identity:get_security_compliance_domain_config).
            policy.enforce("identity:get_security_compliance_domain_config", c -> true);
            Map<String, Object> config = securityCompliance.show(domainId, option);
            return directory.domain(domainId).map(d -> Map.of("config", config));
        }
        policy.enforce("identity:get_domain_config", Policy.admin());
        // A domain that does not exist has no configuration either: the 404 names the configuration, as Keystone's.
        return configs.show(domainId, group, option).map(config -> Map.of("config", config));
    }

    private Uni<Map<String, Object>> update(String domainId, JsonNode body, String group, String option) {
        policy.enforce("identity:update_domain_config", Policy.admin());
        return directory.domain(domainId).chain(d -> configs.update(domainId, config(body), group, option))
                .map(config -> Map.of("config", config));
    }

    private Uni<Response> delete(String domainId, String group, String option) {
        policy.enforce("identity:delete_domain_config", Policy.admin());
        return directory.domain(domainId).chain(d -> configs.delete(domainId, group, option))
                .map(x -> Response.noContent().build());
    }

    /** The body's {@code config}, which Keystone takes as empty when it is missing. */
    private static JsonNode config(JsonNode body) {
        return body == null ? null : body.get("config");
    }
}
