package dev.stratus.image.service;

import dev.stratus.image.config.ImageSettings;
import dev.stratus.image.persistence.ImageCacheRepository;
import dev.stratus.image.persistence.ImageCacheRepository.Entry;
import dev.stratus.image.persistence.ImageEntity;
import dev.stratus.image.store.FileSystemImageStore;
import dev.stratus.image.store.ImageStore;
import dev.stratus.image.store.StoredImage;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Glance's image cache on this host: whole copies of images in {@code stratus.image.cache.directory} (one file per
 * image, named by its id), recorded in {@code image_cache_entry} with their hits and access times, and the queue of
 * images waiting for the prefetcher. A copy is written to a hidden partial file, checked against the image's
 * size, MD5 and SHA-512, then published under its name in one step; its record follows, and the pruner then drops
 * the least recently accessed copies beyond {@code max-size}. Copies go when their image is deleted or
 * deactivated. Blocking throughout: call from worker threads.
 */
@ApplicationScoped
public class ImageCache {

    private static final Logger LOG = Logger.getLogger(ImageCache.class);

    private final ImageCacheRepository repository;
    private final ImageData data;
    private final ImageSettings settings;
    private final FileSystemImageStore files;
    /** Images being copied in now: a second request for one of them does nothing. */
    private final Set<String> filling = ConcurrentHashMap.newKeySet();
    /** Publishing a copy (after checking its image is still active) and forgetting one never interleave. */
    private final Object publishing = new Object();

    public ImageCache(ImageCacheRepository repository, ImageData data, ImageSettings settings) {
        this.repository = repository;
        this.data = data;
        this.settings = settings;
        this.files = settings.cache().directory().map(ImageCache::open).orElse(null);
    }

    private static FileSystemImageStore open(String directory) {
        try {
            return new FileSystemImageStore(Path.of(directory));
        } catch (IOException e) {
            throw new UncheckedIOException("the image cache directory " + directory + " cannot be used", e);
        }
    }

    /** Whether a cache directory is configured (Glance's {@code image_cache_dir}). */
    public boolean enabled() {
        return files != null;
    }

    public List<Entry> cached() {
        return repository.entries();
    }

    public List<String> queued() {
        return repository.queued();
    }

    /** Queues an image for the prefetcher, unless it is cached or being cached (as Glance). */
    public boolean queue(String imageId) {
        if (filling.contains(imageId) || file(imageId).filter(Files::isRegularFile).isPresent()
                && repository.entry(imageId).isPresent()) {
            return false;
        }
        return repository.enqueue(imageId);
    }

    /** Drops an image's copy and its place in the queue; whether there was either. */
    public boolean forget(String imageId) {
        if (!enabled()) {
            return false;
        }
        boolean dequeued = repository.dequeue(imageId);
        return removeCopy(imageId) || dequeued;
    }

    /** Every copy; how many there were. */
    public int clearCache() {
        int removed = 0;
        for (Entry entry : repository.entries()) {
            if (removeCopy(entry.imageId())) {
                removed++;
            }
        }
        return removed;
    }

    public int clearQueue() {
        return repository.clearQueue();
    }

    /** The copy to serve for an image, if there is one; {@link #hit} counts it once served. */
    public Optional<Path> copyOf(String imageId) {
        if (!enabled()) {
            return Optional.empty();
        }
        Optional<Path> file = file(imageId);
        if (file.isEmpty() || repository.entry(imageId).isEmpty()) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file.get())) {
            LOG.warnf("Cached copy of image %s is missing; its record goes", imageId);
            repository.delete(imageId);
            return Optional.empty();
        }
        return file;
    }

    public void hit(String imageId) {
        repository.hit(imageId);
    }

    /**
     * Copies an image into the cache from one of its copies (or external locations) unless it is there or being
     * copied: the queue entry goes when the copy is recorded, when the image is gone or not active, or when its
     * data does not match the image's checksums; a read failure leaves it queued for the next run.
     *
     * @return whether the image is cached now
     */
    public boolean fill(String imageId) {
        if (!enabled() || !filling.add(imageId)) {
            return false;
        }
        try {
            if (copyOf(imageId).isPresent()) {
                repository.dequeue(imageId);
                return true;
            }
            Optional<ImageData.Located> located = data.locateInternal(imageId);
            if (located.isEmpty() || !ImageStatus.ACTIVE.equals(located.get().image().status)) {
                LOG.infof("Image %s is not active: not cached", imageId);
                repository.dequeue(imageId);
                return false;
            }
            ImageEntity image = located.get().image();
            long size = image.size == null ? ImageStore.UNKNOWN_SIZE : image.size;
            if (size > settings.cache().maxSize()) {
                LOG.warnf("Image %s (%d bytes) is larger than the whole cache: not cached", imageId, size);
                repository.dequeue(imageId);
                return false;
            }
            StoredImage copy = write(imageId, located.get(), size);
            if (copy == null) {
                return false;
            }
            String mismatch = mismatch(image, copy);
            if (mismatch != null) {
                LOG.errorf("Image %s read for the cache does not match its %s: not cached", imageId, mismatch);
                deleteFile(imageId);
                repository.dequeue(imageId);
                return false;
            }
            if (!publish(imageId, copy.size())) {
                return false;
            }
            LOG.infof("Image %s is cached: %d bytes", imageId, copy.size());
            prune();
            return true;
        } finally {
            filling.remove(imageId);
        }
    }

    private StoredImage write(String imageId, ImageData.Located located, long size) {
        try (InputStream in = data.openWhole(located.locations(), size)) {
            return files.write(imageId, in, size, settings.maxImageSize());
        } catch (FileAlreadyExistsException e) {
            // A file without a record (a copy dropped while this one was written): replaced by the next attempt.
            deleteFile(imageId);
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Image %s could not be read into the cache (stays queued): %s", imageId, e.toString());
            return null;
        }
    }

    /** The checksum the copy does not match, or null. */
    private static String mismatch(ImageEntity image, StoredImage copy) {
        if (image.checksum != null && !image.checksum.equalsIgnoreCase(copy.md5Hex())) {
            return "checksum";
        }
        if (image.osHashValue != null && StoredImage.HASH_ALGO.equals(image.osHashAlgo)
                && !image.osHashValue.equalsIgnoreCase(copy.sha512Hex())) {
            return "os_hash_value";
        }
        return null;
    }

    /** Records the published copy if its image is still active, else removes it. */
    private boolean publish(String imageId, long size) {
        synchronized (publishing) {
            boolean active = data.locateInternal(imageId)
                    .map(l -> ImageStatus.ACTIVE.equals(l.image().status)).orElse(false);
            if (!active) {
                deleteFile(imageId);
                repository.dequeue(imageId);
                return false;
            }
            repository.insert(imageId, size);
            repository.dequeue(imageId);
            return true;
        }
    }

    /**
     * Drops least recently accessed copies until the cache holds at most {@code max-size} bytes (Glance's
     * pruner).
     *
     * @return how many copies went
     */
    public int prune() {
        if (!enabled()) {
            return 0;
        }
        long max = settings.cache().maxSize();
        long total = repository.totalSize();
        int pruned = 0;
        while (total > max) {
            Optional<Entry> oldest = repository.leastRecentlyAccessed();
            if (oldest.isEmpty()) {
                break;
            }
            removeCopy(oldest.get().imageId());
            total -= oldest.get().size();
            pruned++;
            LOG.infof("Pruned image %s (%d bytes) from the cache", oldest.get().imageId(), oldest.get().size());
        }
        return pruned;
    }

    /**
     * Start-up: partial files of a previous process go, records without their file go, files without a record
     * (published just before a crash, or whose record went first) go, and the pruner runs.
     */
    public void reconcile() {
        if (!enabled()) {
            return;
        }
        try {
            int partial = files.cleanStaleTempFiles(Duration.ZERO);
            if (partial > 0) {
                LOG.infof("Removed %d partial file(s) from the image cache", partial);
            }
            Set<String> recorded = ConcurrentHashMap.newKeySet();
            for (Entry entry : repository.entries()) {
                Optional<Path> file = file(entry.imageId());
                if (file.isPresent() && Files.isRegularFile(file.get())) {
                    recorded.add(entry.imageId());
                } else {
                    repository.delete(entry.imageId());
                    LOG.infof("Image %s: cache record without its file removed", entry.imageId());
                }
            }
            try (Stream<Path> listing = Files.list(files.root())) {
                for (Path path : listing.filter(Files::isRegularFile).toList()) {
                    String name = path.getFileName().toString();
                    if (!name.startsWith(".") && !recorded.contains(name)) {
                        Files.deleteIfExists(path);
                        LOG.infof("Image %s: cache file without its record removed", name);
                    }
                }
            }
        } catch (IOException e) {
            LOG.errorf("The image cache in %s could not be reconciled: %s", files.root(), e.getMessage());
        }
        prune(); // max-size may have been lowered since the last run
    }

    /** The directory, when the cache is on. */
    public Optional<Path> directory() {
        return enabled() ? Optional.of(files.root()) : Optional.empty();
    }

    private boolean removeCopy(String imageId) {
        synchronized (publishing) {
            boolean recorded = repository.delete(imageId);
            return deleteFile(imageId) || recorded;
        }
    }

    private boolean deleteFile(String imageId) {
        Optional<Path> file = file(imageId);
        if (file.isEmpty()) {
            return false;
        }
        try {
            return Files.deleteIfExists(file.get());
        } catch (IOException e) {
            LOG.errorf("Could not delete the cached copy of image %s: %s", imageId, e.getMessage());
            return false;
        }
    }

    /** Where an image's copy lives; empty for an id that cannot name a file (no such copy can exist). */
    private Optional<Path> file(String imageId) {
        if (!enabled()) {
            return Optional.empty();
        }
        try {
            return Optional.of(files.path(files.root().resolve(imageId).toUri().toString()))
                    .filter(p -> p.getParent().equals(files.root()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @PreDestroy
    void close() {
        if (files != null) {
            files.close();
        }
    }
}
