package dev.stratus.image.service;

import dev.stratus.common.fault.ApiException;
import dev.stratus.image.config.ImageSettings;
import dev.stratus.image.persistence.ImageEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Per-project limits on how many images a project owns and how many bytes they hold. */
@ApplicationScoped
public class ImageQuotas {

    private final ImageSettings.Quota quota;

    public ImageQuotas(ImageSettings settings) {
        this.quota = settings.quota();
    }

    /** Fails with 413 when the project already owns as many images as it may. Needs a session. */
    public Uni<Void> checkImageCount(String project) {
        if (quota.imageCount() < 0) {
            return Uni.createFrom().voidItem();
        }
        return ImageEntity.count("owner", project).invoke(count -> {
            if (count >= quota.imageCount()) {
                throw new ApiException(413, "Quota exceeded for images: project " + project + " already owns "
                        + count + " of " + quota.imageCount() + " images.");
            }
        }).replaceWithVoid();
    }

    /** Bytes the project may still store ({@code Long.MAX_VALUE} when unlimited). Needs a session. */
    public Uni<Long> bytesLeft(String project) {
        if (quota.totalBytes() < 0) {
            return Uni.createFrom().item(Long.MAX_VALUE);
        }
        return io.quarkus.hibernate.reactive.panache.Panache.getSession()
                .chain(session -> session.createQuery(
                                "select coalesce(sum(i.size), 0) from ImageEntity i where i.owner = :owner", Long.class)
                        .setParameter("owner", project).getSingleResult())
                .map(used -> Math.max(0, quota.totalBytes() - (used == null ? 0 : used)));
    }
}
