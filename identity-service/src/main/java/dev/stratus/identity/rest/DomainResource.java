package dev.stratus.identity.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.common.auth.RevocationEvent;
import dev.stratus.identity.persistence.DomainEntity;
import dev.stratus.identity.persistence.GroupEntity;
import dev.stratus.identity.persistence.InheritedRoleAssignmentEntity;
import dev.stratus.identity.persistence.RoleAssignmentEntity;
import dev.stratus.identity.persistence.RoleEntity;
import dev.stratus.identity.persistence.Ids;
import dev.stratus.identity.persistence.ProjectEntity;
import dev.stratus.identity.persistence.UserEntity;
import dev.stratus.identity.service.Directory;
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
    private final dev.stratus.identity.service.Directory directory;
    private final dev.stratus.identity.service.Revocations revocations;

    public DomainResource(Policy policy, ApiSettings api, dev.stratus.identity.service.Directory directory,
            dev.stratus.identity.service.Revocations revocations) {
        this.policy = policy;
        this.api = api;
        this.directory = directory;
        this.revocations = revocations;
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
        DomainEntity domain = new DomainEntity();
        domain.id = Ids.newId();
        domain.name = Bodies.requiredName(d, 64);
        domain.description = Bodies.text(d, "description");
        domain.enabled = !Boolean.FALSE.equals(Bodies.bool(d, "enabled"));
        return Creation.persistUnlessTaken(DomainEntity.count("name", domain.name), domain, "domain", domain.name)
                .map(saved -> Creation.created("domain", Views.domain(saved, PublicUrls.base(api, uri))));
    }

    @PATCH
    @Path("{id}")
    @WithTransaction
    public Uni<Map<String, Object>> update(@PathParam("id") String id, JsonNode body, @Context UriInfo uri) {
        policy.enforce("identity:update_domain", Policy.admin());
        JsonNode d = Bodies.member(body, "domain");
        return directory.domain(id).map(domain -> {
            if (Bodies.has(d, "name")) {
                domain.name = Bodies.requiredName(d, 64);
            }
            if (Bodies.has(d, "description")) {
                domain.description = Bodies.text(d, "description");
            }
            Boolean enabled = Bodies.bool(d, "enabled");
            if (enabled != null) {
                domain.enabled = enabled;
            }
            return Map.of("domain", Views.domain(domain, PublicUrls.base(api, uri)));
        });
    }

    @DELETE
    @Path("{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id) {
        policy.enforce("identity:delete_domain", Policy.admin());
        return directory.domain(id).chain(domain -> {
            if (domain.enabled) {
                return Uni.createFrom().failure(ApiException.forbidden(
                        "Cannot delete a domain that is enabled, please disable it first."));
            }
            // As Keystone: deleting a disabled domain deletes everything it owns.
            return ProjectEntity.<ProjectEntity>list("domainId", id)
                    .call(projects -> RoleAssignmentEntity.delete("targetType = ?1 and targetId in ?2",
                            RoleAssignmentEntity.PROJECT, ids(projects.stream().map(p -> p.id).toList())))
                    .call(projects -> InheritedRoleAssignmentEntity.delete("targetType = ?1 and targetId in ?2",
                            RoleAssignmentEntity.PROJECT, ids(projects.stream().map(p -> p.id).toList())))
                    .call(projects -> revocations.revokeAll(projects.stream()
                            .map(p -> RevocationEvent.ofProject(p.id)).toList()))
                    .call(() -> ProjectEntity.update("parentId = null where domainId = ?1", id))
                    .call(() -> ProjectEntity.delete("domainId", id))
                    .chain(() -> UserEntity.<UserEntity>list("domainId", id))
                    .call(users -> RoleAssignmentEntity.delete("actorId in ?1",
                            ids(users.stream().map(u -> u.id).toList())))
                    .call(users -> InheritedRoleAssignmentEntity.delete("actorId in ?1",
                            ids(users.stream().map(u -> u.id).toList())))
                    .call(users -> revocations.revokeAll(users.stream().map(u -> RevocationEvent.ofUser(u.id)).toList()))
                    .call(() -> UserEntity.delete("domainId", id))
                    .chain(() -> GroupEntity.<GroupEntity>list("domainId", id))
                    .call(groups -> RoleAssignmentEntity.delete("actorId in ?1",
                            ids(groups.stream().map(g -> g.id).toList())))
                    .call(groups -> InheritedRoleAssignmentEntity.delete("actorId in ?1",
                            ids(groups.stream().map(g -> g.id).toList())))
                    .call(() -> GroupEntity.delete("domainId", id))
                    .call(() -> RoleAssignmentEntity.delete("targetType = ?1 and targetId = ?2",
                            RoleAssignmentEntity.DOMAIN, id))
                    .call(() -> InheritedRoleAssignmentEntity.delete("targetType = ?1 and targetId = ?2",
                            RoleAssignmentEntity.DOMAIN, id))
                    .call(() -> RoleEntity.delete("domainId", id))
                    // Its domain-specific configuration goes with the row (on delete cascade).
                    .chain(() -> Directory.requireDeleted(DomainEntity.delete("id", id), "domain", id));
        }).map(ignored -> Response.noContent().build());
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

    /** A list usable in {@code in ?1}: never empty (an impossible id stands in). */
    private static java.util.List<String> ids(java.util.List<String> ids) {
        return ids.isEmpty() ? java.util.List.of("") : ids;
    }
}
