package dev.stratus.image.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.Page;
import dev.stratus.common.web.PageRequest;
import dev.stratus.image.config.ImageSettings;
import dev.stratus.image.persistence.ImageEntity;
import dev.stratus.image.persistence.ImageMemberEntity;
import dev.stratus.image.service.ImageAccess;
import dev.stratus.image.service.ImageData;
import dev.stratus.image.service.ImageEditor;
import dev.stratus.image.service.ImageQuery;
import dev.stratus.image.service.ImageRecords;
import dev.stratus.image.service.ImportMethods;
import dev.stratus.image.service.LocationProbe;
import dev.stratus.image.service.StageHostProxy;
import dev.stratus.image.store.ImageStores;
import dev.stratus.image.store.NamedStore;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
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

/** {@code /v2/images}: create, list with Glance's filters and paging, show, JSON-patch update, delete. */
@Path("/v2/images")
@Produces(MediaType.APPLICATION_JSON)
public class ImagesResource {

    static final String JSON_PATCH = "application/openstack-images-v2.1-json-patch";
    static final String JSON_PATCH_20 = "application/openstack-images-v2.0-json-patch";

    private final Policy policy;
    private final ApiSettings api;
    private final ImageRecords records;
    private final ImageEditor editor;
    private final ImageData data;
    private final ImageStores stores;
    private final io.vertx.mutiny.core.Vertx vertx;
    private final com.fasterxml.jackson.databind.ObjectMapper json;
    private final LocationProbe probe;
    private final ImageView view;
    private final dev.stratus.image.service.ImageCache cache;
    private final ImportMethods importMethods;
    private final StageHostProxy stageHosts;

    public ImagesResource(Policy policy, ApiSettings api, ImageRecords records, ImageEditor editor, ImageData data,
            ImageStores stores, io.vertx.mutiny.core.Vertx vertx, com.fasterxml.jackson.databind.ObjectMapper json,
            LocationProbe probe, ImageSettings settings, dev.stratus.image.service.ImageCache cache,
            ImportMethods importMethods, StageHostProxy stageHosts) {
        this.stageHosts = stageHosts;
        this.cache = cache;
        this.importMethods = importMethods;
        this.probe = probe;
        this.view = new ImageView(settings.showMultipleLocations(), settings.showImageDirectUrl());
        this.stores = stores;
        this.vertx = vertx;
        this.json = json;
        this.policy = policy;
        this.api = api;
        this.records = records;
        this.editor = editor;
        this.data = data;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @WithTransaction
    public Uni<Response> create(JsonNode body) {
        AuthContext caller = policy.caller();
        return editor.create(caller, body).map(details -> Response.status(201)
                .header("Location", "/v2/images/" + details.image().id)
                .header("OpenStack-image-import-methods", String.join(",", importMethods.offered()))
                .header("OpenStack-image-store-ids", String.join(",", stores.all().stream().map(NamedStore::id).toList()))
                .entity(view.render(details)).build());
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list(@Context UriInfo uri) {
        AuthContext caller = policy.caller();
        if (uri.getPath().endsWith("/")) {
            // GET /v2/images/ is a show with an empty id, not the list.
            throw ImageAccess.notFound("");
        }
        Map<String, List<String>> query = uri.getQueryParameters();
        PageRequest page = PageRequest.of(query.getOrDefault("limit", List.of()).stream().findFirst().orElse(null),
                query.getOrDefault("marker", List.of()).stream().findFirst().orElse(null), api.maxPageSize());
        ImageQuery imageQuery = ImageQuery.of(caller, ImageAccess.isAdmin(caller), query);
        return records.list(imageQuery)
                .map(all -> {
                    if (page.marker() != null && all.stream().noneMatch(i -> i.id.equals(page.marker()))) {
                        throw ApiException.badRequest("marker " + page.marker() + " could not be found.");
                    }
                    return Page.of(all, (ImageEntity i) -> i.id, page);
                })
                .chain(p -> records.detailsOf(p.items()).map(details -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("images", details.stream().map(view::render).toList());
                    body.put("first", "/v2/images" + query(uri, null));
                    body.put("schema", "/v2/schemas/images");
                    if (p.hasMore()) {
                        body.put("next", "/v2/images" + query(uri, p.last().id));
                    }
                    return body;
                }));
    }

    /** The request's query with the marker moved on (Glance's relative {@code next} link). */
    private static String query(UriInfo uri, String marker) {
        var builder = jakarta.ws.rs.core.UriBuilder.fromUri("/").replaceQuery(uri.getRequestUri().getRawQuery());
        builder.replaceQueryParam("marker", marker == null ? new Object[0] : new Object[] {marker});
        String q = builder.build().getRawQuery();
        return q == null || q.isEmpty() ? "" : "?" + q;
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("id") String id) {
        return records.visible(policy.caller(), id).chain(records::details).map(view::render);
    }

    @PATCH
    @Path("{id}")
    @Consumes({JSON_PATCH, JSON_PATCH_20, MediaType.APPLICATION_JSON})
    public Uni<Map<String, Object>> update(@PathParam("id") String id, String body) {
        AuthContext caller = policy.caller();
        // The JSON-patch media type is not one Jackson's reader claims, so the body is parsed here.
        JsonNode operations;
        try {
            operations = json.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badRequest("Malformed request body: " + e.getOriginalMessage());
        }
        // External locations are probed first, outside the transaction; removed copies' data goes after it.
        return probe.sizes(operations)
                .chain(sizes -> io.quarkus.hibernate.reactive.panache.Panache.withTransaction(() -> records
                        .visible(caller, id).chain(image -> editor.patch(caller, image, operations, sizes))))
                .call(patched -> patched.removedLocations().isEmpty() ? Uni.createFrom().voidItem()
                        : vertx.executeBlocking(Uni.createFrom().item(() -> {
                            patched.removedLocations().forEach(data::deleteQuietly);
                            return null;
                        })))
                .map(patched -> view.render(patched.details()));
    }

    /** {@code DELETE /v2/images/}: an empty id names no image. */
    @DELETE
    public Response deleteWithoutId() {
        throw ImageAccess.notFound("");
    }

    @DELETE
    @Path("{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        AuthContext caller = policy.caller();
        String requestId = dev.stratus.common.web.RequestIdFilter.current();
        // Staged on another worker: the delete goes there, with the staged data (Glance's _delete_image_on_remote).
        return io.quarkus.hibernate.reactive.panache.Panache.withSession(() -> records.visible(caller, id)
                        .invoke(image -> ImageAccess.requireModify(caller, image, "delete"))
                        .chain(image -> stageHosts.remoteHost(id)))
                .chain(host -> host.isEmpty() ? Uni.createFrom().<Response>nullItem()
                        : vertx.executeBlocking(Uni.createFrom().item(() -> deleteOnStageHost(host.get(), id, caller,
                                requestId))))
                .chain(answered -> answered != null ? Uni.createFrom().item(answered) : deleteHere(caller, id));
    }

    /**
     * The stage host's answer to the delete, or null when it could not do it (unreachable, or a server error): then,
     * as in Glance, the image is deleted here and the staged data stays on the stage host. Blocking.
     */
    private Response deleteOnStageHost(String host, String id, AuthContext caller, String requestId) {
        try {
            StageHostProxy.Answer answer = stageHosts.forward(host, "DELETE", "/v2/images/" + id, null, caller,
                    requestId);
            return answer.status() >= 500 ? null : ImageImportResource.relay(answer);
        } catch (ApiException e) {
            return null;
        }
    }

    private Uni<Response> deleteHere(AuthContext caller, String id) {
        record Doomed(String staged, List<String> locations) {
        }
        return io.quarkus.hibernate.reactive.panache.Panache.withTransaction(() -> records.visible(caller, id)
                        .chain(image -> {
                            ImageAccess.requireModify(caller, image, "delete");
                            if (image.isProtected) {
                                throw ApiException.forbidden("Image " + id + " is protected and cannot be deleted.");
                            }
                            // Queries, not image.delete(): see ImageMemberEntity.deleteRow. When a concurrent
                            // delete won, the row is gone and this caller gets Glance's 404.
                            return records.locations(id).call(() -> ImageMemberEntity.delete("imageId", id))
                                    .call(() -> ImageEntity.delete("id", id).invoke(deleted -> {
                                        if (deleted == 0) {
                                            throw ImageAccess.notFound(id);
                                        }
                                    }))
                                    .map(locations -> new Doomed(image.stagedLocation, locations));
                        }))
                // Every copy goes, in every store, once the rows are gone.
                .call(doomed -> vertx.executeBlocking(
                        Uni.createFrom().item(() -> {
                            data.deleteAll(doomed.locations(), doomed.staged());
                            cache.forget(id);
                            return null;
                        })))
                .map(doomed -> Response.noContent().build());
    }
}
