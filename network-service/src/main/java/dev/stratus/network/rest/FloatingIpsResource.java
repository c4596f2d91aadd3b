package dev.stratus.network.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.network.api.Attribute;
import dev.stratus.network.api.ResourceSchema;
import dev.stratus.network.api.Values;
import dev.stratus.network.persistence.FloatingIpRepository;
import dev.stratus.network.service.Access;
import dev.stratus.network.service.Caller;
import dev.stratus.network.service.FloatingIpService;
import dev.stratus.network.view.FloatingIpView;
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

/** {@code /v2.0/floatingips}. */
@Path("/v2.0/floatingips")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FloatingIpsResource {

    static final ResourceSchema SCHEMA = ResourceSchema.of("floatingip", "floatingips",
            Attribute.required("floating_network_id", Values.uuid()),
            Attribute.createOnly("floating_ip_address", Attribute.UNSET, Values.ipAddressOrNull()),
            Attribute.createOnly("subnet_id", Attribute.UNSET, Values.uuidOrNull()),
            Attribute.writable("port_id", Attribute.UNSET, Values.uuidOrNull()),
            Attribute.writable("fixed_ip_address", Attribute.UNSET, Values.ipAddressOrNull()),
            Attribute.writable("description", "", Values.string(255)),
            Attribute.createOnly("dns_name", "", Values.dnsName(255)),
            Attribute.createOnly("dns_domain", "", Values.dnsName(255)));

    private final FloatingIpService floatingIps;
    private final Access access;
    private final TagEndpoints tags;
    private final ListParams params;
    private final ApiSettings api;

    public FloatingIpsResource(FloatingIpService floatingIps, Access access, ListParams params,
            ApiSettings api, TagEndpoints tags) {
        this.tags = tags;
        this.floatingIps = floatingIps;
        this.access = access;
        this.params = params;
        this.api = api;
    }

    @GET
    public Map<String, Object> list(@Context UriInfo uri) {
        Caller caller = access.caller();
        ListParams.Parsed parsed = params.parse(uri, FloatingIpRepository.LISTING);
        return Listing.body("floatingips", floatingIps.list(caller, parsed.query()).stream()
                .map(FloatingIpView::of).toList(), parsed, uri, api);
    }

    @GET
    @Path("{id}")
    public Map<String, Object> show(@PathParam("id") String id, @Context UriInfo uri) {
        return Map.of("floatingip", Fields.select(FloatingIpView.of(floatingIps.get(access.caller(), id)),
                Fields.of(uri)));
    }

    @POST
    public Response create(JsonNode body) {
        return Created.of(body, "floatingip", "floatingips", floatingIps.create(access.caller(),
                SCHEMA.forCreate(body, true)).stream().map(FloatingIpView::of).toList());
    }

    @PUT
    @Path("{id}")
    public Map<String, Object> update(@PathParam("id") String id, JsonNode body) {
        return Map.of("floatingip", FloatingIpView.of(floatingIps.update(access.caller(), id,
                SCHEMA.forUpdate(body))));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        floatingIps.delete(access.caller(), id);
        return Response.noContent().build();
    }

    /** The tags of one floatingip (standard-attr-tag). */
    @Path("{id}/tags")
    public ResourceTags tags(@PathParam("id") String id) {
        return tags.of("floatingips", id);
    }
}
