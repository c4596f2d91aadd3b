package dev.stratus.identity.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.identity.persistence.Ids;
import dev.stratus.identity.persistence.RoleEntity;
import dev.stratus.identity.persistence.InheritedRoleAssignmentEntity;
import dev.stratus.identity.persistence.RoleAssignmentEntity;
import dev.stratus.identity.service.Directory;
import dev.stratus.identity.service.Revocations;
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
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;

@Path("/v3/roles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RoleResource {

    private final Policy policy;
    @jakarta.inject.Inject
    RoleImpliesResource implies;
    private final ApiSettings api;
    private final Directory directory;
    private final Revocations revocations;

    public RoleResource(Policy policy, ApiSettings api, Directory directory, Revocations revocations) {
        this.policy = policy;
        this.api = api;
        this.directory = directory;
        this.revocations = revocations;
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list(@QueryParam("name") String name, @QueryParam("domain_id") String domainId,
            @Context UriInfo uri) {
        policy.enforce("identity:list_roles", Policy.admin());
        String base = PublicUrls.base(api, uri);
        return RoleEntity.<RoleEntity>listAll().map(all -> Views.collection("roles", all.stream()
                .filter(r -> name == null || r.name.equals(name))
                .filter(r -> Objects.equals(r.domainId, domainId))
                .sorted(Comparator.comparing(r -> r.name))
                .map(r -> Views.role(r, base)).toList(), base + "/v3/roles"));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("id") String id, @Context UriInfo uri) {
        policy.enforce("identity:get_role", Policy.admin());
        return directory.role(id).map(r -> Map.of("role", Views.role(r, PublicUrls.base(api, uri))));
    }

    @POST
    @WithTransaction
    public Uni<Response> create(JsonNode body, @Context UriInfo uri) {
        policy.enforce("identity:create_role", Policy.admin());
        JsonNode r = Bodies.member(body, "role");
        RoleEntity role = new RoleEntity();
        role.id = Ids.newId();
        role.name = Bodies.requiredName(r, 255);
        role.domainId = Bodies.text(r, "domain_id");
        role.description = Bodies.text(r, "description");
        Uni<Void> domainCheck = role.domainId == null ? Uni.createFrom().voidItem()
                : directory.domain(role.domainId).replaceWithVoid();
        return domainCheck
                .chain(() -> role.domainId == null
                        ? RoleEntity.count("name = ?1 and domainId is null", role.name)
                        : RoleEntity.count("name = ?1 and domainId = ?2", role.name, role.domainId))
                .chain(count -> Creation.persistUnlessTaken(Uni.createFrom().item(count), role, "role", role.name))
                .map(saved -> Creation.created("role", Views.role(saved, PublicUrls.base(api, uri))));
    }

    @PATCH
    @Path("{id}")
    @WithTransaction
    public Uni<Map<String, Object>> update(@PathParam("id") String id, JsonNode body, @Context UriInfo uri) {
        policy.enforce("identity:update_role", Policy.admin());
        JsonNode r = Bodies.member(body, "role");
        return directory.role(id).map(role -> {
            if (Bodies.has(r, "name")) {
                role.name = Bodies.requiredName(r, 255);
            }
            if (Bodies.has(r, "description")) {
                role.description = Bodies.text(r, "description");
            }
            return Map.of("role", Views.role(role, PublicUrls.base(api, uri)));
        });
    }

    @DELETE
    @Path("{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id) {
        policy.enforce("identity:delete_role", Policy.admin());
        // Tokens carry role names: every token that holds this role through an assignment must go.
        return directory.role(id)
                .call(role -> RoleAssignmentEntity.<RoleAssignmentEntity>list("roleId", id).call(grants -> {
                    Uni<Void> revoke = Uni.createFrom().voidItem();
                    for (RoleAssignmentEntity grant : grants) {
                        revoke = revoke.chain(() -> revocations.revokeGrant(grant));
                    }
                    return revoke;
                }))
                .call(role -> InheritedRoleAssignmentEntity.<InheritedRoleAssignmentEntity>list("roleId", id)
                        .call(grants -> {
                            Uni<Void> revoke = Uni.createFrom().voidItem();
                            for (InheritedRoleAssignmentEntity grant : grants) {
                                revoke = revoke.chain(() -> revocations.revokeInherited(grant));
                            }
                            return revoke;
                        }))
                .call(role -> Directory.requireDeleted(RoleEntity.delete("id", id), "role", id))
                .map(x -> Response.noContent().build());
    }

    /** {@code /v3/roles/{prior}/implies[/{implied}]}. */
    @Path("{prior}/implies")
    public RoleImpliesResource implies() {
        return implies;
    }
}
