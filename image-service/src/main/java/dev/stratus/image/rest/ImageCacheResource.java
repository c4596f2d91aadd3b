package dev.stratus.image.rest;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.image.persistence.ImageCacheRepository.Entry;
import dev.stratus.image.persistence.ImageEntity;
import dev.stratus.image.service.ImageAccess;
import dev.stratus.image.service.ImageCache;
import dev.stratus.image.service.ImageData;
import dev.stratus.image.service.ImageStatus;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Glance's cache API (image API 2.14): {@code GET /v2/cache} lists the cached and queued images, {@code PUT
 * /v2/cache/{id}} queues an active image for the prefetcher (202), {@code DELETE /v2/cache/{id}} drops it from
 * cache and queue (204), {@code DELETE /v2/cache} clears the cache, the queue or both
 * ({@code x-image-cache-clear-target}). Administrators only, as Glance's default policies; 404 when no cache
 * directory is configured.
 */
@Path("/v2/cache")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ImageCacheResource {

    static final String CLEAR_TARGET = "x-image-cache-clear-target";

    private final Policy policy;
    private final ImageCache cache;
    private final ImageData data;

    public ImageCacheResource(Policy policy, ImageCache cache, ImageData data) {
        this.policy = policy;
        this.cache = cache;
        this.data = data;
    }

    @GET
    public Map<String, Object> list() {
        authorize(policy.caller());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cached_images", cache.cached().stream().map(ImageCacheResource::view).toList());
        body.put("queued_images", cache.queued());
        return body;
    }

    @PUT
    @Path("{id}")
    public Response queue(@PathParam("id") String id) {
        AuthContext caller = policy.caller();
        ImageEntity image = image(caller, id);
        authorize(caller);
        if (!ImageStatus.ACTIVE.equals(image.status)) {
            throw ApiException.badRequest("Only images with status active can be targeted for queueing");
        }
        // Copied by the prefetcher's next pass, as Glance's: until then the image is listed as queued.
        cache.queue(id);
        return Response.accepted().build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        AuthContext caller = policy.caller();
        try {
            image(caller, id);
        } catch (ApiException e) {
            // As Glance: an image that is gone may still be dropped from the cache and the queue.
            if (e.status() != 404 || !ImageAccess.isAdmin(caller) || !cache.enabled()
                    || !(cache.queued().contains(id) || cache.cached().stream().anyMatch(c -> c.imageId().equals(id)))) {
                throw e;
            }
        }
        authorize(caller);
        cache.forget(id);
        return Response.noContent().build();
    }

    @DELETE
    public Response clear(@HeaderParam(CLEAR_TARGET) String target) {
        authorize(policy.caller());
        switch (target == null ? "" : target.strip().toLowerCase(Locale.ROOT)) {
            case "" -> {
                cache.clearCache();
                cache.clearQueue();
            }
            case "cache" -> cache.clearCache();
            case "queue" -> cache.clearQueue();
            default -> throw ApiException.badRequest(
                    "If provided 'x-image-cache-clear-target' must be 'cache', 'queue' or empty string.");
        }
        return Response.noContent().build();
    }

    /** Glance's {@code manage_image_cache} default: administrators; then the cache must exist. */
    private void authorize(AuthContext caller) {
        if (!ImageAccess.isAdmin(caller)) {
            throw ApiException.forbidden("Access was denied to this resource.");
        }
        if (!cache.enabled()) {
            throw ApiException.notFound("Caching via API is not supported at this site.");
        }
    }

    /** The image as the caller sees it, with Glance's cache API wording for one it cannot. */
    private ImageEntity image(AuthContext caller, String id) {
        try {
            return data.locate(caller, id).image();
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw ApiException.notFound("Image " + id + " not found.");
            }
            throw e;
        }
    }

    /** Glance's cache record: times in seconds since the epoch, as its driver keeps them. */
    private static Map<String, Object> view(Entry entry) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image_id", entry.imageId());
        m.put("hits", entry.hits());
        m.put("last_accessed", seconds(entry.lastAccessed()));
        m.put("last_modified", seconds(entry.lastModified()));
        m.put("size", entry.size());
        return m;
    }

    private static double seconds(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }
}
