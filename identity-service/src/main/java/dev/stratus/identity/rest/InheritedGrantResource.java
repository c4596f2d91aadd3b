package dev.stratus.identity.rest;

import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.identity.persistence.InheritedRoleAssignmentEntity;
import dev.stratus.identity.persistence.RoleAssignmentEntity;
import dev.stratus.identity.persistence.RoleEntity;
import dev.stratus.identity.service.Directory;
import dev.stratus.identity.service.Revocations;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Keystone's OS-INHERIT API: roles a user or group holds on every project of a domain, or of a project's
 * subtree, granted once on the domain or project:
 * {@code /v3/OS-INHERIT/{domains,projects}/{id}/{users,groups}/{actor}/roles[/{role}]/inherited_to_projects}.
 * The grant gives nothing on the domain or project itself.
 */
@Path("/v3/OS-INHERIT/{targets}/{targetId}/{actors}/{actorId}/roles")
@Produces(MediaType.APPLICATION_JSON)
public class InheritedGrantResource {

    private final Policy policy;
    private final ApiSettings api;
    private final Directory directory;
    private final Revocations revocations;

    public InheritedGrantResource(Policy policy, ApiSettings api, Directory directory, Revocations revocations) {
        this.policy = policy;
        this.api = api;
        this.directory = directory;
        this.revocations = revocations;
    }

    /** What the URL names: the target's and the actor's kinds and ids. */
    private record Grant(String targetType, String targetId, String actorType, String actorId) {
    }

    private static Grant grant(String targets, String targetId, String actors, String actorId) {
        String targetType = switch (targets) {
            case "projects" -> RoleAssignmentEntity.PROJECT;
            case "domains" -> RoleAssignmentEntity.DOMAIN;
            default -> throw ApiException.notFound("The resource could not be found.");
        };
        String actorType = switch (actors) {
            case "users" -> RoleAssignmentEntity.USER;
            case "groups" -> RoleAssignmentEntity.GROUP;
            default -> throw ApiException.notFound("The resource could not be found.");
        };
        return new Grant(targetType, targetId, actorType, actorId);
    }

    @GET
    @Path("inherited_to_projects")
    @WithSession
    public Uni<Map<String, Object>> list(@PathParam("targets") String targets, @PathParam("targetId") String targetId,
            @PathParam("actors") String actors, @PathParam("actorId") String actorId, @Context UriInfo uri) {
        policy.enforce("identity:list_grants", Policy.admin());
        Grant g = grant(targets, targetId, actors, actorId);
        String base = PublicUrls.base(api, uri);
        return GrantChecks.target(directory, g.targetType(), targetId)
                .chain(() -> GrantChecks.actor(directory, g.actorType(), actorId))
                .chain(() -> InheritedRoleAssignmentEntity.<InheritedRoleAssignmentEntity>list(
                        "actorId = ?1 and targetType = ?2 and targetId = ?3", actorId, g.targetType(), targetId))
                .chain(grants -> grants.isEmpty() ? Uni.createFrom().item(List.<RoleEntity>of())
                        : RoleEntity.<RoleEntity>list("id in ?1", grants.stream().map(r -> r.roleId).toList()))
                .map(roles -> Views.collection("roles", roles.stream().sorted(Comparator.comparing(r -> r.name))
                        .map(r -> Views.role(r, base)).toList(), uri.getRequestUri().toString()));
    }

    @PUT
    @Path("{roleId}/inherited_to_projects")
    @WithTransaction
    public Uni<Response> create(@PathParam("targets") String targets, @PathParam("targetId") String targetId,
            @PathParam("actors") String actors, @PathParam("actorId") String actorId,
            @PathParam("roleId") String roleId) {
        policy.enforce("identity:create_grant", Policy.admin());
        Grant g = grant(targets, targetId, actors, actorId);
        return GrantChecks.all(directory, g.targetType(), targetId, g.actorType(), actorId, roleId)
                .chain(() -> InheritedRoleAssignmentEntity.findById(
                        new RoleAssignmentEntity.Key(actorId, g.targetType(), targetId, roleId)))
                .chain(existing -> existing != null ? Uni.createFrom().voidItem()
                        : InheritedRoleAssignmentEntity.of(g.actorType(), actorId, g.targetType(), targetId, roleId)
                                .persist().replaceWithVoid())
                .map(x -> Response.noContent().build());
    }

    @HEAD
    @Path("{roleId}/inherited_to_projects")
    @WithSession
    public Uni<Response> check(@PathParam("targets") String targets, @PathParam("targetId") String targetId,
            @PathParam("actors") String actors, @PathParam("actorId") String actorId,
            @PathParam("roleId") String roleId) {
        return find(grant(targets, targetId, actors, actorId), roleId).map(x -> Response.noContent().build());
    }

    @GET
    @Path("{roleId}/inherited_to_projects")
    @WithSession
    public Uni<Response> checkGet(@PathParam("targets") String targets, @PathParam("targetId") String targetId,
            @PathParam("actors") String actors, @PathParam("actorId") String actorId,
            @PathParam("roleId") String roleId) {
        return check(targets, targetId, actors, actorId, roleId);
    }

    @DELETE
    @Path("{roleId}/inherited_to_projects")
    @WithTransaction
    public Uni<Response> revoke(@PathParam("targets") String targets, @PathParam("targetId") String targetId,
            @PathParam("actors") String actors, @PathParam("actorId") String actorId,
            @PathParam("roleId") String roleId) {
        policy.enforce("identity:revoke_grant", Policy.admin());
        return find(grant(targets, targetId, actors, actorId), roleId)
                .call(grant -> Directory.requireDeleted(grant.deleteRow(),
                        () -> GrantChecks.missing(roleId, grant.actorId, grant.targetId)))
                .call(revocations::revokeInherited)
                .map(x -> Response.noContent().build());
    }

    private Uni<InheritedRoleAssignmentEntity> find(Grant g, String roleId) {
        policy.enforce("identity:check_grant", Policy.admin());
        return GrantChecks.all(directory, g.targetType(), g.targetId(), g.actorType(), g.actorId(), roleId)
                .chain(() -> InheritedRoleAssignmentEntity.<InheritedRoleAssignmentEntity>findById(
                        new RoleAssignmentEntity.Key(g.actorId(), g.targetType(), g.targetId(), roleId)))
                .onItem().ifNull().failWith(() -> GrantChecks.missing(roleId, g.actorId(), g.targetId()));
    }
}
