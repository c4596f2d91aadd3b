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
import dev.stratus.image.service.ImageData;
import dev.stratus.image.service.ImageImports;
import dev.stratus.image.service.ImportMethods;
import dev.stratus.image.service.ImportRequest;
import dev.stratus.image.service.StageHostProxy;
import dev.stratus.image.store.ImageStores;
import jakarta.ws.rs.HeaderParam;
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
 * Glance's interoperable import: {@code PUT /stage} streams the data into the staging area, {@code POST /import}
 * starts a {@code glance-direct} import of it into one or more stores (as {@code openstack image create --import}),
 * a {@code web-download} of a URL or a {@code glance-download} of another Glance's image (through staging), or a
 * {@code copy-image} of an active image into more stores; {@code GET /tasks} shows how they went.
 */
@Path("/v2/images/{id}")
public class ImageImportResource {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final Policy policy;
    private final ImageData data;
    private final ImageRecords records;
    private final ImageImports imports;
    private final ImageStores stores;
    private final ImportMethods methods;
    private final StageHostProxy stageHosts;

    public ImageImportResource(Policy policy, ImageData data, ImageRecords records, ImageImports imports,
            ImageStores stores, ImportMethods methods, StageHostProxy stageHosts) {
        this.stageHosts = stageHosts;
        this.methods = methods;
        this.policy = policy;
        this.data = data;
        this.records = records;
        this.imports = imports;
        this.stores = stores;
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
    public Response importImage(@PathParam("id") String id, @HeaderParam("X-Image-Meta-Store") String store,
            JsonNode body) {
        ImportRequest request = ImportRequest.parse(body, store, stores, methods.offered());
        if (ImportRequest.GLANCE_DIRECT.equals(request.method())) {
            // Staged on another worker: the import runs there, as if the caller had asked it (Glance's proxy).
            java.util.Optional<String> host = stageHosts.stagedElsewhere(policy.caller(), id);
            if (host.isPresent()) {
                return relay(stageHosts.forward(host.get(), "POST", "/v2/images/" + id + "/import", body.toString(),
                        policy.caller(), RequestIdFilter.current()));
            }
        }
        imports.start(policy.caller(), id, request, RequestIdFilter.current(), body.toString());
        return Response.accepted().build();
    }

    /** The stage host's answer, passed on as it came. */
    static Response relay(StageHostProxy.Answer answer) {
        Response.ResponseBuilder response = Response.status(answer.status());
        if (answer.body() != null && !answer.body().isEmpty()) {
            response.entity(answer.body());
            if (answer.contentType() != null) {
                response.type(answer.contentType());
            }
        }
        return response.build();
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
        input.put("backend", task.backend == null ? List.of() : List.of(task.backend.split(",")));
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
