package dev.stratus.image.rest;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.image.persistence.ImageTagEntity;
import dev.stratus.image.service.ImageAccess;
import dev.stratus.image.service.ImageRecords;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/** {@code /v2/images/{id}/tags/{tag}}: add (idempotent) and remove one tag. */
@Path("/v2/images/{id}/tags/{tag}")
public class ImageTagsResource {

    private final Policy policy;
    private final ImageRecords records;

    public ImageTagsResource(Policy policy, ImageRecords records) {
        this.policy = policy;
        this.records = records;
    }

    @PUT
    @WithTransaction
    public Uni<Response> add(@PathParam("id") String id, @PathParam("tag") String tag) {
        AuthContext caller = policy.caller();
        if (tag.length() > 255) {
            throw ApiException.badRequest("Invalid tag: tags are strings of at most 255 characters.");
        }
        return records.visible(caller, id)
                .invoke(image -> {
                    ImageAccess.requireModify(caller, image, "tag");
                    image.updatedAt = Instant.now();
                })
                .chain(image -> ImageTagEntity.findById(new ImageTagEntity.Key(id, tag)))
                .chain(existing -> existing != null ? Uni.createFrom().voidItem()
                        : ImageTagEntity.of(id, tag).persist().replaceWithVoid())
                .map(x -> Response.noContent().build());
    }

    @DELETE
    @WithTransaction
    public Uni<Response> remove(@PathParam("id") String id, @PathParam("tag") String tag) {
        AuthContext caller = policy.caller();
        return records.visible(caller, id)
                .invoke(image -> {
                    ImageAccess.requireModify(caller, image, "untag");
                    image.updatedAt = Instant.now();
                })
                .chain(image -> ImageTagEntity.delete("imageId = ?1 and value = ?2", id, tag))
                .map(deleted -> {
                    if (deleted == 0) {
                        throw ApiException.notFound("Tag " + tag + " not found.");
                    }
                    return Response.noContent().build();
                });
    }
}
