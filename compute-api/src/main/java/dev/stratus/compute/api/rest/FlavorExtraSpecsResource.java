package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.persistence.FlavorRow;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.FlavorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** {@code /v2.1/flavors/{id}/os-extra_specs[/{key}]}, a sub-resource of {@link FlavorsResource}. */
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FlavorExtraSpecsResource {

    private final FlavorService service;
    private final Policy policy;

    public FlavorExtraSpecsResource(FlavorService service, Policy policy) {
        this.service = service;
        this.policy = policy;
    }

    @GET
    public Map<String, Object> list(@PathParam("id") String id) {
        policy.enforce("os_compute_api:os-flavor-extra-specs:index", ComputeRules.reader());
        return Map.of("extra_specs", service.get(id).extraSpecs());
    }

    @POST
    public Map<String, Object> create(@PathParam("id") String id, JsonNode body) {
        policy.enforce("os_compute_api:os-flavor-extra-specs:create", ComputeRules.admin());
        JsonNode specs = body == null ? null : body.get("extra_specs");
        if (specs == null) {
            throw ApiException.badRequest("Invalid input for field/attribute extra_specs. Value: " + body
                    + ". 'extra_specs' is a required property");
        }
        return Map.of("extra_specs", service.putSpecs(id, Bodies.stringMap(specs, "extra_specs")));
    }

    @GET
    @Path("{key}")
    public Map<String, Object> show(@PathParam("id") String id, @PathParam("key") String key) {
        policy.enforce("os_compute_api:os-flavor-extra-specs:show", ComputeRules.reader());
        FlavorRow f = service.get(id);
        String value = f.extraSpecs().get(key);
        if (value == null) {
            throw ApiException.notFound("Flavor " + id + " has no extra specs with key " + key + ".");
        }
        return Map.of(key, value);
    }

    @PUT
    @Path("{key}")
    public Map<String, Object> update(@PathParam("id") String id, @PathParam("key") String key, JsonNode body) {
        policy.enforce("os_compute_api:os-flavor-extra-specs:update", ComputeRules.admin());
        Map<String, String> spec = Bodies.stringMap(body, "extra_specs");
        if (spec.size() != 1) {
            throw ApiException.badRequest("Request body contains too many items");
        }
        if (!spec.containsKey(key)) {
            throw ApiException.badRequest("Request body and URI mismatch");
        }
        service.putSpecs(id, spec);
        return Map.of(key, spec.get(key));
    }

    @DELETE
    @Path("{key}")
    public Response delete(@PathParam("id") String id, @PathParam("key") String key) {
        policy.enforce("os_compute_api:os-flavor-extra-specs:delete", ComputeRules.admin());
        service.deleteSpec(id, key);
        return Response.ok().build();
    }
}
