package dev.stratus.identity.rest;

import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.identity.persistence.ImpliedRoleEntity;
import dev.stratus.identity.persistence.RoleEntity;
import dev.stratus.identity.service.Directory;
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
import java.util.List;
import java.util.Map;

/**
 * The roles one role implies: {@code /v3/roles/{prior}/implies[/{implied}]}, a sub-resource of
 * {@link RoleResource}.
 */
@jakarta.enterprise.context.ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class RoleImpliesResource {

    private final Policy policy;
    private final ApiSettings api;
    private final Directory directory;

    public RoleImpliesResource(Policy policy, ApiSettings api, Directory directory) {
        this.policy = policy;
        this.api = api;
        this.directory = directory;
    }

    @GET
        @WithSession
    public Uni<Map<String, Object>> ofRole(@PathParam("prior") String prior, @Context UriInfo uri) {
        policy.enforce("identity:list_implied_roles", Policy.admin());
        String base = PublicUrls.base(api, uri);
        return directory.role(prior).chain(role -> ImpliedRoleEntity.<ImpliedRoleEntity>list("priorRoleId", prior)
                .chain(rules -> rules.isEmpty() ? Uni.createFrom().item(List.<RoleEntity>of())
                        : RoleEntity.<RoleEntity>list("id in ?1", rules.stream().map(r -> r.impliedRoleId).toList()))
                .map(implied -> Map.of("role_inference", inference(role, implied, base))));
    }

    @PUT
    @Path("{implied}")
    @WithTransaction
    public Uni<Response> create(@PathParam("prior") String prior, @PathParam("implied") String implied,
            @Context UriInfo uri) {
        policy.enforce("identity:create_implied_role", Policy.admin());
        if (prior.equals(implied)) {
            throw ApiException.badRequest("A role cannot imply itself.");
        }
        String base = PublicUrls.base(api, uri);
        return directory.role(prior).chain(p -> directory.role(implied).invoke(i -> {
            if (p.domainId == null && i.domainId != null) {
                throw ApiException.forbidden("A global role cannot imply the domain-specific role " + i.id + ".");
            }
        }).chain(i -> ImpliedRoleEntity
                .findById(new ImpliedRoleEntity.Key(prior, implied))
                .chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().voidItem();
                    }
                    ImpliedRoleEntity rule = new ImpliedRoleEntity();
                    rule.priorRoleId = prior;
                    rule.impliedRoleId = implied;
                    return rule.persist().replaceWithVoid();
                })
                .map(x -> Response.status(201).entity(Map.of("role_inference", Map.of(
                        "prior_role", ref(p, base), "implies", ref(i, base)))).build())));
    }

    @GET
    @Path("{implied}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("prior") String prior, @PathParam("implied") String implied,
            @Context UriInfo uri) {
        policy.enforce("identity:get_implied_role", Policy.admin());
        String base = PublicUrls.base(api, uri);
        return find(prior, implied).chain(rule -> directory.role(prior).chain(p -> directory.role(implied)
                .map(i -> Map.of("role_inference", Map.of("prior_role", ref(p, base), "implies", ref(i, base))))));
    }

    @HEAD
    @Path("{implied}")
    @WithSession
    public Uni<Response> check(@PathParam("prior") String prior, @PathParam("implied") String implied) {
        policy.enforce("identity:check_implied_role", Policy.admin());
        return find(prior, implied).map(x -> Response.noContent().build());
    }

    @DELETE
    @Path("{implied}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("prior") String prior, @PathParam("implied") String implied) {
        policy.enforce("identity:delete_implied_role", Policy.admin());
        return find(prior, implied).call(rule -> rule.delete()).map(x -> Response.noContent().build());
    }

    private static Uni<ImpliedRoleEntity> find(String prior, String implied) {
        return ImpliedRoleEntity.<ImpliedRoleEntity>findById(new ImpliedRoleEntity.Key(prior, implied))
                .onItem().ifNull().failWith(() -> ApiException.notFound(
                        "Could not find implied role: " + prior + " implies " + implied + "."));
    }

    private static Map<String, Object> inference(RoleEntity prior, List<RoleEntity> implied, String base) {
        return RoleInferenceResource.inference(prior, implied, base);
    }

    private static Map<String, Object> ref(RoleEntity role, String base) {
        return RoleInferenceResource.ref(role, base);
    }
}
