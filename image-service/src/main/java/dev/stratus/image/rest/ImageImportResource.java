package dev.stratus.image.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.image.service.ImageData;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * Glance's interoperable import with {@code glance-direct}: {@code PUT /stage} streams the data into the
 * staging area, {@code POST /import} moves it into the store (as {@code openstack image create --import}).
 */
@Path("/v2/images/{id}")
public class ImageImportResource {

    private final Policy policy;
    private final ImageData data;

    public ImageImportResource(Policy policy, ImageData data) {
        this.policy = policy;
        this.data = data;
    }

    @PUT
    @Path("stage")
    @Blocking
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    public Response stage(@PathParam("id") String id, InputStream body) {
        data.stage(policy.caller(), id, body);
        return Response.noContent().build();
    }

    @POST
    @Path("import")
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    public Response importImage(@PathParam("id") String id, JsonNode body) {
        String method = body == null ? null : body.path("method").path("name").asText(null);
        if (!"glance-direct".equals(method)) {
            throw ApiException.badRequest("Import method " + method + " is not supported; supported: glance-direct.");
        }
        data.importStaged(policy.caller(), id);
        return Response.accepted().build();
    }
}
