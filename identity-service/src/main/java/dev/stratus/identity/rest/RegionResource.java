package dev.stratus.identity.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.identity.persistence.Ids;
import dev.stratus.identity.persistence.RegionEntity;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
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

/** Regions ({@code /v3/regions}); readable by any authenticated user, as in Keystone. */
@Path("/v3/regions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RegionResource {

    private final Policy policy;
    private final ApiSettings api;

    public RegionResource(Policy policy, ApiSettings api) {
        this.policy = policy;
        this.api = api;
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list(@jakarta.ws.rs.QueryParam("parent_region_id") String parent,
            @Context UriInfo uri) {
        policy.caller();
        String base = PublicUrls.base(api, uri);
        return RegionEntity.<RegionEntity>listAll().map(all -> Views.collection("regions", all.stream()
                .filter(r -> parent == null || parent.equals(r.parentRegionId))
                .sorted(Comparator.comparing(r -> r.id)).map(r -> Views.region(r, base)).toList(),
                base + "/v3/regions"));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("id") String id, @Context UriInfo uri) {
        policy.caller();
        return find(id).map(r -> Map.of("region", Views.region(r, PublicUrls.base(api, uri))));
    }

    @POST
    @WithTransaction
    public Uni<Response> create(JsonNode body, @Context UriInfo uri) {
        return create(Bodies.text(Bodies.member(body, "region"), "id"), body, uri);
    }

    /** Creates a region with the id the caller chose. */
    @PUT
    @Path("{id}")
    @WithTransaction
    public Uni<Response> createWithId(@PathParam("id") String id, JsonNode body, @Context UriInfo uri) {
        return create(id, body, uri);
    }

    @PATCH
    @Path("{id}")
    @WithTransaction
    public Uni<Map<String, Object>> update(@PathParam("id") String id, JsonNode body, @Context UriInfo uri) {
        policy.enforce("identity:update_region", Policy.admin());
        JsonNode r = Bodies.member(body, "region");
        return find(id).call(region -> {
            if (Bodies.has(r, "description")) {
                region.description = Bodies.text(r, "description");
            }
            if (Bodies.has(r, "parent_region_id")) {
                String parent = Bodies.text(r, "parent_region_id");
                if (id.equals(parent)) {
                    throw ApiException.badRequest("A region cannot be its own parent.");
                }
                region.parentRegionId = parent;
                return parent == null ? Uni.createFrom().voidItem() : find(parent).replaceWithVoid();
            }
            return Uni.createFrom().voidItem();
        }).map(region -> Map.of("region", Views.region(region, PublicUrls.base(api, uri))));
    }

    private Uni<Response> create(String requestedId, JsonNode body, UriInfo uri) {
        policy.enforce("identity:create_region", Policy.admin());
        JsonNode r = Bodies.member(body, "region");
        RegionEntity region = new RegionEntity();
        String id = requestedId;
        region.id = id != null ? id : Ids.newId();
        region.description = Bodies.text(r, "description");
        region.parentRegionId = Bodies.text(r, "parent_region_id");
        Uni<Void> parentCheck = region.parentRegionId == null ? Uni.createFrom().voidItem()
                : find(region.parentRegionId).replaceWithVoid();
        return parentCheck.chain(() -> RegionEntity.findById(region.id)).chain(existing -> existing != null
                ? Uni.createFrom().failure(ApiException.conflict(
                        "Conflict occurred attempting to store region - Duplicate ID, " + region.id + "."))
                : region.<RegionEntity>persist())
                .map(saved -> Response.status(201)
                        .entity(Map.of("region", Views.region(saved, PublicUrls.base(api, uri)))).build());
    }

    @DELETE
    @Path("{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id) {
        policy.enforce("identity:delete_region", Policy.admin());
        return find(id).call(r -> r.delete()).map(x -> Response.noContent().build());
    }

    private Uni<RegionEntity> find(String id) {
        return RegionEntity.<RegionEntity>findById(id).onItem().ifNull()
                .failWith(() -> ApiException.notFound("Could not find region: " + id + "."));
    }
}
