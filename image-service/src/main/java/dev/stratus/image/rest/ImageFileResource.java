package dev.stratus.image.rest;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.image.persistence.ImageEntity;
import dev.stratus.image.service.ImageCache;
import dev.stratus.image.service.ImageCachePrefetcher;
import dev.stratus.image.service.ImageData;
import dev.stratus.image.service.ImageRecords;
import dev.stratus.image.service.ImageStatus;
import dev.stratus.image.store.ByteRange;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.jboss.resteasy.reactive.PathPart;

/**
 * {@code /v2/images/{id}/file}: upload streams the request body into the store named by {@code X-Image-Meta-Store}
 * (else the default one) on a worker thread;
 * download hands the file of one of the image's copies (the default store's first) to the HTTP layer
 * (sendfile), or streams the data from an external location (the read-only http store) when the image has no
 * stored copy, with single-range requests. With the image cache on, a cached copy is served first (each read
 * counted as a hit), and a whole download that missed the cache has the prefetcher copy the image into it.
 */
@Path("/v2/images/{id}/file")
public class ImageFileResource {

    private final Policy policy;
    private final ImageRecords records;
    private final ImageData data;
    private final ImageCache cache;
    private final ImageCachePrefetcher prefetcher;

    public ImageFileResource(Policy policy, ImageRecords records, ImageData data, ImageCache cache,
            ImageCachePrefetcher prefetcher) {
        this.policy = policy;
        this.records = records;
        this.data = data;
        this.cache = cache;
        this.prefetcher = prefetcher;
    }

    @PUT
    @Blocking
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    public Response upload(@PathParam("id") String id, @HeaderParam("X-Image-Meta-Store") String store,
            InputStream body) {
        AuthContext caller = policy.caller();
        data.upload(caller, id, body, data.storeForUpload(store));
        return Response.noContent().build();
    }

    /**
     * Blocking, so that data at an external location can stream through this thread; a stored copy still goes
     * out by sendfile.
     */
    @GET
    @Blocking
    public Response download(@PathParam("id") String id, @HeaderParam("Range") String range) {
        AuthContext caller = policy.caller();
        ImageData.Located located = data.locate(caller, id);
        ImageEntity image = located.image();
        java.util.Optional<java.nio.file.Path> file = data.readable(located.locations());
        if (!ImageStatus.ACTIVE.equals(image.status) || (file.isEmpty() && !data.hasExternal(located.locations()))) {
            if (ImageStatus.QUEUED.equals(image.status) || ImageStatus.KILLED.equals(image.status)) {
                return Response.noContent().build();
            }
            throw ApiException.forbidden("The requested image is in status " + image.status
                    + " and its data cannot be downloaded.");
        }
        long size = image.size == null ? 0 : image.size;
        java.util.Optional<java.nio.file.Path> cached = cache.copyOf(id);
        if (cached.isPresent()) {
            file = cached;
        }
        ByteRange requested = ByteRange.parse(range, size);
        if (cached.isPresent() && !(requested instanceof ByteRange.Unsatisfiable)) {
            cache.hit(id);
        } else if (cached.isEmpty() && requested instanceof ByteRange.Whole && cache.enabled()) {
            prefetcher.fillLater(id); // Glance caches an image on its first whole download
        }
        Response.ResponseBuilder response = switch (requested) {
            case ByteRange.Unsatisfiable none -> Response.status(416).header("Content-Range", none.contentRange());
            case ByteRange.Slice slice -> Response.status(206).header("Content-Range", slice.contentRange())
                    .entity(body(file, located, slice.offset(), slice.length()));
            case ByteRange.Whole whole -> Response.ok(body(file, located, 0, whole.size()))
                    .header("Content-MD5", image.checksum);
        };
        return response.type(MediaType.APPLICATION_OCTET_STREAM_TYPE).build();
    }

    /** The stored copy's file (sendfile), else the data streamed from an external location. */
    private Object body(java.util.Optional<java.nio.file.Path> file, ImageData.Located located, long offset,
            long length) {
        if (file.isPresent()) {
            return new PathPart(file.get(), offset, length);
        }
        return data.openExternal(located.locations(), offset, length).orElseThrow(() -> ApiException.unavailable(
                "The image data could not be read from any of its locations."));
    }
}
