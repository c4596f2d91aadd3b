package dev.stratus.image.metadef.rest;

import dev.stratus.common.auth.Policy;
import dev.stratus.image.metadef.service.ResourceTypes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** {@code GET /v2/metadefs/resource_types}: every resource type namespaces may be associated with. */
@Path("/v2/metadefs/resource_types")
@Produces(MediaType.APPLICATION_JSON)
public class ResourceTypesResource {

    private final Policy policy;
    private final ResourceTypes resourceTypes;

    public ResourceTypesResource(Policy policy, ResourceTypes resourceTypes) {
        this.policy = policy;
        this.resourceTypes = resourceTypes;
    }

    @GET
    public Map<String, Object> list() {
        return Map.of("resource_types", resourceTypes.list(policy.caller()).stream()
                .map(MetadefView::resourceType).toList());
    }
}
