package dev.stratus.identity.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.identity.persistence.DomainEntity;
import dev.stratus.identity.service.Directory;
import dev.stratus.identity.service.Domains;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;

@Path("/v3/domains")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DomainResource {

    private final Policy policy;
    @jakarta.inject.Inject
    GrantResource grants;
    private final ApiSettings api;
    private final Directory directory;
    private final Domains domains;

    public DomainResource(Policy policy, ApiSettings api, Directory directory, Domains domains) {
        this.policy = policy;
        this.api = api;
        this.directory = directory;
        this.domains = domains;
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list(@QueryParam("name") String name, @QueryParam("enabled") String enabled,
            @Context UriInfo uri) {
        policy.enforce("identity:list_domains", Policy.admin());
        Boolean enabledFilter = Bodies.enabledFilter(enabled);
        String base = PublicUrls.base(api, uri);
        return DomainEntity.<DomainEntity>listAll().map(all -> Views.collection("domains", all.stream()
                .filter(d -> name == null || d.name.equals(name))
                .filter(d -> enabledFilter == null || d.enabled == enabledFilter)
                .sorted(java.util.Comparator.comparing(d -> d.name))
                .map(d -> Views.domain(d, base)).toList(), base + "/v3/domains"));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("id") String id, @Context UriInfo uri) {
        policy.enforce("identity:get_domain", Policy.admin().or(c -> id.equals(c.domainId())
                || id.equals(c.projectDomainId())));
        return directory.domain(id).map(d -> Map.of("domain", Views.domain(d, PublicUrls.base(api, uri))));
    }

    @POST
    @WithTransaction
    public Uni<Response> create(JsonNode body, @Context UriInfo uri) {
        policy.enforce("identity:create_domain", Policy.admin());
        JsonNode d = Bodies.member(body, "domain");
        return domains.create(Bodies.requiredName(d, 64), Bodies.text(d, "description"),
                        !Boolean.FALSE.equals(Bodies.bool(d, "enabled")))
                .map(saved -> Creation.created("domain", Views.domain(saved, PublicUrls.base(api, uri))));
    }

    @PATCH
    @Path("{id}")
    @WithTransaction
    public Uni<Map<String, Object>> update(@PathParam("id") String id, JsonNode body, @Context UriInfo uri) {
        policy.enforce("identity:update_domain", Policy.admin());
        JsonNode d = Bodies.member(body, "domain");
        Domains.Change change = new Domains.Change(Bodies.has(d, "name") ? Bodies.requiredName(d, 64) : null,
                Bodies.has(d, "description"), Bodies.text(d, "description"), Bodies.bool(d, "enabled"));
        return directory.domain(id).chain(domain -> domains.update(domain, change))
                .map(domain -> Map.of("domain", Views.domain(domain, PublicUrls.base(api, uri))));
    }

    @DELETE
    @Path("{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id) {
        policy.enforce("identity:delete_domain", Policy.admin());
        return directory.domain(id).chain(domains::delete).map(ignored -> Response.noContent().build());
    }

    /** {@code {id}/users/{userId}/roles}: the user's role grants on this target. */
    @Path("{targetId}/users/{actorId}/roles")
    public GrantResource grants() {
        return grants;
    }

    /** {@code {id}/groups/{groupId}/roles}: a group's role grants on this target. */
    @Path("{targetId}/groups/{actorId}/roles")
    public GrantResource groupGrants() {
        return grants;
    }
}
