package dev.stratus.image.service;

import dev.stratus.image.messaging.ImportChangeAnnouncer;
import dev.stratus.image.persistence.ImageEntity;
import dev.stratus.image.persistence.ImageLocationEntity;
import dev.stratus.image.persistence.ImagePropertyEntity;
import dev.stratus.image.persistence.ImageTaskEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * How an import ends, whether its own job ends it ({@link ImportJob}) or the recovery of an interrupted one does
 * ({@link ImportRecovery}): stores leaving {@code os_glance_importing_to_stores} (failed ones joining
 * {@code os_glance_failed_import}), the undoing of a failed import, the staged data going, and the task ending
 * with the image's import lock released. Each change is announced. Blocking: call from worker threads.
 */
@ApplicationScoped
class ImportEnding {

    private static final Logger LOG = Logger.getLogger(ImportEnding.class);

    /** The statuses of a task that has not ended. */
    static final List<String> RUNNING = List.of("pending", "processing");

    private final ImageData data;
    private final ImportChangeAnnouncer announcer;

    ImportEnding(ImageData data, ImportChangeAnnouncer announcer) {
        this.data = data;
        this.announcer = announcer;
    }

    /** {@code stores} leave {@code os_glance_importing_to_stores}; {@code failed} join {@code os_glance_failed_import}. */
    void leaveStores(String id, Collection<String> stores, Collection<String> failed) {
        Transactions.run(() -> leaving(id, stores, failed));
    }

    private static Uni<Void> leaving(String id, Collection<String> stores, Collection<String> failed) {
        return ImageProperties.merge(id, ImageProperties.IMPORTING_TO_STORES, stores, true)
                .chain(() -> failed.isEmpty() ? Uni.createFrom().voidItem()
                        : ImageProperties.merge(id, ImageProperties.FAILED_IMPORT, failed, false));
    }

    /**
     * Undoes an import: its copies ({@code written}) go, the image of a staged import ({@code direct}: glance-direct,
     * web-download, glance-download) goes back to {@code queued} without data (its staged data removed), the targets leave {@code os_glance_importing_to_stores} and {@code failed}
     * join {@code os_glance_failed_import}. The task is not ended here: {@link #finish} or {@link #release} next.
     */
    void undo(String id, boolean direct, List<String> written, List<String> targets, Collection<String> failed) {
        String staged = Transactions.run(() -> ImageEntity.<ImageEntity>findById(id).chain(image -> {
            if (image == null) {
                return Uni.createFrom().<String>nullItem();
            }
            String stagedLocation = image.stagedLocation;
            if (direct) {
                image.status = ImageStatus.QUEUED;
                image.stagedLocation = null;
                image.size = null;
                image.virtualSize = null;
                image.checksum = null;
                image.osHashAlgo = null;
                image.osHashValue = null;
            }
            image.updatedAt = Instant.now();
            Uni<Long> removed = written.isEmpty() ? Uni.createFrom().item(0L)
                    : ImageLocationEntity.delete("imageId = ?1 and url in ?2", id, written);
            return removed.chain(() -> leaving(id, targets, failed)).replaceWith(direct ? stagedLocation : null);
        }));
        written.forEach(data::deleteQuietly);
        data.deleteQuietly(staged);
    }

    /** A glance-direct import done with its staged data (the image is in a store): the staged data goes. */
    void dropStaged(String id) {
        String staged = Transactions.run(() -> ImageEntity.<ImageEntity>findById(id).map(image -> {
            if (image == null) {
                return null;
            }
            String stagedLocation = image.stagedLocation;
            image.stagedLocation = null;
            return stagedLocation;
        }));
        data.deleteQuietly(staged);
    }

    /**
     * Ends a running task and releases the image's import lock. False when the task had already ended: the
     * recovery took it for dead and ended it (it releases the lock once it has cleaned up), so nothing changes.
     */
    boolean finish(String id, String taskId, boolean success, String message) {
        boolean ended = Transactions.run(() -> ImageTaskEntity.update(
                "status = ?1, message = ?2, updatedAt = ?3 where id = ?4 and status in ?5",
                success ? "success" : "failure", message, Instant.now(), taskId, RUNNING)
                .chain(count -> count == 0 ? Uni.createFrom().item(false)
                        : unlock(id, taskId).replaceWith(true)));
        if (!ended) {
            LOG.warnf("Import task %s of image %s had already been ended (taken for interrupted)", taskId, id);
            return false;
        }
        LOG.infof("Import task %s of image %s: %s", taskId, id, success ? "success" : message);
        announcer.changed(id);
        return true;
    }

    /** Releases the image's import lock if {@code taskId} (already ended) still holds it. */
    void release(String id, String taskId) {
        Transactions.run(() -> unlock(id, taskId));
        announcer.changed(id);
    }

    private static Uni<Long> unlock(String id, String taskId) {
        return ImagePropertyEntity.delete("imageId = ?1 and name = ?2 and value = ?3", id,
                ImageProperties.IMPORT_TASK, taskId);
    }
}
