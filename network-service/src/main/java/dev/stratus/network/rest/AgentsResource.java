package dev.stratus.network.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.network.api.Attribute;
import dev.stratus.network.api.Faults;
import dev.stratus.network.api.ResourceSchema;
import dev.stratus.network.api.Values;
import dev.stratus.network.config.NetworkSettings;
import dev.stratus.network.persistence.AgentRepository;
import dev.stratus.network.persistence.AgentRow;
import dev.stratus.network.service.Access;
import dev.stratus.network.service.AgentService;
import dev.stratus.network.service.Caller;
import dev.stratus.network.service.DhcpAgentBindings;
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

/**
 * {@code /v2.0/agents} (agent): list, show, update ({@code admin_state_up}, {@code description}), delete; and the
 * DHCP agent scheduler's {@code /v2.0/agents/{id}/dhcp-networks}. Agents are created by the hosts' reports only.
 */
@Path("/v2.0/agents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgentsResource {

    /** neutron-lib's agents attribute map: everything read-only but the two writable attributes. */
    static final ResourceSchema SCHEMA = ResourceSchema.of("agent", "agents",
            Attribute.readOnly("id"), Attribute.readOnly("agent_type"), Attribute.readOnly("binary"),
            Attribute.readOnly("topic"), Attribute.readOnly("host"), Attribute.readOnly("created_at"),
            Attribute.readOnly("started_at"), Attribute.readOnly("heartbeat_timestamp"), Attribute.readOnly("alive"),
            Attribute.readOnly("configurations"), Attribute.readOnly("availability_zone"),
            new Attribute("admin_state_up", false, true, false, null, Values.bool()),
            new Attribute("description", false, true, false, null, Values.stringOrNull(255)));

    private final AgentService agents;
    private final AgentRepository repository;
    private final DhcpAgentBindings bindings;
    private final Access access;
    private final ListParams params;
    private final ApiSettings api;
    private final NetworkSettings settings;

    public AgentsResource(AgentService agents, AgentRepository repository, DhcpAgentBindings bindings, Access access,
            ListParams params, ApiSettings api, NetworkSettings settings) {
        this.agents = agents;
        this.repository = repository;
        this.bindings = bindings;
        this.access = access;
        this.params = params;
        this.api = api;
        this.settings = settings;
    }

    @GET
    public Map<String, Object> list(@Context UriInfo uri) {
        ListParams.Parsed parsed = params.parse(uri, repository.listing());
        return Listing.body("agents", agents.list(access.caller(), parsed.query()).stream().map(this::view).toList(),
                parsed, uri, api);
    }

    @GET
    @Path("{id}")
    public Map<String, Object> show(@PathParam("id") String id, @Context UriInfo uri) {
        return Map.of("agent", Fields.select(view(agents.get(access.caller(), id)), Fields.of(uri)));
    }

    @PUT
    @Path("{id}")
    public Map<String, Object> update(@PathParam("id") String id, JsonNode body) {
        return Map.of("agent", view(agents.update(access.caller(), id, SCHEMA.forUpdate(body))));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        agents.delete(access.caller(), id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/dhcp-networks")
    public Map<String, Object> dhcpNetworks(@PathParam("id") String id) {
        Caller caller = access.caller();
        return Map.of("networks", bindings.networksHostedBy(caller, id).stream()
                .map(d -> NetworkView.of(d, caller.adminOrService(), settings.availabilityZone())).toList());
    }

    /** Answers 201 with a JSON {@code null}, as Neutron does (clients parse the body). */
    @POST
    @Path("{id}/dhcp-networks")
    public Response addDhcpNetwork(@PathParam("id") String id, JsonNode body) {
        JsonNode networkId = body == null ? null : body.get("network_id");
        if (networkId == null || !networkId.isTextual() || !Values.isUuid(networkId.asText())) {
            throw Faults.badRequest("Invalid input for network_id. Reason: '" + (networkId == null ? "None"
                    : networkId.asText()) + "' is not a valid UUID.");
        }
        bindings.add(access.caller(), id, networkId.asText());
        return Response.status(201).entity("null").type(MediaType.APPLICATION_JSON).build();
    }

    @DELETE
    @Path("{id}/dhcp-networks/{networkId}")
    public Response removeDhcpNetwork(@PathParam("id") String id, @PathParam("networkId") String networkId) {
        bindings.remove(access.caller(), id, networkId);
        return Response.noContent().build();
    }

    private Map<String, Object> view(AgentRow a) {
        return AgentView.of(a, repository.isAlive(a), settings.availabilityZone());
    }
}
