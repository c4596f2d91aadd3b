package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.ServerLookup;
import dev.stratus.compute.api.service.console.RemoteConsoles;
import dev.stratus.compute.api.view.ComputeVersions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
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
 * {@code POST /v2.1/servers/{id}/remote-consoles} (from 2.6; a 404 before): a console URL for a protocol and type,
 * checked against Nova's schema of the microversion (mks and webmks from 2.8). vnc/novnc gives a noVNC URL; rdp is
 * refused at once, as Nova does since it dropped RDP; the other consoles are off here (400, {@link RemoteConsoles}).
 */
@Path("/v2.1/servers/{id}/remote-consoles")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RemoteConsolesResource {

    private static final List<String> PROTOCOLS = List.of("vnc", "spice", "serial", "rdp");
    private static final List<String> TYPES = List.of("novnc", "xvpvnc", "spice-html5", "serial", "rdp-html5");

    private final ServerLookup lookup;
    private final Policy policy;
    private final RequestedMicroversion version;
    private final RemoteConsoles consoles;

    public RemoteConsolesResource(ServerLookup lookup, Policy policy, RequestedMicroversion version,
            RemoteConsoles consoles) {
        this.lookup = lookup;
        this.policy = policy;
        this.version = version;
        this.consoles = consoles;
    }

    @POST
    public Map<String, Object> create(@PathParam("id") String id, JsonNode body) {
        ComputeVersions.requireRoute(version.get(), ComputeVersions.REMOTE_CONSOLES);
        boolean mks = ComputeVersions.REMOTE_CONSOLE_MKS.contains(version.get());
        ConsoleBodies.Request request = ConsoleBodies.remoteConsole(body, mks ? with(PROTOCOLS, "mks") : PROTOCOLS,
                mks ? with(TYPES, "webmks") : TYPES);
        InstanceRow row = lookup.visible(policy.caller(), id);
        policy.enforce("os_compute_api:os-remote-consoles", ComputeRules.memberOf(row.projectId()));
        if (request.protocol().equals("rdp")) {
            throw ApiException.badRequest("Unavailable console type rdp.");
        }
        String url = consoles.url(row, request.protocol(), request.type(), "get_" + request.protocol() + "_console");
        Map<String, Object> console = new LinkedHashMap<>();
        console.put("protocol", request.protocol());
        console.put("type", request.type());
        console.put("url", url);
        return Map.of("remote_console", console);
    }

    private static List<String> with(List<String> values, String more) {
        List<String> all = new ArrayList<>(values);
        all.add(more);
        return all;
    }
}
