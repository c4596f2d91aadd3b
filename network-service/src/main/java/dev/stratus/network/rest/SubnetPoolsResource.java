package dev.stratus.network.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.network.api.Attribute;
import dev.stratus.network.api.ResourceSchema;
import dev.stratus.network.api.Values;
import dev.stratus.network.persistence.SubnetPoolRepository;
import dev.stratus.network.service.Access;
import dev.stratus.network.service.Caller;
import dev.stratus.network.service.SubnetPoolPrefixes;
import dev.stratus.network.service.SubnetPoolService;
import dev.stratus.network.view.SubnetPoolView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;

/** {@code /v2.0/subnetpools} (subnet_allocation, default-subnetpools). */
@Path("/v2.0/subnetpools")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SubnetPoolsResource {

    /** neutron-lib's subnetpool attribute map: shared is set on create only, ip_version is derived. */
    static final ResourceSchema SCHEMA = ResourceSchema.of("subnetpool", "subnetpools",
            Attribute.writable("name", "", Values.string(255)),
            Attribute.writable("description", "", Values.string(255)),
            Attribute.requiredWritable("prefixes", Values.subnetList()),
            Attribute.writable("default_prefixlen", Attribute.UNSET, Values.nonNegative()),
            Attribute.writable("min_prefixlen", Attribute.UNSET, Values.nonNegative()),
            Attribute.writable("max_prefixlen", Attribute.UNSET, Values.nonNegative()),
            Attribute.writable("default_quota", Attribute.UNSET, Values.nonNegative()),
            Attribute.createOnly("shared", false, Values.bool()),
            Attribute.writable("is_default", false, Values.bool()),
            Attribute.writable("address_scope_id", Attribute.UNSET, Values.uuidOrNull()),
            Attribute.readOnly("ip_version"));

    private final SubnetPoolService pools;
    private final SubnetPoolPrefixes prefixes;
    private final Access access;
    private final TagEndpoints tags;
    private final ListParams params;
    private final ApiSettings api;

    public SubnetPoolsResource(SubnetPoolService pools, Access access, ListParams params, ApiSettings api,
            TagEndpoints tags, SubnetPoolPrefixes prefixes) {
        this.pools = pools;
        this.prefixes = prefixes;
        this.access = access;
        this.params = params;
        this.api = api;
        this.tags = tags;
    }

    @GET
    public Map<String, Object> list(@Context UriInfo uri) {
        Caller caller = access.caller();
        ListParams.Parsed parsed = params.parse(uri, SubnetPoolRepository.LISTING);
        return Listing.body("subnetpools", pools.list(caller, parsed.query()).stream().map(SubnetPoolView::of)
                .toList(), parsed, uri, api);
    }

    @GET
    @Path("{id}")
    public Map<String, Object> show(@PathParam("id") String id, @Context UriInfo uri) {
        return Map.of("subnetpool", Fields.select(SubnetPoolView.of(pools.get(access.caller(), id)), Fields.of(uri)));
    }

    @POST
    public Response create(JsonNode body) {
        return Created.of(body, "subnetpool", "subnetpools", pools.create(access.caller(),
                SCHEMA.forCreate(body, true)).stream().map(SubnetPoolView::of).toList());
    }

    @PUT
    @Path("{id}")
    public Map<String, Object> update(@PathParam("id") String id, JsonNode body) {
        return Map.of("subnetpool", SubnetPoolView.updated(pools.update(access.caller(), id,
                SCHEMA.forUpdate(body))));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        pools.delete(access.caller(), id);
        return Response.noContent().build();
    }

    /** subnetpool-prefix-ops: merge prefixes into the pool; answers {@code {"prefixes": [...]}}. */
    @PUT
    @Path("{id}/add_prefixes")
    public Map<String, Object> addPrefixes(@PathParam("id") String id, JsonNode body) {
        return Map.of("prefixes", prefixes.add(access.caller(), id, body));
    }

    /** subnetpool-prefix-ops: take prefixes out of the pool unless a subnet uses them. */
    @PUT
    @Path("{id}/remove_prefixes")
    public Map<String, Object> removePrefixes(@PathParam("id") String id, JsonNode body) {
        return Map.of("prefixes", prefixes.remove(access.caller(), id, body));
    }

    /** The tags of one subnet pool (standard-attr-tag). */
    @Path("{id}/tags")
    public ResourceTags tags(@PathParam("id") String id) {
        return tags.of("subnetpools", id);
    }
}
