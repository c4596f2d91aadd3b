package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.persistence.NicRow;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.NetworkCatalog;
import dev.stratus.compute.api.service.ServerLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v2.1/servers/{id}/os-interface}: the ports of a server. Attaching checks the network or port
 * through the {@link NetworkCatalog} (so a bad one is a 400 as in Nova); hot-plugging a NIC into a running
 * guest is not built yet and answers 501, as does detaching.
 */
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServerInterfacesResource {

    private final ServerLookup lookup;
    private final InstanceRepository instances;
    private final NetworkCatalog networks;
    private final Policy policy;
    private final RequestedMicroversion version;

    public ServerInterfacesResource(ServerLookup lookup, InstanceRepository instances, NetworkCatalog networks,
            Policy policy, RequestedMicroversion version) {
        this.lookup = lookup;
        this.instances = instances;
        this.networks = networks;
        this.policy = policy;
        this.version = version;
    }

    private List<NicRow> ports(String id, String rule) {
        InstanceRow row = lookup.visible(policy.caller(), id);
        policy.enforce(rule, ComputeRules.readerOf(row.projectId()));
        return instances.details(List.of(row), false).get(0).nics().stream().filter(n -> n.portId() != null).toList();
    }

    @GET
    public Map<String, Object> list(@PathParam("id") String id) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (NicRow n : ports(id, "os_compute_api:os-attach-interfaces:list")) {
            out.add(view(n));
        }
        return Map.of("interfaceAttachments", out);
    }

    @GET
    @Path("{port}")
    public Map<String, Object> show(@PathParam("id") String id, @PathParam("port") String port) {
        return Map.of("interfaceAttachment", ports(id, "os_compute_api:os-attach-interfaces:show").stream()
                .filter(n -> port.equals(n.portId())).findFirst().map(this::view)
                .orElseThrow(() -> ApiException.notFound("Port " + port + " is not attached")));
    }

    @POST
    public Map<String, Object> attach(@PathParam("id") String id, JsonNode body) {
        AuthContext caller = policy.caller();
        InstanceRow row = lookup.visible(caller, id);
        policy.enforce("os_compute_api:os-attach-interfaces:create", ComputeRules.memberOf(row.projectId()));
        JsonNode a = body == null ? null : body.get("interfaceAttachment");
        String net = a == null ? null : a.path("net_id").asText(null);
        String port = a == null ? null : a.path("port_id").asText(null);
        if (net != null && port != null) {
            throw ApiException.badRequest("Must not input both network_id and port_id");
        }
        List<NetworkCatalog.Requested> requested = net == null && port == null ? List.of()
                : List.of(new NetworkCatalog.Requested(net, port, null, null));
        if (networks.resolve(caller, requested.isEmpty() ? "auto" : null, requested).isEmpty()) {
            throw ApiException.badRequest("No network is available to attach to the instance.");
        }
        throw ApiException.notImplemented("Attaching interfaces to a server is not implemented by this cloud yet.");
    }

    @DELETE
    @Path("{port}")
    public Map<String, Object> detach(@PathParam("id") String id, @PathParam("port") String port) {
        ports(id, "os_compute_api:os-attach-interfaces:delete").stream().filter(n -> port.equals(n.portId()))
                .findFirst().orElseThrow(() -> ApiException.notFound("Port " + port + " is not attached"));
        throw ApiException.notImplemented("Detaching interfaces from a server is not implemented by this cloud yet.");
    }

    private Map<String, Object> view(NicRow n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("port_state", "ACTIVE");
        m.put("fixed_ips", n.fixedIps().stream().map(ip -> Map.of("ip_address", ip, "subnet_id", "")).toList());
        m.put("port_id", n.portId());
        m.put("net_id", n.networkId());
        m.put("mac_addr", n.macAddress());
        if (version.atLeast("2.70")) {
            m.put("tag", n.tag());
        }
        return m;
    }
}
