package dev.stratus.image.service;

import dev.stratus.image.persistence.ImageEntity;
import dev.stratus.image.persistence.ImageTaskEntity;
import dev.stratus.image.store.ImageStore;
import dev.stratus.image.store.StoredImage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.io.IOException;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The first step of a {@code web-download} or {@code glance-download} import (Glance's download plugins): the data is
 * fetched into the staging area, as {@code PUT /stage} puts it there for {@code glance-direct}, and recorded on the
 * image (size, checksum, {@code os_hash_value}, staged location); from there {@link ImportJob} goes on as for
 * {@code glance-direct}. Blocking: import worker threads only.
 */
@ApplicationScoped
class ImportStaging {

    private static final Logger LOG = Logger.getLogger(ImportStaging.class);

    private final ImportDownloads downloads;
    private final RemoteGlanceImages glance;
    private final ImageData data;

    ImportStaging(ImportDownloads downloads, RemoteGlanceImages glance, ImageData data) {
        this.downloads = downloads;
        this.glance = glance;
        this.data = data;
    }

    /**
     * What a {@code glance-download} image adopts from the remote one when it goes active: its formats and some of
     * its properties (set over the image's own).
     */
    record Adopted(String diskFormat, String containerFormat, Map<String, String> properties) {

        /** Needs a transaction. */
        Uni<Void> applyTo(ImageEntity image) {
            image.diskFormat = diskFormat;
            image.containerFormat = containerFormat;
            Uni<Void> set = Uni.createFrom().voidItem();
            for (Map.Entry<String, String> property : properties.entrySet()) {
                set = set.chain(() -> ImageProperties.set(image.id, property.getKey(), property.getValue()));
            }
            return set;
        }
    }

    /**
     * How it went: the data recorded on the image (with what the image adopts: glance-download only, else null), or
     * not recorded because the image was deleted or the task ended meanwhile (then the staged data is gone again).
     */
    record Staged(boolean recorded, Adopted adopted) {
    }

    /**
     * Fetches the data of a {@code web-download} (its URI) or {@code glance-download} (the remote image, with the
     * caller's {@code token}) into staging and records it.
     *
     * @throws IOException the data could not be fetched or staged; nothing was left behind
     */
    Staged fetch(String id, String taskId, ImportRequest request, String token) throws IOException {
        StoredImage staged;
        Adopted adopted = null;
        if (ImportRequest.GLANCE_DOWNLOAD.equals(request.method())) {
            RemoteGlanceImages.Remote remote = glance.describe(request.remote(), token);
            adopted = remote.adopted();
            LOG.infof("Import task %s: downloading glance image %s", taskId, remote.fileUrl());
            try (ImportDownloads.Download download = downloads.open(remote.fileUrl(), token)) {
                staged = data.stageForImport(id, download.body(), remote.size(), adopted.diskFormat());
            }
        } else {
            LOG.infof("Import task %s: downloading %s", taskId, request.uri());
            try (ImportDownloads.Download download = downloads.open(request.uri(), null)) {
                // As Glance: a length of 0 (or none) is not checked.
                long expected = download.length() > 0 ? download.length() : ImageStore.UNKNOWN_SIZE;
                staged = data.stageForImport(id, download.body(), expected, null);
            }
        }
        if (!record(id, taskId, staged, adopted)) {
            LOG.warnf("Import task %s: image %s was deleted or the task ended while downloading: dropping the data",
                    taskId, id);
            data.deleteQuietly(staged.location());
            return new Staged(false, adopted);
        }
        LOG.infof("Import task %s: %d bytes staged for image %s", taskId, staged.size(), id);
        return new Staged(true, adopted);
    }

    /**
     * Records the staged data on the image unless the image is gone or the task was ended by the recovery of
     * interrupted imports (its row read under a share lock, as {@link ImportJob} records copies).
     */
    private static boolean record(String id, String taskId, StoredImage staged, Adopted adopted) {
        return Transactions.run(() -> ImageTaskEntity.<ImageTaskEntity>findById(taskId, LockModeType.PESSIMISTIC_READ)
                .chain(task -> task == null || !ImportEnding.RUNNING.contains(task.status)
                        ? Uni.createFrom().item(false)
                        : ImageEntity.<ImageEntity>findById(id).map(image -> {
                            if (image == null) {
                                return false;
                            }
                            ImageData.recordData(image, staged,
                                    adopted == null ? image.diskFormat : adopted.diskFormat());
                            image.stagedLocation = staged.location();
                            return true;
                        })));
    }
}
