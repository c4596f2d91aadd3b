package dev.stratus.common.web.app;

import dev.stratus.common.auth.Policy;
import dev.stratus.common.auth.PublicEndpoint;
import dev.stratus.common.web.RequestedMicroversion;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Endpoints exercising the shared filters the way a service's resources use them. */
@Path("/v2.1")
@Produces(MediaType.APPLICATION_JSON)
public class EchoResource {

    private final RequestedMicroversion microversion;
    private final Policy policy;

    public EchoResource(RequestedMicroversion microversion, Policy policy) {
        this.microversion = microversion;
        this.policy = policy;
    }

    @GET
    @Path("version")
    @PublicEndpoint
    public Map<String, String> version() {
        return Map.of("version", microversion.get().toString());
    }

    @GET
    @Path("projects/{project}/things")
    public Map<String, String> things(@PathParam("project") String project) {
        var caller = policy.enforce("os_compute_api:things:list", Policy.projectReader(project));
        return Map.of("user", caller.userId());
    }

    @POST
    @Path("things")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> create(Map<String, Object> body) {
        policy.enforce("os_compute_api:things:create", Policy.admin());
        return body;
    }
}
