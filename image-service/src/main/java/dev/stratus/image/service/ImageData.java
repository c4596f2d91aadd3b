package dev.stratus.image.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.fault.ApiException;
import dev.stratus.image.config.ImageSettings;
import dev.stratus.image.persistence.ImageEntity;
import dev.stratus.image.persistence.ImageTaskEntity;
import dev.stratus.image.store.ImageQuotaExceededException;
import dev.stratus.image.store.ImageSizeMismatchException;
import dev.stratus.image.store.ImageStore;
import dev.stratus.image.store.Qcow2Header;
import dev.stratus.image.store.StoredImage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Image data: streaming upload into the store (queued, saving, active; back to queued, or killed, when
 * it fails), the staging import flow (queued, uploading, importing, active) and removal. Runs on worker
 * threads: the data never sits in memory and the event loop is never blocked; database steps are short
 * transactions of their own.
 */
@ApplicationScoped
public class ImageData {

    private static final Logger LOG = Logger.getLogger(ImageData.class);

    private final ImageStore store;
    private final ImageRecords records;
    private final ImageSettings settings;
    private final ImageQuotas quotas;

    public ImageData(ImageStore store, ImageRecords records, ImageSettings settings, ImageQuotas quotas) {
        this.store = store;
        this.records = records;
        this.settings = settings;
        this.quotas = quotas;
    }

    /** {@code PUT /file}. Blocking: call from a worker thread. */
    public void upload(AuthContext caller, String id, InputStream body) {
        StoredImage stored = receive(caller, id, body, ImageStatus.SAVING);
        boolean kept = transaction(() -> ImageEntity.<ImageEntity>findById(id).map(image -> {
            if (image == null) {
                return false;
            }
            recordData(image, stored);
            image.location = stored.location();
            image.status = ImageStatus.ACTIVE;
            return true;
        }));
        if (!kept) {
            deleteQuietly(stored.location()); // deleted while it was uploading: nothing may stay behind
            return;
        }
        LOG.infof("Image %s is active: %d bytes", id, stored.size());
    }

    /** {@code PUT /stage} (glance-direct import, first half). Blocking. */
    public void stage(AuthContext caller, String id, InputStream body) {
        StoredImage staged = receive(caller, id, body, ImageStatus.UPLOADING);
        boolean kept = transaction(() -> ImageEntity.<ImageEntity>findById(id).map(image -> {
            if (image == null) {
                return false;
            }
            recordData(image, staged);
            image.location = staged.location();
            return true;
        }));
        if (!kept) {
            deleteQuietly(staged.location());
        }
    }

    /**
     * {@code POST /import} with glance-direct: moves the staged data into the store, recording the import
     * as a task ({@code GET /v2/images/{id}/tasks}). Blocking.
     */
    public void importStaged(AuthContext caller, String id, String requestId, String requestJson) {
        String taskId = java.util.UUID.randomUUID().toString();
        ImageEntity image = transaction(() -> records.visible(caller, id).invoke(i -> {
            ImageAccess.requireModify(caller, i, "import");
            if (!ImageStatus.UPLOADING.equals(i.status) || i.location == null) {
                throw ApiException.conflict("Image " + id + " has no staged data to import (status " + i.status + ").");
            }
            i.status = ImageStatus.IMPORTING;
            i.updatedAt = Instant.now();
        }).call(i -> task(taskId, i, caller, requestId, requestJson).persist()));
        String location;
        try {
            location = store.promote(image.location, id);
        } catch (IOException e) {
            setStatus(id, ImageStatus.UPLOADING);
            finishTask(taskId, "failure", "Import failed: " + e.getMessage());
            throw ApiException.conflict("Import of image " + id + " failed: " + e.getMessage());
        }
        transaction(() -> ImageEntity.<ImageEntity>findById(id).invoke(i -> {
            if (i != null) {
                i.location = location;
                i.status = ImageStatus.ACTIVE;
                i.updatedAt = Instant.now();
            }
        }));
        finishTask(taskId, "success", "");
    }

    private static ImageTaskEntity task(String taskId, ImageEntity image, AuthContext caller, String requestId,
            String requestJson) {
        ImageTaskEntity task = new ImageTaskEntity();
        task.id = taskId;
        task.imageId = image.id;
        task.type = ImageTaskEntity.IMPORT;
        task.status = "processing";
        task.owner = image.owner;
        task.userId = caller.userId();
        task.requestId = requestId;
        task.input = requestJson;
        task.createdAt = Instant.now();
        task.updatedAt = task.createdAt;
        return task;
    }

    private void finishTask(String taskId, String status, String message) {
        transaction(() -> ImageTaskEntity.<ImageTaskEntity>findById(taskId).invoke(task -> {
            if (task != null) {
                task.status = status;
                task.message = message;
                task.updatedAt = Instant.now();
            }
        }));
    }

    /** What the claim learns: the quota room left and the format the data must match. */
    private record Claim(long room, String diskFormat) {
    }

    /** Claims a queued image for data, streams the body in, and reverts the claim when that fails. */
    private StoredImage receive(AuthContext caller, String id, InputStream body, String busyStatus) {
        Claim claim = transaction(() -> records.visible(caller, id).chain(image -> {
            ImageAccess.requireModify(caller, image, "upload data to");
            if (!ImageStatus.QUEUED.equals(image.status)) {
                throw ApiException.conflict("Image status transition from " + image.status + " to " + busyStatus
                        + " is not allowed");
            }
            if (image.diskFormat == null || image.containerFormat == null) {
                throw ApiException.badRequest("Properties disk_format, container_format must be set prior to"
                        + " saving data.");
            }
            image.status = busyStatus;
            image.updatedAt = Instant.now();
            return quotas.bytesLeft(image.owner).map(room -> new Claim(room, image.diskFormat));
        }));
        long maxBytes = Math.min(settings.maxImageSize(), claim.room());
        StoredImage received;
        try {
            received = ImageStatus.SAVING.equals(busyStatus)
                    ? store.write(id, body, ImageStore.UNKNOWN_SIZE, maxBytes)
                    : store.stage(id, body, ImageStore.UNKNOWN_SIZE, maxBytes);
        } catch (ImageQuotaExceededException e) {
            setStatus(id, ImageStatus.QUEUED);
            throw new ApiException(413, "Denying attempt to upload image because it exceeds the quota: "
                    + e.getMessage());
        } catch (ImageSizeMismatchException e) {
            setStatus(id, ImageStatus.KILLED);
            throw ApiException.badRequest("Image data does not match its declared size: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            setStatus(id, ImageStatus.QUEUED);
            LOG.warnf("Receiving data of image %s failed: %s", id, e.toString());
            throw ApiException.badRequest("Error in the uploaded data: " + e.getMessage());
        }
        String refusal = unsafeContent(received, claim.diskFormat());
        if (refusal != null) {
            deleteQuietly(received.location());
            setStatus(id, ImageStatus.KILLED);
            throw ApiException.badRequest(refusal);
        }
        return received;
    }

    /**
     * A qcow2 file with a backing file would make the hypervisor read a host file of the uploader's
     * choosing, and qcow2 data declared as another format hides such a file from checks: both are refused.
     */
    private String unsafeContent(StoredImage data, String declared) {
        if (!"qcow2".equals(data.diskFormat())) {
            return null;
        }
        if (!"qcow2".equals(declared)) {
            return "Image data is qcow2 but the image is declared as " + declared + ".";
        }
        try {
            if (Qcow2Header.read(store.path(data.location())).map(Qcow2Header::hasBackingFile).orElse(false)) {
                return "qcow2 images with a backing file are not accepted.";
            }
        } catch (IOException e) {
            return "The qcow2 header could not be read: " + e.getMessage();
        }
        return null;
    }

    private static void recordData(ImageEntity image, StoredImage data) {
        image.size = data.size();
        image.virtualSize = data.virtualSizeFor(image.diskFormat);
        image.checksum = data.md5Hex();
        image.osHashAlgo = StoredImage.HASH_ALGO;
        image.osHashValue = data.sha512Hex();
        image.updatedAt = Instant.now();
    }

    private void setStatus(String id, String status) {
        transaction(() -> ImageEntity.<ImageEntity>findById(id).invoke(image -> {
            if (image != null) {
                image.status = status;
                image.updatedAt = Instant.now();
            }
        }));
    }

    public void deleteQuietly(String location) {
        if (location == null) {
            return;
        }
        try {
            store.delete(location);
        } catch (IOException | RuntimeException e) {
            LOG.errorf("Could not delete image data at %s: %s", location, e.getMessage());
        }
    }

    public java.nio.file.Path path(String location) {
        return store.path(location);
    }

    private static <T> T transaction(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
