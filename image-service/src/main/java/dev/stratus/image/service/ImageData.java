package dev.stratus.image.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.fault.ApiException;
import dev.stratus.image.config.ImageSettings;
import dev.stratus.image.persistence.ImageEntity;
import dev.stratus.image.store.ImageQuotaExceededException;
import dev.stratus.image.store.ImageSizeMismatchException;
import dev.stratus.image.store.ImageStore;
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
 * it fails) and removal. Runs on worker threads: the data never sits in memory and the event loop is
 * never blocked; database steps are short transactions of their own.
 */
@ApplicationScoped
public class ImageData {

    private static final Logger LOG = Logger.getLogger(ImageData.class);

    private final ImageStore store;
    private final ImageRecords records;
    private final ImageSettings settings;

    public ImageData(ImageStore store, ImageRecords records, ImageSettings settings) {
        this.store = store;
        this.records = records;
        this.settings = settings;
    }

    /** Blocking: call from a worker thread. */
    public void upload(AuthContext caller, String id, InputStream body) {
        ImageEntity claimed = transaction(() -> records.visible(caller, id).invoke(image -> {
            ImageAccess.requireModify(caller, image, "upload data to");
            if (!ImageStatus.QUEUED.equals(image.status)) {
                throw ApiException.conflict("Image status transition from " + image.status
                        + " to saving is not allowed");
            }
            if (image.diskFormat == null || image.containerFormat == null) {
                throw ApiException.badRequest("Properties disk_format, container_format must be set prior to"
                        + " saving data.");
            }
            image.status = ImageStatus.SAVING;
            image.updatedAt = Instant.now();
        }));
        StoredImage stored;
        try {
            stored = store.write(id, body, ImageStore.UNKNOWN_SIZE, settings.maxImageSize());
        } catch (ImageQuotaExceededException e) {
            revert(id, ImageStatus.QUEUED);
            throw new ApiException(413, "Image exceeds the storage quota: " + e.getMessage());
        } catch (ImageSizeMismatchException e) {
            revert(id, ImageStatus.KILLED);
            throw ApiException.badRequest("Image data does not match its declared size: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            revert(id, ImageStatus.QUEUED);
            LOG.warnf("Upload of image %s failed: %s", id, e.toString());
            throw ApiException.badRequest("Error in the uploaded data: " + e.getMessage());
        }
        boolean kept = transaction(() -> ImageEntity.<ImageEntity>findById(id).map(image -> {
            if (image == null) {
                return false;
            }
            image.size = stored.size();
            image.virtualSize = stored.virtualSizeFor(image.diskFormat);
            image.checksum = stored.md5Hex();
            image.osHashAlgo = StoredImage.HASH_ALGO;
            image.osHashValue = stored.sha512Hex();
            image.location = stored.location();
            image.status = ImageStatus.ACTIVE;
            image.updatedAt = Instant.now();
            return true;
        }));
        if (!kept) {
            // Deleted while it was uploading: nothing may stay behind.
            deleteQuietly(stored.location());
        }
        LOG.infof("Image %s is active: %d bytes (%s)", id, stored.size(), claimed.diskFormat);
    }

    private void revert(String id, String status) {
        transaction(() -> ImageEntity.<ImageEntity>findById(id).invoke(image -> {
            if (image != null && ImageStatus.SAVING.equals(image.status)) {
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
