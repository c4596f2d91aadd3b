package dev.stratus.image.rest;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.image.persistence.ImageLocationEntity;
import dev.stratus.image.service.ImageAccess;
import dev.stratus.image.service.ImageData;
import dev.stratus.image.service.ImageRecords;
import dev.stratus.image.service.ImageStatus;
import dev.stratus.image.store.ImageStores;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/**
 * {@code DELETE /v2/stores/{store_id}/{image_id}}: removes one store's copy of an active image, never the last one
 * (Glance's "delete image from store"; its {@code delete_image_location} policy makes it an administrator's call).
 */
@Path("/v2/stores/{store}/{id}")
public class StoreCopiesResource {

    private final Policy policy;
    private final ImageRecords records;
    private final ImageStores stores;
    private final ImageData data;
    private final io.vertx.mutiny.core.Vertx vertx;

    public StoreCopiesResource(Policy policy, ImageRecords records, ImageStores stores, ImageData data,
            io.vertx.mutiny.core.Vertx vertx) {
        this.policy = policy;
        this.records = records;
        this.stores = stores;
        this.data = data;
        this.vertx = vertx;
    }

    @DELETE
    public Uni<Response> delete(@PathParam("store") String storeId, @PathParam("id") String id) {
        AuthContext caller = policy.caller();
        if (stores.find(storeId).isEmpty()) {
            throw ApiException.conflict("The selected store " + storeId + " is not available on this node.");
        }
        return Panache.withTransaction(() -> records.visible(caller, id)
                .onFailure(ApiException.class).transform(e -> ((ApiException) e).status() == 404
                        ? ApiException.notFound("Failed to find image " + id) : e)
                .chain(image -> {
                    if (!ImageAccess.isAdmin(caller)) {
                        // get_image_location: the owner's readers; delete_image_location: administrators.
                        throw ApiException.forbidden("You are not authorized to complete "
                                + (ImageAccess.owns(caller, image) ? "delete_image_location" : "get_image_location")
                                + " action.");
                    }
                    if (!ImageStatus.ACTIVE.equals(image.status)) {
                        throw ApiException.conflict("It's not allowed to remove image data from store if image"
                                + " status is not 'active'");
                    }
                    return ImageLocationEntity.<ImageLocationEntity>list("imageId", id).chain(locations -> {
                        if (locations.size() == 1) {
                            throw ApiException.forbidden("Cannot delete image data from the only store containing"
                                    + " it. Consider deleting the image instead.");
                        }
                        List<ImageLocationEntity> inStore = locations.stream().filter(l -> stores.holding(l.url)
                                .filter(s -> s.id().equals(storeId)).isPresent()).toList();
                        if (inStore.isEmpty()) {
                            throw ApiException.notFound("Image " + id + " is not stored in store " + storeId + ".");
                        }
                        String url = inStore.get(0).url;
                        image.updatedAt = Instant.now();
                        return ImageLocationEntity.delete("imageId = ?1 and url = ?2", id, url).replaceWith(url);
                    });
                }))
                .call(url -> vertx.executeBlocking(Uni.createFrom().item(() -> {
                    data.deleteQuietly(url);
                    return null;
                })))
                .map(url -> Response.noContent().build());
    }
}
