package dev.stratus.identity.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.auth.RevocationEvent;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.identity.persistence.GroupEntity;
import dev.stratus.identity.persistence.GroupMembershipEntity;
import dev.stratus.identity.persistence.Ids;
import dev.stratus.identity.persistence.InheritedRoleAssignmentEntity;
import dev.stratus.identity.persistence.RoleAssignmentEntity;
import dev.stratus.identity.persistence.UserEntity;
import dev.stratus.identity.service.Directory;
import dev.stratus.identity.service.Revocations;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Groups of users ({@code /v3/groups}) and their members; roles granted to a group reach its members. */
@Path("/v3/groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GroupResource {

    private final Policy policy;
    private final ApiSettings api;
    private final Directory directory;
    private final Revocations revocations;

    public GroupResource(Policy policy, ApiSettings api, Directory directory, Revocations revocations) {
        this.policy = policy;
        this.api = api;
        this.directory = directory;
        this.revocations = revocations;
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list(@QueryParam("name") String name, @QueryParam("domain_id") String domainId,
            @Context UriInfo uri) {
        policy.enforce("identity:list_groups", Policy.admin());
        String base = PublicUrls.base(api, uri);
        return GroupEntity.<GroupEntity>listAll().map(all -> Views.collection("groups", all.stream()
                .filter(g -> name == null || g.name.equals(name))
                .filter(g -> domainId == null || g.domainId.equals(domainId))
                .sorted(Comparator.comparing(g -> g.name))
                .map(g -> Views.group(g, base)).toList(), base + "/v3/groups"));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("id") String id, @Context UriInfo uri) {
        policy.enforce("identity:get_group", Policy.admin());
        return directory.group(id).map(g -> Map.of("group", Views.group(g, PublicUrls.base(api, uri))));
    }

    @POST
    @WithTransaction
    public Uni<Response> create(JsonNode body, @Context UriInfo uri) {
        policy.enforce("identity:create_group", Policy.admin());
        JsonNode g = Bodies.member(body, "group");
        GroupEntity group = new GroupEntity();
        group.id = Ids.newId();
        group.name = Bodies.requiredName(g, 255);
        group.description = Bodies.text(g, "description");
        String domainId = Bodies.text(g, "domain_id");
        return directory.domain(domainId != null ? domainId : "default")
                .chain(d -> {
                    group.domainId = d.id;
                    return GroupEntity.count("domainId = ?1 and name = ?2", d.id, group.name);
                })
                .chain(count -> Creation.persistUnlessTaken(Uni.createFrom().item(count), group, "group", group.name))
                .map(saved -> Creation.created("group", Views.group(saved, PublicUrls.base(api, uri))));
    }

    @PATCH
    @Path("{id}")
    @WithTransaction
    public Uni<Map<String, Object>> update(@PathParam("id") String id, JsonNode body, @Context UriInfo uri) {
        policy.enforce("identity:update_group", Policy.admin());
        JsonNode g = Bodies.member(body, "group");
        return directory.group(id).map(group -> {
            if (Bodies.has(g, "name")) {
                group.name = Bodies.requiredName(g, 255);
            }
            if (Bodies.has(g, "description")) {
                group.description = Bodies.text(g, "description");
            }
            return Map.of("group", Views.group(group, PublicUrls.base(api, uri)));
        });
    }

    /** Deleting a group takes its roles away from its members, so their tokens are revoked. */
    @DELETE
    @Path("{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id) {
        policy.enforce("identity:delete_group", Policy.admin());
        return directory.group(id)
                .call(group -> GroupMembershipEntity.membersOf(id).chain(members -> revocations.revokeAll(
                        members.stream().map(RevocationEvent::ofUser).toList())))
                .call(group -> RoleAssignmentEntity.delete("actorId", id))
                .call(group -> InheritedRoleAssignmentEntity.delete("actorId", id))
                .call(group -> Directory.requireDeleted(GroupEntity.delete("id", id), "group", id))
                .map(x -> Response.noContent().build());
    }

    @GET
    @Path("{id}/users")
    @WithSession
    public Uni<Map<String, Object>> members(@PathParam("id") String id, @Context UriInfo uri) {
        policy.enforce("identity:list_users_in_group", Policy.admin());
        String base = PublicUrls.base(api, uri);
        return directory.group(id).chain(g -> GroupMembershipEntity.membersOf(id))
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<UserEntity>of())
                        : UserEntity.<UserEntity>list("id in ?1", ids))
                .map(users -> Views.collection("users", users.stream().sorted(Comparator.comparing(u -> u.name))
                        .map(u -> Views.user(u, base)).toList(), base + "/v3/groups/" + id + "/users"));
    }

    @PUT
    @Path("{id}/users/{userId}")
    @WithTransaction
    public Uni<Response> addMember(@PathParam("id") String id, @PathParam("userId") String userId) {
        policy.enforce("identity:add_user_to_group", Policy.admin());
        return directory.group(id).chain(() -> directory.user(userId))
                .chain(() -> GroupMembershipEntity.findById(new GroupMembershipEntity.Key(id, userId)))
                .chain(existing -> existing != null ? Uni.createFrom().voidItem()
                        : GroupMembershipEntity.of(id, userId).persist().replaceWithVoid())
                .map(x -> Response.noContent().build());
    }

    @HEAD
    @Path("{id}/users/{userId}")
    @WithSession
    public Uni<Response> checkMember(@PathParam("id") String id, @PathParam("userId") String userId) {
        policy.enforce("identity:check_user_in_group", Policy.admin());
        return membership(id, userId).map(x -> Response.noContent().build());
    }

    /** Leaving a group can take roles away, so the user's tokens are revoked. */
    @DELETE
    @Path("{id}/users/{userId}")
    @WithTransaction
    public Uni<Response> removeMember(@PathParam("id") String id, @PathParam("userId") String userId) {
        policy.enforce("identity:remove_user_from_group", Policy.admin());
        return membership(id, userId)
                .call(m -> Directory.requireDeleted(m.deleteRow(), () -> notMember(id, userId)))
                .call(m -> revocations.revoke(RevocationEvent.ofUser(userId)))
                .map(x -> Response.noContent().build());
    }

    private Uni<GroupMembershipEntity> membership(String id, String userId) {
        return directory.group(id).chain(() -> directory.user(userId))
                .chain(() -> GroupMembershipEntity.<GroupMembershipEntity>findById(
                        new GroupMembershipEntity.Key(id, userId)))
                .onItem().ifNull().failWith(() -> notMember(id, userId));
    }

    private static ApiException notMember(String id, String userId) {
        return ApiException.notFound("Could not find user " + userId + " in group " + id + ".");
    }
}
