package dev.stratus.compute.api.rest;

import dev.stratus.common.auth.Policy;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.ServerLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * {@code /v2.1/servers/{id}/os-server-password}. A guest posts its encrypted password to Nova's metadata
 * service; this cloud has none, so no password is ever stored: the answer is the empty password, as Nova
 * gives for a guest that posted none, and clearing it is always done.
 */
@Path("/v2.1/servers/{id}/os-server-password")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ServerPasswordResource {

    private final ServerLookup lookup;
    private final Policy policy;

    public ServerPasswordResource(ServerLookup lookup, Policy policy) {
        this.lookup = lookup;
        this.policy = policy;
    }

    @GET
    public Map<String, Object> show(@PathParam("id") String id) {
        InstanceRow row = lookup.visible(policy.caller(), id);
        policy.enforce("os_compute_api:os-server-password:show", ComputeRules.readerOf(row.projectId()));
        return Map.of("password", "");
    }

    @DELETE
    public Response clear(@PathParam("id") String id) {
        InstanceRow row = lookup.visible(policy.caller(), id);
        policy.enforce("os_compute_api:os-server-password:clear", ComputeRules.memberOf(row.projectId()));
        return Response.noContent().build();
    }
}
