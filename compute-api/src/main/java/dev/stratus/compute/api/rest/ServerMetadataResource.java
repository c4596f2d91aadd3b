package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.service.ServerMetadata;
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

/** {@code /v2.1/servers/{id}/metadata[/{key}]}, a sub-resource of {@link ServersResource}. */
@Path("/v2.1/servers/{id}/metadata")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServerMetadataResource {

    private final ServerMetadata metadata;
    private final Policy policy;

    public ServerMetadataResource(ServerMetadata metadata, Policy policy) {
        this.metadata = metadata;
        this.policy = policy;
    }

    @GET
    public Map<String, Object> list(@PathParam("id") String id) {
        return Map.of("metadata", metadata.all(policy.caller(), id));
    }

    @POST
    public Map<String, Object> merge(@PathParam("id") String id, JsonNode body) {
        return Map.of("metadata", metadata.update(policy.caller(), id, items(body, "metadata"), false));
    }

    @PUT
    public Map<String, Object> replace(@PathParam("id") String id, JsonNode body) {
        return Map.of("metadata", metadata.update(policy.caller(), id, items(body, "metadata"), true));
    }

    @GET
    @Path("{key}")
    public Map<String, Object> show(@PathParam("id") String id, @PathParam("key") String key) {
        String value = metadata.all(policy.caller(), id).get(key);
        if (value == null) {
            throw ApiException.notFound("Metadata item was not found");
        }
        return Map.of("meta", Map.of(key, value));
    }

    @PUT
    @Path("{key}")
    public Map<String, Object> put(@PathParam("id") String id, @PathParam("key") String key, JsonNode body) {
        Map<String, String> meta = items(body, "meta");
        if (meta.size() > 1) {
            throw ApiException.badRequest("Request body contains too many items");
        }
        if (!meta.containsKey(key)) {
            throw ApiException.badRequest("Request body and URI mismatch");
        }
        metadata.update(policy.caller(), id, meta, false);
        return Map.of("meta", meta);
    }

    @DELETE
    @Path("{key}")
    public Response delete(@PathParam("id") String id, @PathParam("key") String key) {
        metadata.delete(policy.caller(), id, key);
        return Response.noContent().build();
    }

    private static Map<String, String> items(JsonNode body, String key) {
        if (body == null || !body.isObject() || !body.has(key)) {
            throw ApiException.badRequest("Invalid input for field/attribute " + key + ". Value: " + body + ". '"
                    + key + "' is a required property");
        }
        return Bodies.stringMap(body.get(key), key);
    }
}
