package dev.stratus.image.service;

import dev.stratus.image.messaging.ImportChangeAnnouncer;
import dev.stratus.image.persistence.ImageEntity;
import dev.stratus.image.persistence.ImageLocationEntity;
import dev.stratus.image.persistence.ImageTaskEntity;
import dev.stratus.image.store.ImageStore;
import dev.stratus.image.store.ImageStores;
import dev.stratus.image.store.NamedStore;
import dev.stratus.image.store.StoredImage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The background half of an import, as Glance's import flow: a {@code web-download} or {@code glance-download}
 * first fetches the data into staging ({@link ImportStaging}; when that fails the image goes back to {@code queued}
 * and every target store joins {@code os_glance_failed_import}); then the job writes the data (staged data for
 * {@code glance-direct}, {@code web-download} and {@code glance-download}, an existing copy for {@code copy-image})
 * to each target store in turn, each copy checked against the image's checksums. Each store done leaves
 * {@code os_glance_importing_to_stores}; a failed one joins {@code os_glance_failed_import}. With
 * {@code all_stores_must_succeed} (the default) one failure undoes the import (a staged import's image goes back to
 * {@code queued}); without it the others go on, and a staged import's image is active as soon as one store has it
 * (a glance-download image then adopts the remote image's formats and properties). Staged data goes into the
 * default store by a rename, last. While it runs, its task has a heartbeat ({@link ImportHeartbeat}); how it ends is
 * {@link ImportEnding}'s, which the recovery of interrupted imports shares.
 */
@ApplicationScoped
public class ImportJob {

    private static final Logger LOG = Logger.getLogger(ImportJob.class);

    private final ImageStores stores;
    private final ImageData data;
    private final ImportChangeAnnouncer announcer;
    private final ImportEnding ending;
    private final ImportHeartbeat heartbeat;
    private final ImportStaging staging;

    public ImportJob(ImageStores stores, ImageData data, ImportChangeAnnouncer announcer, ImportEnding ending,
            ImportHeartbeat heartbeat, ImportStaging staging) {
        this.staging = staging;
        this.stores = stores;
        this.data = data;
        this.announcer = announcer;
        this.ending = ending;
        this.heartbeat = heartbeat;
    }

    /** What the import copies from, and the digests every copy must match. */
    private record Source(Path file, String stagedLocation, long size, String md5, String sha512) {
    }

    /** @param token the caller's token, for a glance-download's requests to the identity service and Glance */
    void run(String id, String taskId, ImportRequest request, List<String> targets, String token) {
        try (ImportHeartbeat.Beat beat = heartbeat.start(taskId)) {
            ImportStaging.Adopted adopted = null;
            if (request.fetches()) {
                ImportStaging.Staged staged = fetch(id, taskId, request, targets, token, beat);
                if (staged == null || !staged.recorded() || beat.lost()) {
                    return;
                }
                adopted = staged.adopted();
            }
            copyAll(id, taskId, request, targets, beat, adopted);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Import task %s of image %s failed", taskId, id);
            ending.finish(id, taskId, false, "Error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * The data of a web-download or glance-download into staging; null when that failed (the import is then undone:
     * the image back to {@code queued}, every target in {@code os_glance_failed_import}, the task failed), unless the
     * task was taken for interrupted meanwhile: the recovery undid it, and a new import may hold the image now.
     */
    private ImportStaging.Staged fetch(String id, String taskId, ImportRequest request, List<String> targets,
            String token, ImportHeartbeat.Beat beat) {
        try {
            return staging.fetch(id, taskId, request, token);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Import task %s could not fetch the data of image %s: %s", taskId, id, e.toString());
            if (beat.lost()) {
                return null;
            }
            abort(id, taskId, true, List.of(), targets, targets, "Error: " + e.getClass().getSimpleName() + ": "
                    + e.getMessage());
            return null;
        }
    }

    private void copyAll(String id, String taskId, ImportRequest request, List<String> targets,
            ImportHeartbeat.Beat beat, ImportStaging.Adopted adopted) {
        boolean direct = request.usesStaging();
        Source source = Transactions.run(() -> ImageEntity.<ImageEntity>findById(id).chain(image -> image == null
                ? Uni.createFrom().nullItem()
                : ImageLocationEntity.<ImageLocationEntity>list("imageId", id).map(locations -> source(image,
                        locations.stream().map(l -> l.url).toList(), direct))));
        if (source == null || source.file() == null) {
            abort(id, taskId, direct, List.of(), targets, List.of(),
                    "Error: the image data to import was not found");
            return;
        }
        List<String> order = new ArrayList<>(targets);
        String defaultId = stores.defaultStore().id();
        if (direct && order.remove(defaultId)) {
            order.add(defaultId); // the staged data is renamed into it once the other copies are made
        }
        List<String> written = new ArrayList<>();
        int succeeded = 0;
        for (int i = 0; i < order.size(); i++) {
            String storeId = order.get(i);
            boolean last = i == order.size() - 1;
            if (beat.lost()) {
                LOG.warnf("Import task %s of image %s was taken over: stopping before store %s", taskId, id, storeId);
                return;
            }
            String url;
            try {
                url = write(stores.find(storeId).orElseThrow(), source, id, direct && last);
            } catch (IOException | RuntimeException e) {
                LOG.warnf("Import task %s could not write image %s to store %s: %s", taskId, id, storeId, e);
                if (request.allStoresMustSucceed()) {
                    abort(id, taskId, direct, written, targets, List.of(storeId), "Error: "
                            + e.getClass().getSimpleName() + ": " + e.getMessage());
                    return;
                }
                ending.leaveStores(id, List.of(storeId), List.of(storeId));
                continue;
            }
            boolean activate = direct && (!request.allStoresMustSucceed() || last);
            Recorded recorded = record(id, taskId, storeId, url, activate ? adopted : null, activate);
            if (recorded == Recorded.TAKEN_OVER) {
                // The recovery took the task for interrupted, ended it and cleans up after it: this copy goes.
                LOG.warnf("Import task %s of image %s was taken over: removing its copy in %s", taskId, id, storeId);
                data.deleteQuietly(url);
                return;
            }
            if (recorded == Recorded.IMAGE_GONE) {
                LOG.infof("Image %s was deleted during its import: removing the copies", id);
                data.deleteQuietly(url);
                written.forEach(data::deleteQuietly);
                data.deleteQuietly(source.stagedLocation());
                return;
            }
            written.add(url);
            succeeded++;
            if (activate) {
                announcer.changed(id);
            }
        }
        if (direct && succeeded == 0) {
            abort(id, taskId, true, written, targets, List.of(), "Error: None of the uploads finished!");
            return;
        }
        if (direct) {
            ending.dropStaged(id); // still there when the default store was not a target
        }
        ending.finish(id, taskId, true, "");
    }

    private Source source(ImageEntity image, List<String> locations, boolean direct) {
        long size = image.size == null ? ImageStore.UNKNOWN_SIZE : image.size;
        if (direct) {
            Path staged = image.stagedLocation == null ? null : data.staging().path(image.stagedLocation);
            return new Source(staged, image.stagedLocation, size, image.checksum, image.osHashValue);
        }
        return new Source(data.readable(locations).orElse(null), null, size, image.checksum, image.osHashValue);
    }

    /** One copy into {@code target}; the staged data itself when this is its last use and the default store. */
    private String write(NamedStore target, Source source, String id, boolean lastUseOfStaged) throws IOException {
        if (lastUseOfStaged && target.isDefault()) {
            return target.store().promote(source.stagedLocation(), id);
        }
        StoredImage copy;
        try (InputStream in = Files.newInputStream(source.file())) {
            copy = target.store().write(id, in, source.size(), ImageStore.NO_LIMIT);
        }
        if ((source.md5() != null && !source.md5().equals(copy.md5Hex()))
                || (source.sha512() != null && !source.sha512().equals(copy.sha512Hex()))) {
            data.deleteQuietly(copy.location());
            throw new IOException("the copy in store " + target.id() + " does not match the image's checksum");
        }
        return copy.location();
    }

    private enum Recorded {
        RECORDED, IMAGE_GONE, TAKEN_OVER
    }

    /**
     * Records a copy, unless the image is gone or the task was ended by the recovery of interrupted imports (its
     * row is read under a share lock: a recovery claiming it meanwhile waits, or is waited for).
     */
    private Recorded record(String id, String taskId, String storeId, String url, ImportStaging.Adopted adopted,
            boolean activate) {
        return Transactions.run(() -> ImageTaskEntity.<ImageTaskEntity>findById(taskId, LockModeType.PESSIMISTIC_READ)
                .chain(task -> task == null ? Uni.createFrom().item(Recorded.IMAGE_GONE)
                        : !ImportEnding.RUNNING.contains(task.status) ? Uni.createFrom().item(Recorded.TAKEN_OVER)
                        : recordCopy(id, storeId, url, adopted, activate)));
    }

    /** Records a copy; the image goes active with it when {@code activate}, adopting {@code adopted} (if any). */
    private Uni<Recorded> recordCopy(String id, String storeId, String url, ImportStaging.Adopted adopted,
            boolean activate) {
        return ImageEntity.<ImageEntity>findById(id).chain(image -> {
            if (image == null) {
                return Uni.createFrom().item(Recorded.IMAGE_GONE);
            }
            Uni<Void> adopting = Uni.createFrom().voidItem();
            if (activate && ImageStatus.IMPORTING.equals(image.status)) {
                image.status = ImageStatus.ACTIVE;
                if (adopted != null) {
                    adopting = adopted.applyTo(image);
                }
            }
            image.updatedAt = Instant.now();
            return adopting.chain(() -> ImageLocationEntity.of(id, url).persist())
                    .chain(() -> ImageProperties.merge(id, ImageProperties.IMPORTING_TO_STORES, List.of(storeId),
                            true))
                    .replaceWith(Recorded.RECORDED);
        });
    }

    /** Undoes the import (as {@link ImportEnding#undo}), and ends the task as failed. */
    private void abort(String id, String taskId, boolean direct, List<String> written, List<String> targets,
            List<String> failedStores, String message) {
        ending.undo(id, direct, written, targets, failedStores);
        ending.finish(id, taskId, false, message);
    }
}
