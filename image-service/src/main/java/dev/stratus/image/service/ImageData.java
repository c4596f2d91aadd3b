package dev.stratus.image.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.fault.ApiException;
import dev.stratus.image.config.ImageSettings;
import dev.stratus.image.persistence.ImageEntity;
import dev.stratus.image.persistence.ImageLocationEntity;
import dev.stratus.image.store.ImageQuotaExceededException;
import dev.stratus.image.store.ImageSizeMismatchException;
import dev.stratus.image.store.HttpImageStore;
import dev.stratus.image.store.ImageStore;
import dev.stratus.image.store.ImageStores;
import dev.stratus.image.store.NamedStore;
import dev.stratus.image.store.Qcow2Header;
import dev.stratus.image.store.StoredImage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Image data: streaming upload into a store (queued, saving, active; back to queued, or killed, when
 * it fails), staging for imports (queued, uploading; see ImageImports for the rest) and removal. Runs on worker
 * threads: the data never sits in memory and the event loop is never blocked; database steps are short
 * transactions of their own.
 */
@ApplicationScoped
public class ImageData {

    private static final Logger LOG = Logger.getLogger(ImageData.class);

    private final ImageStores stores;
    private final ImageRecords records;
    private final ImageSettings settings;
    private final ImageQuotas quotas;
    private final StageHostProxy stageHosts;

    public ImageData(ImageStores stores, ImageRecords records, ImageSettings settings, ImageQuotas quotas,
            StageHostProxy stageHosts) {
        this.stageHosts = stageHosts;
        this.stores = stores;
        this.records = records;
        this.settings = settings;
        this.quotas = quotas;
    }

    /**
     * The store a request names ({@code X-Image-Meta-Store}), or the default one; an unknown name is Glance's
     * 400 from glance_store.
     */
    public NamedStore storeForUpload(String requested) {
        if (requested == null || requested.isBlank()) {
            return stores.defaultStore();
        }
        return stores.find(requested.strip()).orElseThrow(() -> ApiException.badRequest(unknownStore(requested)));
    }

    /** glance_store's UnknownScheme message, which Glance passes on for an unknown store id. */
    public static String unknownStore(String id) {
        return "Unknown scheme '" + id + "' found in URI";
    }

    /** {@code PUT /file} into {@code target}. Blocking: call from a worker thread. */
    public void upload(AuthContext caller, String id, InputStream body, NamedStore target) {
        StoredImage stored = receive(caller, id, body, ImageStatus.SAVING, target.store());
        boolean kept = transaction(() -> ImageEntity.<ImageEntity>findById(id).chain(image -> {
            if (image == null) {
                return Uni.createFrom().item(false);
            }
            recordData(image, stored);
            image.status = ImageStatus.ACTIVE;
            return ImageLocationEntity.of(id, stored.location()).persist().replaceWith(true);
        }));
        if (!kept) {
            deleteQuietly(stored.location()); // deleted while it was uploading: nothing may stay behind
            return;
        }
        LOG.infof("Image %s is active in store %s: %d bytes", id, target.id(), stored.size());
    }

    /** {@code PUT /stage} (glance-direct import, first half). Blocking. */
    public void stage(AuthContext caller, String id, InputStream body) {
        StoredImage staged = receive(caller, id, body, ImageStatus.UPLOADING, staging());
        boolean kept = transaction(() -> ImageEntity.<ImageEntity>findById(id).chain(image -> {
            if (image == null) {
                return Uni.createFrom().item(false);
            }
            recordData(image, staged);
            image.stagedLocation = staged.location();
            // Glance records which worker holds the staged data (its worker_self_reference_url), when it knows.
            return stageHosts.selfUrl()
                    .map(url -> ImageProperties.set(id, ImageProperties.STAGE_HOST, url))
                    .orElseGet(() -> ImageProperties.remove(id, ImageProperties.STAGE_HOST))
                    .replaceWith(true);
        }));
        if (!kept) {
            deleteQuietly(staged.location());
        }
    }

    /**
     * Stages data an import fetched ({@code web-download}, {@code glance-download}) for image {@code id}, within
     * its owner's quota and the largest image size, as {@code PUT /stage} does; qcow2 data with a backing file, or
     * qcow2 data declared as another format ({@code diskFormat}, else the image's), is removed and refused. Nothing
     * is recorded on the image: the import does that. Blocking.
     *
     * @param expectedSize the announced length, or {@link ImageStore#UNKNOWN_SIZE}
     * @throws IOException the data could not be read or stored, did not have the expected size, exceeded the quota
     *                     or was refused; nothing was left behind
     */
    StoredImage stageForImport(String id, InputStream body, long expectedSize, String diskFormat)
            throws IOException {
        Claim claim = transaction(() -> ImageEntity.<ImageEntity>findById(id).chain(image -> image == null
                ? Uni.createFrom().<Claim>nullItem()
                : quotas.bytesLeft(image.owner).map(room -> new Claim(room,
                        diskFormat != null ? diskFormat : image.diskFormat))));
        if (claim == null) {
            throw new IOException("the image was deleted");
        }
        StoredImage staged = staging().stage(id, body, expectedSize, Math.min(settings.maxImageSize(),
                claim.room()));
        String refusal = unsafeContent(staging(), staged, claim.diskFormat());
        if (refusal != null) {
            deleteQuietly(staged.location());
            throw new IOException(refusal);
        }
        return staged;
    }

    /** What the claim learns: the quota room left and the format the data must match. */
    private record Claim(long room, String diskFormat) {
    }

    /** Claims a queued image for data, streams the body in, and reverts the claim when that fails. */
    private StoredImage receive(AuthContext caller, String id, InputStream body, String busyStatus,
            ImageStore store) {
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
        String refusal = unsafeContent(store, received, claim.diskFormat());
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
    private static String unsafeContent(ImageStore store, StoredImage data, String declared) {
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
        recordData(image, data, image.diskFormat);
    }

    /** Records the data's size and digests on the image, its virtual size as {@code diskFormat} gives it. */
    static void recordData(ImageEntity image, StoredImage data, String diskFormat) {
        image.size = data.size();
        image.virtualSize = data.virtualSizeFor(diskFormat);
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

    /** Where staged data goes: the default store's staging area. */
    ImageStore staging() {
        return stores.defaultStore().store();
    }

    /** Removes the data at {@code location}, in whichever store (or staging area) holds it. Blocking. */
    public void deleteQuietly(String location) {
        if (location == null) {
            return;
        }
        if (stores.external(location).isPresent()) {
            // The http store is read-only: the data is not the cloud's to delete (Glance's StoreDeleteNotSupported).
            LOG.debugf("Image data at %s is external; left in place", location);
            return;
        }
        for (NamedStore named : stores.all()) {
            try {
                named.store().path(location);
            } catch (IllegalArgumentException notThisStore) {
                continue;
            }
            try {
                named.store().delete(location);
            } catch (IOException | RuntimeException e) {
                LOG.errorf("Could not delete image data at %s: %s", location, e.getMessage());
            }
            return;
        }
        LOG.warnf("Image data at %s is in no configured store; left in place", location);
    }

    /** Removes every copy of an image and its staged data (image delete). Blocking. */
    public void deleteAll(List<String> locations, String stagedLocation) {
        locations.forEach(this::deleteQuietly);
        deleteQuietly(stagedLocation);
    }

    /**
     * The file to serve for an image with these copies: the default store's copy first, then the others in
     * configuration order; copies in stores no longer configured are skipped.
     */
    public Optional<java.nio.file.Path> readable(List<String> locations) {
        List<NamedStore> order = stores.all();
        java.nio.file.Path best = null;
        int bestRank = Integer.MAX_VALUE;
        for (String url : locations) {
            Optional<NamedStore> holder = stores.holding(url);
            if (holder.isEmpty()) {
                continue;
            }
            int rank = holder.get().isDefault() ? -1 : order.indexOf(holder.get());
            if (rank < bestRank) {
                best = holder.get().store().path(url);
                bestRank = rank;
            }
        }
        return Optional.ofNullable(best);
    }

    /** An image the caller may see, with its locations in order. */
    public record Located(ImageEntity image, List<String> locations) {
    }

    /** The image and its locations, for a download. Blocking. */
    public Located locate(AuthContext caller, String id) {
        return transaction(() -> records.visible(caller, id)
                .chain(image -> records.locations(id).map(locations -> new Located(image, locations))));
    }

    /** Any image with its locations, whoever may see it (the cache's own reads); empty when it is gone. Blocking. */
    public Optional<Located> locateInternal(String id) {
        return Optional.ofNullable(transaction(() -> ImageEntity.<ImageEntity>findById(id).chain(image -> image == null
                ? Uni.createFrom().nullItem()
                : records.locations(id).map(locations -> new Located(image, locations)))));
    }

    /**
     * The whole data of an image with these locations and size: its stored copy (as {@link #readable}) else its
     * first external location that answers. Blocking.
     *
     * @throws IOException no copy can be read
     */
    public InputStream openWhole(List<String> locations, long size) throws IOException {
        Optional<java.nio.file.Path> file = readable(locations);
        if (file.isPresent()) {
            return java.nio.file.Files.newInputStream(file.get());
        }
        return openExternal(locations, 0, size)
                .orElseThrow(() -> new IOException("no location of the image could be read"));
    }

    /**
     * Streams {@code length} bytes from {@code offset} out of the first external location (the read-only http
     * store) that answers; empty when none does. Blocking.
     */
    public Optional<InputStream> openExternal(List<String> locations, long offset, long length) {
        for (String url : locations) {
            Optional<HttpImageStore> store = stores.external(url);
            if (store.isEmpty()) {
                continue;
            }
            try {
                return Optional.of(store.get().open(url, offset, length));
            } catch (IOException | RuntimeException e) {
                LOG.warnf("Image data at %s could not be read: %s", url, e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Whether one of {@code locations} is external, served by the http store. */
    public boolean hasExternal(List<String> locations) {
        return locations.stream().anyMatch(l -> stores.external(l).isPresent());
    }

    private static <T> T transaction(Supplier<Uni<T>> work) {
        return Transactions.run(work);
    }
}
