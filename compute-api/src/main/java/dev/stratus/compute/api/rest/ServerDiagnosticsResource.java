package dev.stratus.compute.api.rest;

import dev.stratus.common.auth.Policy;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.compute.api.service.DiagnosticsReader;
import dev.stratus.compute.api.view.ServerDiagnosticsView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** {@code GET /v2.1/servers/{id}/diagnostics}: what the server's host measures of it ({@link DiagnosticsReader}). */
@Path("/v2.1/servers/{id}/diagnostics")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ServerDiagnosticsResource {

    private final DiagnosticsReader reader;
    private final Policy policy;
    private final RequestedMicroversion version;

    public ServerDiagnosticsResource(DiagnosticsReader reader, Policy policy, RequestedMicroversion version) {
        this.reader = reader;
        this.policy = policy;
        this.version = version;
    }

    @GET
    public Map<String, Object> show(@PathParam("id") String id) {
        return ServerDiagnosticsView.of(reader.read(policy.caller(), id), version.get());
    }
}
