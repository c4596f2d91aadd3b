package dev.stratus.network.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.network.api.Attribute;
import dev.stratus.network.api.ResourceSchema;
import dev.stratus.network.api.StructuredValues;
import dev.stratus.network.api.Values;
import dev.stratus.network.persistence.SubnetRepository;
import dev.stratus.network.service.Access;
import dev.stratus.network.service.Caller;
import dev.stratus.network.service.SubnetService;
import dev.stratus.network.view.SubnetView;
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
import java.util.List;
import java.util.Map;

/** {@code /v2.0/subnets}. */
@Path("/v2.0/subnets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SubnetsResource {

    private static final List<String> IPV6_MODES = List.of("dhcpv6-stateful", "dhcpv6-stateless", "slaac");

    static final ResourceSchema SCHEMA = ResourceSchema.of("subnet", "subnets",
            Attribute.writable("name", "", Values.string(255)),
            Attribute.writable("description", "", Values.string(255)),
            Attribute.required("network_id", Values.uuid()),
            Attribute.required("ip_version", Values.ipVersion()),
            Attribute.createOnly("cidr", Attribute.UNSET, Values.subnetOrNull()),
            Attribute.writable("gateway_ip", Attribute.UNSET, Values.ipAddressOrNull()),
            Attribute.writable("allocation_pools", Attribute.UNSET, StructuredValues.allocationPools()),
            Attribute.writable("dns_nameservers", Attribute.UNSET, StructuredValues.nameservers()),
            Attribute.writable("host_routes", Attribute.UNSET, StructuredValues.routes("hostroute")),
            Attribute.writable("enable_dhcp", true, Values.bool()),
            Attribute.createOnly("ipv6_ra_mode", Attribute.UNSET, Values.oneOfOrNull(IPV6_MODES)),
            Attribute.createOnly("ipv6_address_mode", Attribute.UNSET, Values.oneOfOrNull(IPV6_MODES)),
            Attribute.createOnly("subnetpool_id", Attribute.UNSET, Values.uuidOrNull()),
            Attribute.createOnly("use_default_subnetpool", false, Values.bool()),
            Attribute.createOnly("prefixlen", Attribute.UNSET, Values.nonNegative()));

    private final SubnetService subnets;
    private final Access access;
    private final TagEndpoints tags;
    private final ListParams params;
    private final ApiSettings api;

    public SubnetsResource(SubnetService subnets, Access access, ListParams params, ApiSettings api,
            TagEndpoints tags) {
        this.tags = tags;
        this.subnets = subnets;
        this.access = access;
        this.params = params;
        this.api = api;
    }

    @GET
    public Map<String, Object> list(@Context UriInfo uri) {
        Caller caller = access.caller();
        ListParams.Parsed parsed = params.parse(uri, SubnetRepository.LISTING);
        return Listing.body("subnets", subnets.list(caller, parsed.query()).stream().map(SubnetView::of).toList(),
                parsed, uri, api);
    }

    @GET
    @Path("{id}")
    public Map<String, Object> show(@PathParam("id") String id, @Context UriInfo uri) {
        return Map.of("subnet", Fields.select(SubnetView.of(subnets.get(access.caller(), id)), Fields.of(uri)));
    }

    @POST
    public Response create(JsonNode body) {
        return Created.of(body, "subnet", "subnets", subnets.create(access.caller(), SCHEMA.forCreate(body, true))
                .stream().map(SubnetView::of).toList());
    }

    @PUT
    @Path("{id}")
    public Map<String, Object> update(@PathParam("id") String id, JsonNode body) {
        return Map.of("subnet", SubnetView.of(subnets.update(access.caller(), id, SCHEMA.forUpdate(body))));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        subnets.delete(access.caller(), id);
        return Response.noContent().build();
    }

    /** The tags of one subnet (standard-attr-tag). */
    @Path("{id}/tags")
    public ResourceTags tags(@PathParam("id") String id) {
        return tags.of("subnets", id);
    }
}
