package dev.stratus.identity.rest;

import dev.stratus.common.auth.Policy;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.identity.persistence.RoleAssignmentEntity;
import dev.stratus.identity.persistence.RoleEntity;
import dev.stratus.identity.service.ApplicationCredentials;
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
import java.util.Map;

/**
 * Role grants of a user or a group on a project, a domain or the system, served below
 * {@code /v3/{projects,domains}/{id}/{users,groups}/{actor}/roles[/{role}]} and
 * {@code /v3/system/{users,groups}/{actor}/roles[/{role}]} as sub-resources of {@link ProjectResource},
 * {@link DomainResource} and {@link SystemResource}.
 */
@jakarta.enterprise.context.ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class GrantResource {

    private final Policy policy;
    private final ApiSettings api;
    private final Directory directory;
    private final Revocations revocations;
    private final ApplicationCredentials credentials;

    public GrantResource(Policy policy, ApiSettings api, Directory directory, Revocations revocations,
            ApplicationCredentials credentials) {
        this.credentials = credentials;
        this.policy = policy;
        this.api = api;
        this.directory = directory;
        this.revocations = revocations;
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list(@PathParam("targetId") String targetId,
            @PathParam("actorId") String actorId, @Context UriInfo uri) {
        policy.enforce("identity:list_grants", Policy.admin());
        String type = type(uri);
        String target = target(uri, targetId);
        String base = PublicUrls.base(api, uri);
        return checkTarget(type, target).chain(() -> checkActor(uri, actorId))
                .chain(() -> RoleAssignmentEntity.<RoleAssignmentEntity>list(
                        "actorId = ?1 and targetType = ?2 and targetId = ?3", actorId, type, target))
                .chain(grants -> grants.isEmpty() ? Uni.createFrom().item(java.util.List.<RoleEntity>of())
                        : RoleEntity.<RoleEntity>list("id in ?1", grants.stream().map(g -> g.roleId).toList()))
                .map(roles -> Views.collection("roles", roles.stream().sorted(Comparator.comparing(r -> r.name))
                        .map(r -> Views.role(r, base)).toList(), uri.getRequestUri().toString()));
    }

    @PUT
    @Path("{roleId}")
    @WithTransaction
    public Uni<Response> grant(@PathParam("targetId") String targetId,
            @PathParam("actorId") String actorId, @PathParam("roleId") String roleId, @Context UriInfo uri) {
        policy.enforce("identity:create_grant", Policy.admin());
        String type = type(uri);
        String target = target(uri, targetId);
        return checkAll(uri, type, target, actorId, roleId)
                .chain(() -> RoleAssignmentEntity.findById(new RoleAssignmentEntity.Key(actorId, type, target, roleId)))
                .chain(existing -> existing != null ? Uni.createFrom().voidItem()
                        : RoleAssignmentEntity.of(actorType(uri), actorId, type, target, roleId).persist()
                                .replaceWithVoid())
                .map(x -> Response.noContent().build());
    }

    @HEAD
    @Path("{roleId}")
    @WithSession
    public Uni<Response> check(@PathParam("targetId") String targetId,
            @PathParam("actorId") String actorId, @PathParam("roleId") String roleId, @Context UriInfo uri) {
        return find(uri, targetId, actorId, roleId).map(x -> Response.noContent().build());
    }

    @GET
    @Path("{roleId}")
    @WithSession
    public Uni<Response> checkGet(@PathParam("targetId") String targetId,
            @PathParam("actorId") String actorId, @PathParam("roleId") String roleId, @Context UriInfo uri) {
        return find(uri, targetId, actorId, roleId).map(x -> Response.noContent().build());
    }

    @DELETE
    @Path("{roleId}")
    @WithTransaction
    public Uni<Response> revoke(@PathParam("targetId") String targetId,
            @PathParam("actorId") String actorId, @PathParam("roleId") String roleId, @Context UriInfo uri) {
        policy.enforce("identity:revoke_grant", Policy.admin());
        return find(uri, targetId, actorId, roleId)
                .call(grant -> Directory.requireDeleted(grant.deleteRow(),
                        () -> GrantChecks.missing(roleId, grant.actorId, grant.targetId)))
                .call(revocations::revokeGrant)
                .call(grant -> RoleAssignmentEntity.USER.equals(grant.actorType)
                        && RoleAssignmentEntity.PROJECT.equals(grant.targetType)
                        ? credentials.deleteOnProject(grant.actorId, grant.targetId) : Uni.createFrom().voidItem())
                .map(x -> Response.noContent().build());
    }

    private Uni<RoleAssignmentEntity> find(UriInfo uri, String targetId, String actorId, String roleId) {
        policy.enforce("identity:check_grant", Policy.admin());
        String type = type(uri);
        String target = target(uri, targetId);
        return checkAll(uri, type, target, actorId, roleId)
                .chain(() -> RoleAssignmentEntity.<RoleAssignmentEntity>findById(
                        new RoleAssignmentEntity.Key(actorId, type, target, roleId)))
                .onItem().ifNull().failWith(() -> GrantChecks.missing(roleId, actorId, target));
    }

    private Uni<Void> checkAll(UriInfo uri, String type, String targetId, String actorId, String roleId) {
        return GrantChecks.all(directory, type, targetId, actorType(uri), actorId, roleId);
    }

    private Uni<Void> checkActor(UriInfo uri, String actorId) {
        return GrantChecks.actor(directory, actorType(uri), actorId);
    }

    /** {@code .../users/{id}/roles} or {@code .../groups/{id}/roles}. */
    private static String actorType(UriInfo uri) {
        int at = isSystem(uri) ? 2 : 3;
        return uri.getPathSegments().get(at).getPath().equals("groups")
                ? RoleAssignmentEntity.GROUP : RoleAssignmentEntity.USER;
    }

    private static boolean isSystem(UriInfo uri) {
        return uri.getPathSegments().get(1).getPath().equals("system");
    }

    /** The target id of the URL: the project's or domain's, or "all" for the system. */
    private static String target(UriInfo uri, String targetId) {
        return isSystem(uri) ? RoleAssignmentEntity.ALL_SYSTEM : targetId;
    }

    private Uni<Void> checkTarget(String type, String targetId) {
        return GrantChecks.target(directory, type, targetId);
    }

    /** {@code /v3/projects/...}, {@code /v3/domains/...} or {@code /v3/system/...}. */
    private static String type(UriInfo uri) {
        return switch (uri.getPathSegments().get(1).getPath()) {
            case "projects" -> RoleAssignmentEntity.PROJECT;
            case "system" -> RoleAssignmentEntity.SYSTEM;
            default -> RoleAssignmentEntity.DOMAIN;
        };
    }
}
