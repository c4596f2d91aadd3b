package dev.stratus.network.rest;

import dev.stratus.network.api.AutoAllocateFaults;
import dev.stratus.network.service.Access;
import dev.stratus.network.service.AutoAllocatedTopologies;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v2.0/auto-allocated-topology/{project_id}} (auto-allocated-topology): GET returns the project's network,
 * building its topology on first use; {@code ?fields=dry-run} only checks that one could be built; DELETE takes
 * it down.
 */
@Path("/v2.0/auto-allocated-topology/{project_id}")
@Produces(MediaType.APPLICATION_JSON)
public class AutoAllocatedTopologyResource {

    private static final String DRY_RUN = "dry-run";

    private final AutoAllocatedTopologies topologies;
    private final Access access;

    public AutoAllocatedTopologyResource(AutoAllocatedTopologies topologies, Access access) {
        this.topologies = topologies;
        this.access = access;
    }

    @GET
    public Map<String, Object> show(@PathParam("project_id") String projectId, @Context UriInfo uri) {
        List<String> fields = Fields.of(uri);
        AutoAllocatedTopologies.Allocated allocated;
        if (fields.contains(DRY_RUN)) {
            allocated = topologies.check(access.caller(), projectId);
        } else if (!fields.isEmpty()) {
            throw AutoAllocateFaults.unrecognizedField();
        } else {
            allocated = topologies.get(access.caller(), projectId);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", allocated.id());
        body.put("tenant_id", allocated.projectId());
        body.put("project_id", allocated.projectId());
        return Map.of("auto_allocated_topology", body);
    }

    @DELETE
    public Response delete(@PathParam("project_id") String projectId) {
        topologies.delete(access.caller(), projectId);
        return Response.noContent().build();
    }
}
