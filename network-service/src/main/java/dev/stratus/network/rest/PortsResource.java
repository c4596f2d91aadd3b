package dev.stratus.network.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.network.api.Attribute;
import dev.stratus.network.api.ExtraDhcpOptsReader;
import dev.stratus.network.api.ResourceSchema;
import dev.stratus.network.api.StructuredValues;
import dev.stratus.network.api.ValueReader;
import dev.stratus.network.api.Values;
import dev.stratus.network.config.NetworkSettings;
import dev.stratus.network.persistence.PortRepository;
import dev.stratus.network.service.Access;
import dev.stratus.network.service.Caller;
import dev.stratus.network.service.PortDetails;
import dev.stratus.network.service.PortService;
import dev.stratus.network.view.PortView;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /v2.0/ports}. Hosts list their ports with {@code ?binding:host_id=HOST} and resolve remote-group members
 * with {@code ?security_groups=ID} (service role).
 */
@Path("/v2.0/ports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PortsResource {

    /** Neutron's vnic types; only {@code normal} can be bound on these hosts. */
    private static final List<String> VNIC_TYPES = List.of("normal", "direct", "macvtap", "baremetal",
            "direct-physical", "virtio-forwarder", "smart-nic", "vdpa", "remote-managed");

    private final ResourceSchema schema;
    private final PortService ports;
    private final Access access;
    private final TagEndpoints tags;
    private final ListParams params;
    private final ApiSettings api;

    public PortsResource(PortService ports, Access access, ListParams params, ApiSettings api,
            NetworkSettings settings, TagEndpoints tags) {
        this.tags = tags;
        this.ports = ports;
        this.access = access;
        this.params = params;
        this.api = api;
        this.schema = ResourceSchema.of("port", "ports",
                Attribute.writable("name", "", Values.string(255)),
                Attribute.writable("description", "", Values.string(255)),
                Attribute.required("network_id", Values.uuid()),
                Attribute.writable("admin_state_up", true, Values.bool()),
                Attribute.writable("mac_address", Attribute.UNSET, Values.macAddress()),
                Attribute.writable("fixed_ips", Attribute.UNSET, StructuredValues.fixedIps()),
                Attribute.writable("device_id", "", Values.string(255)),
                Attribute.writable("device_owner", "", Values.string(255)),
                Attribute.writable("security_groups", Attribute.UNSET, noneAsEmpty(Values.uuidList())),
                Attribute.writable("allowed_address_pairs", Attribute.UNSET,
                        StructuredValues.addressPairs(settings.maxAllowedAddressPairs())),
                Attribute.writable("port_security_enabled", Attribute.UNSET, Values.bool()),
                Attribute.writable("binding:host_id", "", Values.string(255)),
                Attribute.writable("binding:vnic_type", "normal", Values.oneOf(VNIC_TYPES)),
                Attribute.writable("binding:profile", JsonNodeFactory.instance.objectNode(), Values.dictOrEmpty()),
                Attribute.writable("dns_name", "", Values.dnsName(255)),
                Attribute.writable("extra_dhcp_opts", null, ExtraDhcpOptsReader.reader()));
    }

    private static ValueReader noneAsEmpty(ValueReader reader) {
        return v -> v == null || v.isNull() ? new ArrayList<String>() : reader.read(v);
    }

    @GET
    public Map<String, Object> list(@Context UriInfo uri) {
        Caller caller = access.caller();
        ListParams.Parsed parsed = params.parse(uri, PortRepository.LISTING);
        List<PortDetails> found = ports.list(caller, parsed.query());
        List<Map<String, Object>> items = new ArrayList<>(found.size());
        for (PortDetails d : found) {
            items.add(PortView.of(d, caller.adminOrService()));
        }
        return Listing.body("ports", items, parsed, uri, api);
    }

    @GET
    @Path("{id}")
    public Map<String, Object> show(@PathParam("id") String id, @Context UriInfo uri) {
        Caller caller = access.caller();
        return Map.of("port", Fields.select(PortView.of(ports.get(caller, id), caller.adminOrService()),
                Fields.of(uri)));
    }

    @POST
    public Response create(JsonNode body) {
        Caller caller = access.caller();
        return Created.of(body, "port", "ports", ports.create(caller, schema.forCreate(body, true)).stream()
                .map(d -> PortView.of(d, caller.adminOrService())).toList());
    }

    @PUT
    @Path("{id}")
    public Map<String, Object> update(@PathParam("id") String id, JsonNode body) {
        Caller caller = access.caller();
        return Map.of("port", PortView.of(ports.update(caller, id, schema.forUpdate(body)), caller.adminOrService()));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        ports.delete(access.caller(), id);
        return Response.noContent().build();
    }

    /** The tags of one port (standard-attr-tag). */
    @Path("{id}/tags")
    public ResourceTags tags(@PathParam("id") String id) {
        return tags.of("ports", id);
    }
}
