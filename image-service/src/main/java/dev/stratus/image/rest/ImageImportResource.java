package dev.stratus.image.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.web.RequestIdFilter;
import dev.stratus.image.persistence.ImageTaskEntity;
import dev.stratus.image.service.ImageRecords;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final Policy policy;
    private final ImageData data;
    private final ImageRecords records;

    public ImageImportResource(Policy policy, ImageData data, ImageRecords records) {
        this.policy = policy;
        this.data = data;
        this.records = records;
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
        data.importStaged(policy.caller(), id, RequestIdFilter.current(), body.toString());
        return Response.accepted().build();
    }

    /** The image's import tasks, newest last (Glance 2.12). */
    @GET
    @Path("tasks")
    @Produces(MediaType.APPLICATION_JSON)
    @WithSession
    public Uni<Map<String, Object>> tasks(@PathParam("id") String id) {
        AuthContext caller = policy.caller();
        return records.visible(caller, id)
                .chain(image -> ImageTaskEntity.<ImageTaskEntity>list("imageId = ?1 order by createdAt", id))
                .map(tasks -> Map.of("tasks", tasks.stream().map(ImageImportResource::render).toList()));
    }

    private static Map<String, Object> render(ImageTaskEntity task) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", task.id);
        m.put("type", task.type);
        m.put("status", task.status);
        m.put("owner", task.owner);
        m.put("image_id", task.imageId);
        m.put("user_id", task.userId);
        m.put("request_id", task.requestId);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("image_id", task.imageId);
        input.put("import_req", parse(task.input));
        input.put("backend", List.of("file"));
        m.put("input", input);
        m.put("result", "success".equals(task.status) ? Map.of("image_id", task.imageId) : null);
        m.put("message", task.message);
        m.put("created_at", ImageView.time(task.createdAt));
        m.put("updated_at", ImageView.time(task.updatedAt));
        m.put("expires_at", null);
        return m;
    }

    private static Object parse(String json) {
        try {
            return JSON.readValue(json, Object.class);
        } catch (java.io.IOException e) {
            return json;
        }
    }
}
