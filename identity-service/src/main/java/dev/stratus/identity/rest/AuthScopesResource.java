package dev.stratus.identity.rest;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.identity.persistence.DomainEntity;
import dev.stratus.identity.persistence.RoleAssignmentEntity;
import dev.stratus.identity.service.Catalog;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;

/** What the caller's token may be scoped to, and the catalog: {@code /v3/auth/{projects,domains,catalog}}. */
@Path("/v3/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthScopesResource {

    private final Policy policy;
    private final ApiSettings api;
    private final Catalog catalog;

    public AuthScopesResource(Policy policy, ApiSettings api, Catalog catalog) {
        this.policy = policy;
        this.api = api;
        this.catalog = catalog;
    }

    @GET
    @Path("projects")
    @WithSession
    public Uni<Map<String, Object>> projects(@Context UriInfo uri) {
        AuthContext caller = policy.caller();
        String base = PublicUrls.base(api, uri);
        return ProjectsOfUser.list(caller.userId()).map(projects -> Views.collection("projects",
                projects.stream().map(p -> Views.project(p, base)).toList(), base + "/v3/auth/projects"));
    }

    @GET
    @Path("domains")
    @WithSession
    public Uni<Map<String, Object>> domains(@Context UriInfo uri) {
        AuthContext caller = policy.caller();
        String base = PublicUrls.base(api, uri);
        return dev.stratus.identity.service.EffectiveRoles.actorsOf(caller.userId())
                .chain(actors -> RoleAssignmentEntity.<RoleAssignmentEntity>list("actorId in ?1 and targetType = ?2",
                        actors, RoleAssignmentEntity.DOMAIN))
                .chain(grants -> grants.isEmpty()
                        ? Uni.createFrom().item(java.util.List.<DomainEntity>of())
                        : DomainEntity.<DomainEntity>list("id in ?1 and enabled = true",
                                grants.stream().map(g -> g.targetId).distinct().toList()))
                .map(domains -> Views.collection("domains",
                        domains.stream().map(d -> Views.domain(d, base)).toList(), base + "/v3/auth/domains"));
    }

    @GET
    @Path("catalog")
    @WithSession
    public Uni<Map<String, Object>> catalog(@Context UriInfo uri) {
        AuthContext caller = policy.caller();
        if (!caller.isProjectScoped() && caller.domainId() == null) {
            throw dev.stratus.common.fault.ApiException.forbidden(
                    "A scoped token is required to read the catalog.");
        }
        String base = PublicUrls.base(api, uri);
        return catalog.entriesFor(caller.projectId()).map(entries -> Map.of("catalog", entries,
                "links", Map.of("self", base + "/v3/auth/catalog")));
    }
}
