package dev.stratus.compute.api.rest;

import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.view.ComputeExtensions;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Nova's {@code /v2.1/extensions}: the frozen extension list, readable by anyone with a token. */
@Path("/v2.1/extensions")
@Produces(MediaType.APPLICATION_JSON)
public class ExtensionsResource {

    private final Policy policy;

    public ExtensionsResource(Policy policy) {
        this.policy = policy;
    }

    @GET
    public Map<String, Object> list() {
        policy.enforce("os_compute_api:extensions", c -> true);
        return Map.of("extensions", ComputeExtensions.all());
    }

    @GET
    @Path("{alias}")
    public Map<String, Object> show(@PathParam("alias") String alias) {
        policy.enforce("os_compute_api:extensions", c -> true);
        return Map.of("extension", ComputeExtensions.byAlias(alias)
                .orElseThrow(() -> ApiException.notFound("The resource could not be found.")));
    }
}
