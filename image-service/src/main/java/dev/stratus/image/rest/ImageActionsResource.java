package dev.stratus.image.rest;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.image.service.ImageAccess;
import dev.stratus.image.service.ImageCache;
import dev.stratus.image.service.ImageRecords;
import dev.stratus.image.service.ImageStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/**
 * {@code POST /v2/images/{id}/actions/deactivate|reactivate}: an administrator withdraws an active
 * image's data from download (for example while it is inspected) and gives it back.
 */
@Path("/v2/images/{id}/actions")
public class ImageActionsResource {

    private final Policy policy;
    private final ImageRecords records;
    private final ImageCache cache;
    private final io.vertx.mutiny.core.Vertx vertx;

    public ImageActionsResource(Policy policy, ImageRecords records, ImageCache cache,
            io.vertx.mutiny.core.Vertx vertx) {
        this.policy = policy;
        this.records = records;
        this.cache = cache;
        this.vertx = vertx;
    }

    /** Once the image is deactivated (committed), its cached copy goes, and the prefetcher will not bring it back. */
    @POST
    @Path("deactivate")
    public Uni<Response> deactivate(@PathParam("id") String id) {
        return Panache.withTransaction(() -> transition(id, "deactivate", ImageStatus.ACTIVE, ImageStatus.DEACTIVATED))
                .call(() -> cache.enabled()
                        ? vertx.executeBlocking(Uni.createFrom().item(() -> cache.forget(id)))
                        : Uni.createFrom().voidItem());
    }

    @POST
    @Path("reactivate")
    @WithTransaction
    public Uni<Response> reactivate(@PathParam("id") String id) {
        return transition(id, "reactivate", ImageStatus.DEACTIVATED, ImageStatus.ACTIVE);
    }

    private Uni<Response> transition(String id, String action, String from, String to) {
        AuthContext caller = policy.caller();
        return records.visible(caller, id).map(image -> {
            // Glance's default: an administrator, or a member of the owning project.
            if (!ImageAccess.isAdmin(caller) && !(ImageAccess.owns(caller, image)
                    && dev.stratus.common.auth.DefaultRoles.grants(caller.roles(), "member"))) {
                throw ApiException.forbidden("You are not authorized to " + action + " image " + id + ".");
            }
            if (!from.equals(image.status) && !to.equals(image.status)) {
                throw ApiException.forbidden("Not allowed to " + action + " an image in status '" + image.status + "'");
            }
            image.status = to;
            image.updatedAt = Instant.now();
            return Response.noContent().build();
        });
    }
}
