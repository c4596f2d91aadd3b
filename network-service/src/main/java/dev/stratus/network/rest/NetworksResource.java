package dev.stratus.network.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.network.api.Attribute;
import dev.stratus.network.api.ResourceSchema;
import dev.stratus.network.api.Values;
import dev.stratus.network.config.NetworkSettings;
import dev.stratus.network.persistence.NetworkRepository;
import dev.stratus.network.service.Access;
import dev.stratus.network.persistence.AgentRepository;
import dev.stratus.network.service.Caller;
import dev.stratus.network.service.DhcpAgentBindings;
import dev.stratus.network.service.NetworkDetails;
import dev.stratus.network.service.NetworkService;
import dev.stratus.network.view.AgentView;
import dev.stratus.network.view.NetworkView;
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

/** {@code /v2.0/networks}. */
@Path("/v2.0/networks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NetworksResource {

    static final ResourceSchema SCHEMA = ResourceSchema.of("network", "networks",
            Attribute.writable("name", "", Values.string(255)),
            Attribute.writable("description", "", Values.string(255)),
            Attribute.writable("admin_state_up", true, Values.bool()),
            Attribute.writable("shared", false, Values.bool()),
            Attribute.writable("router:external", false, Values.bool()),
            Attribute.writable("is_default", false, Values.bool()),
            Attribute.writable("port_security_enabled", true, Values.bool()),
            Attribute.writable("mtu", Attribute.UNSET, Values.integer(68, null)),
            Attribute.writable("provider:network_type", Attribute.UNSET, Values.stringOrNull(255)),
            Attribute.writable("provider:physical_network", Attribute.UNSET, Values.stringOrNull(64)),
            Attribute.writable("provider:segmentation_id", Attribute.UNSET, Values.integerOrNull(null, null)),
            Attribute.createOnly("availability_zone_hints", Attribute.UNSET, Values.uniqueStrings(255)),
            Attribute.writable("dns_domain", "", Values.string(255)));

    private final NetworkService networks;
    private final Access access;
    private final TagEndpoints tags;
    private final ListParams params;
    private final ApiSettings api;
    private final NetworkSettings settings;
    private final DhcpAgentBindings dhcpAgents;
    private final AgentRepository agents;

    public NetworksResource(NetworkService networks, Access access, ListParams params, ApiSettings api,
            NetworkSettings settings, TagEndpoints tags, DhcpAgentBindings dhcpAgents, AgentRepository agents) {
        this.tags = tags;
        this.dhcpAgents = dhcpAgents;
        this.agents = agents;
        this.networks = networks;
        this.access = access;
        this.params = params;
        this.api = api;
        this.settings = settings;
    }

    @GET
    public Map<String, Object> list(@Context UriInfo uri) {
        Caller caller = access.caller();
        ListParams.Parsed parsed = params.parse(uri, NetworkRepository.LISTING);
        return Listing.body("networks", networks.list(caller, parsed.query()).stream().map(d -> view(d, caller))
                .toList(), parsed, uri, api);
    }

    @GET
    @Path("{id}")
    public Map<String, Object> show(@PathParam("id") String id, @Context UriInfo uri) {
        Caller caller = access.caller();
        return Map.of("network", Fields.select(view(networks.get(caller, id), caller), Fields.of(uri)));
    }

    @POST
    public Response create(JsonNode body) {
        Caller caller = access.caller();
        return Created.of(body, "network", "networks", networks.create(caller, SCHEMA.forCreate(body, true)).stream()
                .map(d -> view(d, caller)).toList());
    }

    @PUT
    @Path("{id}")
    public Map<String, Object> update(@PathParam("id") String id, JsonNode body) {
        Caller caller = access.caller();
        return Map.of("network", view(networks.update(caller, id, SCHEMA.forUpdate(body)), caller));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        networks.delete(access.caller(), id);
        return Response.noContent().build();
    }

    /** The DHCP agents hosting the network (dhcp_agent_scheduler). */
    @GET
    @Path("{id}/dhcp-agents")
    public Map<String, Object> dhcpAgents(@PathParam("id") String id) {
        return Map.of("agents", dhcpAgents.agentsHosting(access.caller(), id).stream()
                .map(a -> AgentView.of(a, agents.isAlive(a), settings.availabilityZone())).toList());
    }

    private Map<String, Object> view(NetworkDetails d, Caller caller) {
        return NetworkView.of(d, caller.adminOrService(), settings.availabilityZone());
    }

    /** The tags of one network (standard-attr-tag). */
    @Path("{id}/tags")
    public ResourceTags tags(@PathParam("id") String id) {
        return tags.of("networks", id);
    }
}
