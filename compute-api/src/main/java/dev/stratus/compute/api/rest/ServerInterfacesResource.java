package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.persistence.NicRow;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.ServerLookup;
import dev.stratus.compute.api.service.iface.AttachRequest;
import dev.stratus.compute.api.service.iface.InterfaceAttacher;
import dev.stratus.compute.api.service.iface.InterfaceDetacher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v2.1/servers/{id}/os-interface}: the ports of a server, listed and shown from its NICs; attaching
 * ({@link InterfaceAttacher}, 200 with the new attachment) and detaching ({@link InterfaceDetacher}, 202) as
 * Nova's.
 */
@Path("/v2.1/servers/{id}/os-interface")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServerInterfacesResource {

    private final ServerLookup lookup;
    private final InstanceRepository instances;
    private final InterfaceAttacher attacher;
    private final InterfaceDetacher detacher;
    private final Policy policy;
    private final RequestedMicroversion version;

    public ServerInterfacesResource(ServerLookup lookup, InstanceRepository instances, InterfaceAttacher attacher,
            InterfaceDetacher detacher, Policy policy, RequestedMicroversion version) {
        this.lookup = lookup;
        this.instances = instances;
        this.attacher = attacher;
        this.detacher = detacher;
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
        AttachRequest request = InterfaceAttachmentBody.read(body, version.get());
        NicRow nic = attacher.attach(policy.caller(), id, request, ServersResource.requestId());
        return Map.of("interfaceAttachment", view(nic));
    }

    @DELETE
    @Path("{port}")
    public Response detach(@PathParam("id") String id, @PathParam("port") String port) {
        detacher.detach(policy.caller(), id, port, ServersResource.requestId());
        return Response.accepted().build();
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
