package dev.stratus.scheduler.rest;

import dev.stratus.common.fault.ApiException;
import dev.stratus.scheduler.service.AllocationService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** GET /usages?project_id=&user_id= (1.9): what a project (or one of its users) consumes. */
@Path("/usages")
@Produces(MediaType.APPLICATION_JSON)
public class UsagesResource {

    private final AllocationService allocations;
    private final PlacementVersions versions;
    private final PlacementPolicy policy;

    public UsagesResource(AllocationService allocations, PlacementVersions versions, PlacementPolicy policy) {
        this.allocations = allocations;
        this.versions = versions;
        this.policy = policy;
    }

    @GET
    public Map<String, Object> usages(@QueryParam("project_id") String projectId, @QueryParam("user_id") String userId) {
        versions.require("1.9");
        policy.enforce("placement:usages");
        if (projectId == null || projectId.isBlank()) {
            throw ApiException.badRequest("Invalid query string parameters: 'project_id' is a required property");
        }
        return Map.of("usages", allocations.projectUsages(projectId, userId));
    }
}
