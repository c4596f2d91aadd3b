package dev.stratus.image.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.concurrent.DaemonThreads;
import dev.stratus.common.fault.ApiException;
import dev.stratus.image.persistence.ImageEntity;
import dev.stratus.image.persistence.ImageLocationEntity;
import dev.stratus.image.persistence.ImagePropertyEntity;
import dev.stratus.image.persistence.ImageTaskEntity;
import dev.stratus.image.store.ImageStores;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Glance's interoperable import ({@code POST /v2/images/{id}/import}): checks the request against the image (and
 * a web-download's URI against the import filter, a glance-download's remote image id),
 * takes the image's import lock, marks the target stores in {@code os_glance_importing_to_stores}, records the
 * task, and hands the copying to a background thread ({@link ImportJob}); the caller gets its 202 at once.
 */
@ApplicationScoped
public class ImageImports {

    private static final Logger LOG = Logger.getLogger(ImageImports.class);
    private final ImageRecords records;
    private final ImageStores stores;
    private final ImportJob job;
    private final ImportRecovery recovery;
    private final ImportUriFilter filter;
    private final ExecutorService workers = Executors.newFixedThreadPool(2, DaemonThreads.named("image-import"));

    public ImageImports(ImageRecords records, ImageStores stores, ImportJob job, ImportRecovery recovery,
            ImportUriFilter filter) {
        this.filter = filter;
        this.records = records;
        this.stores = stores;
        this.job = job;
        this.recovery = recovery;
    }

    /** What the claim decided: the task, and the stores left to import to (none: nothing to do). */
    record Claim(String taskId, List<String> stores) {
    }

    /** Blocking: call from a worker thread. */
    public void start(AuthContext caller, String id, ImportRequest request, String requestId, String requestJson) {
        String taskId = UUID.randomUUID().toString();
        // A lock held by an interrupted import: that import is ended first, as the recovery sweep would end it.
        try {
            recovery.recoverLockHolder(id);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Image %s: could not recover the import holding its lock", id); // lock() decides
        }
        Claim claim = Transactions.run(() -> records.visible(caller, id)
                .chain(image -> check(caller, image, request).chain(() -> targets(image, request)))
                .chain(targets -> {
                    if (targets.isEmpty()) {
                        return Uni.createFrom().item(new Claim(null, targets));
                    }
                    return lock(id, taskId).chain(() -> mark(caller, id, taskId, request, targets, requestId,
                            requestJson)).replaceWith(new Claim(taskId, targets));
                }));
        if (claim.taskId() == null) {
            LOG.infof("Image %s is already in every store: nothing to copy", id);
            return;
        }
        // The import goes on after the request: what it needs of the caller (its token) is taken now.
        String token = caller.token();
        workers.execute(() -> job.run(id, claim.taskId(), request, claim.stores(), token));
    }

    private Uni<Void> check(AuthContext caller, ImageEntity image, ImportRequest request) {
        boolean copy = ImportRequest.COPY_IMAGE.equals(request.method());
        if (ImageStatus.ACTIVE.equals(image.status) && !copy) {
            throw ApiException.conflict("Image with status active cannot be target for import");
        }
        if (!ImageStatus.ACTIVE.equals(image.status) && copy) {
            throw ApiException.conflict("Only images with status active can be targeted for copying");
        }
        if (!ImageStatus.QUEUED.equals(image.status) && request.fetches()) {
            throw ApiException.conflict("Image needs to be in 'queued' state to use '" + request.method()
                    + "' method");
        }
        if (!ImageStatus.UPLOADING.equals(image.status) && ImportRequest.GLANCE_DIRECT.equals(request.method())) {
            throw ApiException.conflict("Image needs to be staged before 'glance-direct' method can be used");
        }
        if (image.containerFormat == null) {
            throw ApiException.conflict("'container_format' needs to be set before import");
        }
        if (image.diskFormat == null) {
            throw ApiException.conflict("'disk_format' needs to be set before import");
        }
        if (ImportRequest.GLANCE_DOWNLOAD.equals(request.method())) {
            checkRemote(request.remote());
        }
        if (copy) {
            // Glance's copy_image policy: administrators only.
            if (!ImageAccess.isAdmin(caller)) {
                throw ApiException.forbidden("You are not authorized to complete copy_image action.");
            }
        } else {
            ImageAccess.requireModify(caller, image, "import");
        }
        if (ImportRequest.WEB_DOWNLOAD.equals(request.method()) && !filter.allows(request.uri())) {
            // Glance prints Python's None for a missing URI.
            throw ApiException.badRequest("URI for web-download does not pass filtering: "
                    + (request.uri() == null ? "None" : request.uri()));
        }
        return Uni.createFrom().voidItem();
    }

    /** Glance's checks of a glance-download's fields, at request time. */
    private static void checkRemote(ImportRequest.RemoteImage remote) {
        if (remote.region() == null) {
            throw ApiException.badRequest("'glance_region' needs to be set for glance-download import method");
        }
        if (remote.imageId() == null) {
            throw ApiException.badRequest("'glance_image_id' needs to be set for glance-download import method");
        }
        if (!ImportRequest.RemoteImage.looksLikeUuid(remote.imageId())) {
            throw ApiException.badRequest("Remote image id does not look like a UUID: " + remote.imageId());
        }
        if (remote.serviceInterface() == null) {
            throw ApiException.badRequest("'glance_service_interface' must be a string");
        }
    }

    /** The stores to import to; a copy skips (all_stores) or refuses (named stores) those holding the image. */
    private Uni<List<String>> targets(ImageEntity image, ImportRequest request) {
        if (!ImportRequest.COPY_IMAGE.equals(request.method())) {
            return Uni.createFrom().item(request.stores());
        }
        return ImageLocationEntity.<ImageLocationEntity>list("imageId", image.id).map(locations -> {
            Set<String> holding = new java.util.HashSet<>();
            locations.forEach(l -> stores.holding(l.url).ifPresent(s -> holding.add(s.id())));
            List<String> left = new ArrayList<>();
            for (String store : request.stores()) {
                if (!holding.contains(store)) {
                    left.add(store);
                } else if (!request.allStores()) {
                    throw ApiException.badRequest("Image is already present at store '" + store + "'");
                }
            }
            return left;
        });
    }

    /**
     * Takes the image's import lock, or takes it over from a task that died, as Glance does (Glance: not updated for
     * an hour; here: no heartbeat for {@code stratus.image.import.timeout}, normally recovered just before).
     */
    private Uni<Void> lock(String id, String taskId) {
        return ImageProperties.get(id, ImageProperties.IMPORT_TASK).chain(holder -> {
            if (holder == null) {
                return ImagePropertyEntity.of(id, ImageProperties.IMPORT_TASK, taskId).persist()
                        .call(() -> io.quarkus.hibernate.reactive.panache.Panache.flush())
                        .onFailure().transform(e -> ApiException.conflict("New operation on image '" + id
                                + "' is not permitted as prior operation is still in progress"))
                        .replaceWithVoid();
            }
            return ImageTaskEntity.<ImageTaskEntity>findById(holder).chain(task -> {
                if (task != null && !recovery.stale(task.updatedAt)) {
                    return Uni.createFrom().failure(ApiException.conflict("Image has active task"));
                }
                LOG.warnf("Image %s: taking the import lock of stale task %s", id, holder);
                Uni<Void> cleanup = task == null ? Uni.createFrom().voidItem() : failStale(task);
                return cleanup.chain(() -> ImageProperties.set(id, ImageProperties.IMPORT_TASK, taskId));
            });
        });
    }

    private static Uni<Void> failStale(ImageTaskEntity task) {
        if ("processing".equals(task.status) || "pending".equals(task.status)) {
            task.status = "failure";
            task.message = ImportRecovery.INTERRUPTED;
            task.updatedAt = Instant.now();
        }
        return ImageProperties.set(task.imageId, ImageProperties.IMPORTING_TO_STORES, "");
    }

    private Uni<Void> mark(AuthContext caller, String id, String taskId, ImportRequest request, List<String> targets,
            String requestId, String requestJson) {
        return ImageEntity.<ImageEntity>findById(id).chain(image -> {
            if (request.usesStaging()) {
                image.status = ImageStatus.IMPORTING;
            }
            image.updatedAt = Instant.now();
            ImageTaskEntity task = new ImageTaskEntity();
            task.id = taskId;
            task.imageId = id;
            task.type = ImageTaskEntity.IMPORT;
            task.status = "processing";
            task.owner = image.owner;
            task.userId = caller.userId();
            task.requestId = requestId;
            task.input = requestJson;
            task.backend = String.join(",", targets);
            task.createdAt = Instant.now();
            task.updatedAt = task.createdAt;
            return task.persist()
                    .chain(() -> ImageProperties.merge(id, ImageProperties.IMPORTING_TO_STORES, targets, false))
                    .chain(() -> ImageProperties.merge(id, ImageProperties.FAILED_IMPORT, targets, true))
                    // As Glance's import flow: the staging data is this worker's to consume now.
                    .chain(() -> ImageProperties.remove(id, ImageProperties.STAGE_HOST));
        });
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
