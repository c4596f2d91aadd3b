package dev.stratus.identity.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.identity.persistence.RoleEntity;
import dev.stratus.identity.persistence.TrustEntity;
import dev.stratus.identity.service.Trusts;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code /v3/OS-TRUST/trusts}: Keystone's trusts. The trustor creates one; an admin, the trustor or the trustee
 * reads it and its roles; an admin or the trustor deletes it. A trust that expired or has no uses left is a 404,
 * as in Keystone; no application credential token manages trusts.
 */
@Path("/v3/OS-TRUST/trusts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TrustResource {

    private final Policy policy;
    private final ApiSettings api;
    private final Trusts trusts;
    private final TrustRequests requests;

    public TrustResource(Policy policy, ApiSettings api, Trusts trusts, TrustRequests requests) {
        this.policy = policy;
        this.api = api;
        this.trusts = trusts;
        this.requests = requests;
    }

    @POST
    @WithTransaction
    public Uni<Response> create(JsonNode body, @Context UriInfo uri) {
        TrustBody request = TrustBody.parse(body);
        AuthContext caller = policy.enforce("identity:create_trust",
                c -> c.userId().equals(request.trustorUserId()));
        noApplicationCredential(caller);
        return requests.accept(caller, request).chain(trust -> trust.<TrustEntity>persist())
                .chain(trust -> rolesOf(trust).map(roles -> Creation.created("trust",
                        TrustView.full(trust, roles, PublicUrls.base(api, uri)))));
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list(@QueryParam("trustor_user_id") String trustorUserId,
            @QueryParam("trustee_user_id") String trusteeUserId, @Context UriInfo uri) {
        Uni<List<TrustEntity>> rows;
        if (trustorUserId != null) {
            noApplicationCredential(policy.enforce("identity:list_trusts_for_trustor",
                    Policy.admin().or(c -> c.userId().equals(trustorUserId))));
            rows = TrustEntity.list("trustorUserId = ?1 order by createdAt, id", trustorUserId);
        } else if (trusteeUserId != null) {
            noApplicationCredential(policy.enforce("identity:list_trusts_for_trustee",
                    Policy.admin().or(c -> c.userId().equals(trusteeUserId))));
            rows = TrustEntity.list("trusteeUserId = ?1 order by createdAt, id", trusteeUserId);
        } else {
            noApplicationCredential(policy.enforce("identity:list_trusts", Policy.admin()));
            rows = TrustEntity.list("order by createdAt, id");
        }
        String base = PublicUrls.base(api, uri);
        return rows.map(list -> Views.collection("trusts",
                list.stream().map(t -> TrustView.summary(t, base)).toList(), base + "/v3/OS-TRUST/trusts"));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("id") String id, @Context UriInfo uri) {
        return authorized(id, "identity:get_trust", trustorOrTrustee())
                .chain(trust -> rolesOf(trust).map(roles -> Map.of("trust",
                        TrustView.full(trust, roles, PublicUrls.base(api, uri)))));
    }

    @DELETE
    @Path("{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id) {
        return authorized(id, "identity:delete_trust", trust -> c -> c.userId().equals(trust.trustorUserId))
                .call(trusts::delete)
                .map(x -> Response.noContent().build());
    }

    @GET
    @Path("{id}/roles")
    @WithSession
    public Uni<Map<String, Object>> roles(@PathParam("id") String id, @Context UriInfo uri) {
        String base = PublicUrls.base(api, uri);
        return authorized(id, "identity:list_roles_for_trust", trustorOrTrustee())
                .chain(trust -> rolesOf(trust).map(roles -> Map.of("roles", TrustView.roles(roles, base),
                        "links", TrustView.rolesLinks(trust, base))));
    }

    @GET
    @Path("{id}/roles/{roleId}")
    @WithSession
    public Uni<Map<String, Object>> role(@PathParam("id") String id, @PathParam("roleId") String roleId,
            @Context UriInfo uri) {
        return delegatedRole(id, roleId).map(role -> Map.of("role", Views.role(role, PublicUrls.base(api, uri))));
    }

    @HEAD
    @Path("{id}/roles/{roleId}")
    @WithSession
    public Uni<Response> checkRole(@PathParam("id") String id, @PathParam("roleId") String roleId) {
        return delegatedRole(id, roleId).map(role -> Response.ok().build());
    }

    private Uni<RoleEntity> delegatedRole(String id, String roleId) {
        return authorized(id, "identity:get_role_for_trust", trustorOrTrustee()).chain(trust -> rolesOf(trust)
                .map(roles -> roles.stream().filter(r -> r.id.equals(roleId)).findFirst()
                        .orElseThrow(() -> ApiException.notFound("Could not find role: " + roleId + "."))));
    }

    /** Keystone looks the trust up first (a 404 before any 403), then enforces the rule against it. */
    private Uni<TrustEntity> authorized(String id, String rule,
            java.util.function.Function<TrustEntity, Predicate<AuthContext>> relation) {
        return trusts.usable(id).invoke(trust -> noApplicationCredential(
                policy.enforce(rule, Policy.admin().or(relation.apply(trust)))));
    }

    private static java.util.function.Function<TrustEntity, Predicate<AuthContext>> trustorOrTrustee() {
        return trust -> c -> c.userId().equals(trust.trustorUserId) || c.userId().equals(trust.trusteeUserId);
    }

    private static void noApplicationCredential(AuthContext caller) {
        if (caller.applicationCredentialId() != null) {
            throw ApiException.forbidden("You are not authorized to perform the requested action: Using method"
                    + " 'application_credential' is not allowed for managing trusts.");
        }
    }

    /** The trust's roles, in name order; a role deleted since is left out, as Keystone does. */
    private static Uni<List<RoleEntity>> rolesOf(TrustEntity trust) {
        List<String> ids = trust.roles();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return RoleEntity.<RoleEntity>list("id in ?1 order by name", ids);
    }
}
