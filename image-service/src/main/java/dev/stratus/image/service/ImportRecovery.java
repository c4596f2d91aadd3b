package dev.stratus.image.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.image.config.ImageSettings;
import dev.stratus.image.persistence.ImageEntity;
import dev.stratus.image.persistence.ImageLocationEntity;
import dev.stratus.image.persistence.ImagePropertyEntity;
import dev.stratus.image.persistence.ImageTaskEntity;
import dev.stratus.image.store.ImageStores;
import dev.stratus.image.store.NamedStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Ends the imports whose process died: a task still {@code pending} or {@code processing} whose heartbeat
 * ({@link ImportHeartbeat}) is older than {@code stratus.image.import.timeout} ends as failed, "interrupted", the way
 * a failed import ends ({@link ImportEnding}):
 * <ul>
 * <li>the stores it had not finished join {@code os_glance_failed_import}, all its stores leave
 * {@code os_glance_importing_to_stores}, and a copy written to one of its stores but not recorded (it died in
 * between) is removed;</li>
 * <li>with {@code all_stores_must_succeed} (the default), or when no store was done, the import is undone as
 * {@link ImportJob} undoes it: its copies go, the image of a staged import (glance-direct, web-download,
 * glance-download, whether or not its download had finished) goes back to {@code queued} without its staged data, a
 * copy-image one stays active; without it, the stores done stay and the staged data goes;</li>
 * <li>the image's import lock is released last, so a new import finds the image cleaned up.</li>
 * </ul>
 * Several image-service processes may share the database and sweep at once: a task is claimed under its row lock,
 * re-checked there (a fresh heartbeat, or another process having claimed it, leaves it alone), and ended in that
 * transaction; the claim also stamps {@code updated_at}, so a process that dies while cleaning up leaves a task
 * that still holds the lock, which a later sweep finishes after the timeout.
 */
@ApplicationScoped
public class ImportRecovery {

    private static final Logger LOG = Logger.getLogger(ImportRecovery.class);
    static final String INTERRUPTED = "Error: the import was interrupted";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ImageStores stores;
    private final ImageData data;
    private final ImportEnding ending;
    private final Duration timeout;

    public ImportRecovery(ImageStores stores, ImageData data, ImportEnding ending, ImageSettings settings) {
        this.stores = stores;
        this.data = data;
        this.ending = ending;
        this.timeout = settings.imports().timeout();
    }

    /** The heartbeat age beyond which a task is taken for dead. */
    public Duration timeout() {
        return timeout;
    }

    /** Whether a task last updated at {@code updatedAt} is taken for dead. */
    boolean stale(Instant updatedAt) {
        return updatedAt.isBefore(Instant.now().minus(timeout));
    }

    /** One sweep: ends every interrupted import. Returns how many tasks it ended or finished cleaning up. */
    public int sweep() {
        Instant cutoff = Instant.now().minus(timeout);
        List<String> candidates = Transactions.run(() -> ImageTaskEntity.<ImageTaskEntity>list(
                "type = ?1 and status in ?2 and updatedAt < ?3", ImageTaskEntity.IMPORT, ImportEnding.RUNNING, cutoff)
                .chain(running -> ImagePropertyEntity.<ImagePropertyEntity>list("name", ImageProperties.IMPORT_TASK)
                        .chain(locks -> locks.isEmpty() ? Uni.createFrom().item(List.<ImageTaskEntity>of())
                                // Tasks ended but still holding their lock: a recovery that died half-way.
                                : ImageTaskEntity.<ImageTaskEntity>list(
                                        "id in ?1 and status not in ?2 and updatedAt < ?3",
                                        locks.stream().map(l -> l.value).toList(), ImportEnding.RUNNING, cutoff))
                        .map(ended -> {
                            Set<String> ids = new LinkedHashSet<>();
                            running.forEach(t -> ids.add(t.id));
                            ended.forEach(t -> ids.add(t.id));
                            return List.copyOf(ids);
                        })));
        int recovered = 0;
        for (String taskId : candidates) {
            try {
                if (recover(taskId)) {
                    recovered++;
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "Could not recover import task %s", taskId);
            }
        }
        return recovered;
    }

    /** Before a new import: recovers the task holding the image's import lock if it is stale. */
    public void recoverLockHolder(String imageId) {
        String holder = Transactions.run(() -> ImageProperties.get(imageId, ImageProperties.IMPORT_TASK));
        if (holder != null) {
            recover(holder);
        }
    }

    /** What a claim learned: the task's image, request and stores, and whether it holds the image's lock. */
    private record Claim(String imageId, String input, List<String> targets, boolean holdsLock) {
    }

    /** Recovers one task if it is (still) stale; false when it was left alone. */
    boolean recover(String taskId) {
        Claim claim = Transactions.run(() -> ImageTaskEntity.<ImageTaskEntity>findById(taskId,
                LockModeType.PESSIMISTIC_WRITE).chain(task -> {
                    if (task == null || !ImageTaskEntity.IMPORT.equals(task.type) || !stale(task.updatedAt)) {
                        return Uni.createFrom().<Claim>nullItem();
                    }
                    boolean running = ImportEnding.RUNNING.contains(task.status);
                    return ImageProperties.get(task.imageId, ImageProperties.IMPORT_TASK).map(holder -> {
                        boolean holds = taskId.equals(holder);
                        if (!running && !holds) {
                            return null; // ended, and its lock released: nothing left to do
                        }
                        if (running) {
                            task.status = "failure";
                            task.message = INTERRUPTED;
                        }
                        task.updatedAt = Instant.now(); // other sweepers leave it to this one
                        return new Claim(task.imageId, task.input, targets(task.backend), holds);
                    });
                }));
        if (claim == null) {
            return false;
        }
        LOG.warnf("Import task %s of image %s was interrupted (no heartbeat for more than %s): ending it as failed", taskId,
                claim.imageId(), timeout);
        if (claim.holdsLock()) {
            cleanUp(claim);
            ending.release(claim.imageId(), taskId);
        }
        return true;
    }

    /** What the import left: whether it is glance-direct and must succeed in all stores, its recorded copies. */
    private record Left(boolean direct, boolean mustSucceed, List<String> recorded, List<String> unfinished) {
    }

    /** Brings the image to where a failed import leaves it; the lock is still held, so nothing else writes. */
    private void cleanUp(Claim claim) {
        String id = claim.imageId();
        Left left = Transactions.run(() -> ImageEntity.<ImageEntity>findById(id).chain(image -> image == null
                ? Uni.createFrom().<Left>nullItem()
                : ImageLocationEntity.<ImageLocationEntity>list("imageId", id).chain(locations -> ImageProperties
                        .get(id, ImageProperties.IMPORTING_TO_STORES).map(importing -> left(claim, image,
                                locations.stream().map(l -> l.url).toList(), ImageProperties.parse(importing))))));
        if (left == null) {
            return; // the image is gone, and its copies with it
        }
        for (String storeId : claim.targets()) {
            removeUnrecorded(id, storeId, left.recorded());
        }
        if (!left.recorded().isEmpty() && (!left.mustSucceed() || left.unfinished().isEmpty())) {
            // The stores done stay (all_stores_must_succeed false, or every store was done).
            ending.leaveStores(id, claim.targets(), left.unfinished());
            if (left.direct()) {
                ending.dropStaged(id);
            }
        } else {
            if (left.direct()) {
                // Undone, the image is queued without data: staged data goes, even when the image no longer names
                // it (a process that died while undoing the import), since it would stop the image being staged again.
                data.deleteQuietly(stores.defaultStore().store().stagedLocationOf(id));
            }
            ending.undo(id, left.direct(), left.recorded(), claim.targets(), left.unfinished());
        }
    }

    private Left left(Claim claim, ImageEntity image, List<String> locations, Set<String> importing) {
        JsonNode request = request(claim.input());
        String method = request.path("method").path("name").asText(null);
        boolean direct = method == null ? ImageStatus.IMPORTING.equals(image.status)
                : ImportRequest.usesStaging(method);
        boolean mustSucceed = request.path("all_stores_must_succeed").asBoolean(true);
        // The import's stores held no copy when it started (copy-image skips or refuses them): copies there are its.
        List<String> recorded = new ArrayList<>();
        for (String url : locations) {
            stores.holding(url).filter(s -> claim.targets().contains(s.id())).ifPresent(s -> recorded.add(url));
        }
        List<String> unfinished = claim.targets().stream().filter(importing::contains).toList();
        return new Left(direct, mustSucceed, recorded, unfinished);
    }

    /** A copy the import wrote to a store but did not record (it died in between) is removed. */
    private void removeUnrecorded(String id, String storeId, List<String> recorded) {
        Optional<NamedStore> store = stores.find(storeId);
        if (store.isEmpty()) {
            return;
        }
        String location = store.get().store().locationOf(id);
        if (!recorded.contains(location) && store.get().store().exists(location)) {
            LOG.infof("Removing the unrecorded copy of image %s in store %s", id, storeId);
            data.deleteQuietly(location);
        }
    }

    private static List<String> targets(String backend) {
        return backend == null || backend.isBlank() ? List.of()
                : List.of(backend.split(",")).stream().filter(s -> !s.isBlank()).toList();
    }

    private static JsonNode request(String input) {
        try {
            return input == null ? JSON.createObjectNode() : JSON.readTree(input);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
