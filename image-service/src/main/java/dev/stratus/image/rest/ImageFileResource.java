package dev.stratus.image.rest;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.image.service.ImageData;
import dev.stratus.image.service.ImageRecords;
import dev.stratus.image.service.ImageStatus;
import dev.stratus.image.store.ByteRange;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
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
 * (sendfile), with single-range requests.
 */
@Path("/v2/images/{id}/file")
public class ImageFileResource {

    private final Policy policy;
    private final ImageRecords records;
    private final ImageData data;

    public ImageFileResource(Policy policy, ImageRecords records, ImageData data) {
        this.policy = policy;
        this.records = records;
        this.data = data;
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

    @GET
    @WithSession
    public Uni<Response> download(@PathParam("id") String id, @HeaderParam("Range") String range) {
        AuthContext caller = policy.caller();
        return records.visible(caller, id).chain(image -> records.locations(id).map(locations -> {
            java.util.Optional<java.nio.file.Path> readable = data.readable(locations);
            if (!ImageStatus.ACTIVE.equals(image.status) || readable.isEmpty()) {
                if (ImageStatus.QUEUED.equals(image.status) || ImageStatus.KILLED.equals(image.status)) {
                    return Response.noContent().build();
                }
                throw ApiException.forbidden("The requested image is in status " + image.status
                        + " and its data cannot be downloaded.");
            }
            java.nio.file.Path file = readable.get();
            Response.ResponseBuilder response = switch (ByteRange.parse(range, image.size)) {
                case ByteRange.Unsatisfiable none -> Response.status(416).header("Content-Range", none.contentRange());
                case ByteRange.Slice slice -> Response.status(206).header("Content-Range", slice.contentRange())
                        .entity(new PathPart(file, slice.offset(), slice.length()));
                case ByteRange.Whole whole -> Response.ok(new PathPart(file, 0, whole.size()))
                        .header("Content-MD5", image.checksum);
            };
            return response.type(MediaType.APPLICATION_OCTET_STREAM_TYPE).build();
        }));
    }
}
