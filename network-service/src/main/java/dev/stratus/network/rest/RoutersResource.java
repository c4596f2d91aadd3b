package dev.stratus.network.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.network.api.Attribute;
import dev.stratus.network.api.Faults;
import dev.stratus.network.api.ResourceSchema;
import dev.stratus.network.api.StructuredValues;
import dev.stratus.network.api.Values;
import dev.stratus.network.persistence.RouterRepository;
import dev.stratus.network.service.Access;
import dev.stratus.network.service.Caller;
import dev.stratus.network.service.RouterService;
import dev.stratus.network.view.RouterView;
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

/** {@code /v2.0/routers}, with the add_router_interface and remove_router_interface actions. */
@Path("/v2.0/routers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RoutersResource {

    static final ResourceSchema SCHEMA = ResourceSchema.of("router", "routers",
            Attribute.writable("name", "", Values.string(255)),
            Attribute.writable("description", "", Values.string(255)),
            Attribute.writable("admin_state_up", true, Values.bool()),
            Attribute.writable("external_gateway_info", null, StructuredValues.gatewayInfo()),
            Attribute.writable("routes", Attribute.UNSET, StructuredValues.routes("route")));

    private final RouterService routers;
    private final Access access;
    private final TagEndpoints tags;
    private final ListParams params;
    private final ApiSettings api;

    public RoutersResource(RouterService routers, Access access, ListParams params, ApiSettings api,
            TagEndpoints tags) {
        this.tags = tags;
        this.routers = routers;
        this.access = access;
        this.params = params;
        this.api = api;
    }

    @GET
    public Map<String, Object> list(@Context UriInfo uri) {
        Caller caller = access.caller();
        ListParams.Parsed parsed = params.parse(uri, RouterRepository.LISTING);
        return Listing.body("routers", routers.list(caller, parsed.query()).stream().map(RouterView::of).toList(),
                parsed, uri, api);
    }

    @GET
    @Path("{id}")
    public Map<String, Object> show(@PathParam("id") String id, @Context UriInfo uri) {
        return Map.of("router", Fields.select(RouterView.of(routers.get(access.caller(), id)), Fields.of(uri)));
    }

    @POST
    public Response create(JsonNode body) {
        return Created.of(body, "router", "routers", routers.create(access.caller(), SCHEMA.forCreate(body, true))
                .stream().map(RouterView::of).toList());
    }

    @PUT
    @Path("{id}")
    public Map<String, Object> update(@PathParam("id") String id, JsonNode body) {
        return Map.of("router", RouterView.of(routers.update(access.caller(), id, SCHEMA.forUpdate(body))));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        routers.delete(access.caller(), id);
        return Response.noContent().build();
    }

    @PUT
    @Path("{id}/add_router_interface")
    public Map<String, Object> addInterface(@PathParam("id") String id, JsonNode body) {
        return RouterView.of(routers.addInterface(access.caller(), id, field(body, "subnet_id"),
                field(body, "port_id")));
    }

    @PUT
    @Path("{id}/remove_router_interface")
    public Map<String, Object> removeInterface(@PathParam("id") String id, JsonNode body) {
        return RouterView.of(routers.removeInterface(access.caller(), id, field(body, "subnet_id"),
                field(body, "port_id")));
    }

    private static String field(JsonNode body, String name) {
        if (body == null || !body.isObject()) {
            throw Faults.badRequest("router", "Either subnet_id or port_id must be specified");
        }
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw Faults.badRequest("Invalid input for " + name + ". Reason: '" + value + "' is not a valid UUID.");
        }
        return value.asText();
    }

    /** The tags of one router (standard-attr-tag). */
    @Path("{id}/tags")
    public ResourceTags tags(@PathParam("id") String id) {
        return tags.of("routers", id);
    }
}
