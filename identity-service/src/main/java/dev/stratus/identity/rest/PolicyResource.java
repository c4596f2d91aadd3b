package dev.stratus.identity.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.identity.persistence.Ids;
import dev.stratus.identity.persistence.PolicyEntity;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v3/policies}: Keystone's store of policy blobs by type (admin only). As in Keystone the blobs are kept
 * and served, not evaluated: each service enforces its own policy.
 */
@Path("/v3/policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PolicyResource {

    private static final Set<String> MODELLED = Set.of("id", "type", "blob", "links");

    private final Policy policy;
    private final ApiSettings api;

    public PolicyResource(Policy policy, ApiSettings api) {
        this.policy = policy;
        this.api = api;
    }

    @POST
    @WithTransaction
    public Uni<Response> create(JsonNode body, @Context UriInfo uri) {
        policy.enforce("identity:create_policy", Policy.admin());
        JsonNode p = Bodies.member(body, "policy");
        PolicyEntity row = new PolicyEntity();
        row.id = Ids.newId();
        row.type = Bodies.requiredText(p, "type");
        row.blob = Bodies.requiredText(p, "blob");
        row.extra = JsonColumns.mergeExtra(null, p, MODELLED);
        return row.<PolicyEntity>persist().map(saved -> Creation.created("policy", view(saved,
                PublicUrls.base(api, uri))));
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list(@QueryParam("type") String type, @Context UriInfo uri) {
        policy.enforce("identity:list_policies", Policy.admin());
        String base = PublicUrls.base(api, uri);
        Uni<List<PolicyEntity>> rows = type == null ? PolicyEntity.list("order by createdAt, id")
                : PolicyEntity.list("type = ?1 order by createdAt, id", type);
        return rows.map(list -> Views.collection("policies", list.stream().map(p -> view(p, base)).toList(),
                base + "/v3/policies"));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("id") String id, @Context UriInfo uri) {
        policy.enforce("identity:get_policy", Policy.admin());
        return find(id).map(p -> Map.of("policy", view(p, PublicUrls.base(api, uri))));
    }

    @PATCH
    @Path("{id}")
    @WithTransaction
    public Uni<Map<String, Object>> update(@PathParam("id") String id, JsonNode body, @Context UriInfo uri) {
        policy.enforce("identity:update_policy", Policy.admin());
        JsonNode p = Bodies.member(body, "policy");
        if (p.has("id") && !id.equals(p.get("id").asText())) {
            throw ApiException.badRequest("Cannot change policy ID");
        }
        return find(id).map(row -> {
            if (p.has("type")) {
                row.type = Bodies.requiredText(p, "type");
            }
            if (p.has("blob")) {
                row.blob = Bodies.requiredText(p, "blob");
            }
            row.extra = JsonColumns.mergeExtra(row.extra, p, MODELLED);
            return Map.of("policy", view(row, PublicUrls.base(api, uri)));
        });
    }

    @DELETE
    @Path("{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id) {
        policy.enforce("identity:delete_policy", Policy.admin());
        return Directory.requireDeleted(PolicyEntity.delete("id", id), () -> notFound(id))
                .map(x -> Response.noContent().build());
    }

    private static Uni<PolicyEntity> find(String id) {
        return PolicyEntity.<PolicyEntity>findById(id).onItem().ifNull().failWith(() -> notFound(id));
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Could not find policy: " + id + ".");
    }

    private static Map<String, Object> view(PolicyEntity p, String base) {
        Map<String, Object> m = new LinkedHashMap<>(JsonColumns.extra(p.extra));
        m.put("id", p.id);
        m.put("type", p.type);
        m.put("blob", p.blob);
        m.put("links", Views.links(base + "/v3/policies/" + p.id));
        return m;
    }
}
