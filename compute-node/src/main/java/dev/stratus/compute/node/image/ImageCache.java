package dev.stratus.compute.node.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The images of one host, each downloaded once and shared by the host's guests ({@code _base/<image id>}).
 * A download streams to a temporary file, is checked against the image's MD5 checksum and renamed into
 * place, so a cached file is always complete. Requests for an image being downloaded wait for that
 * download. The file's modification time is its last use; {@link #removeUnused} deletes images no guest
 * needs that were not used for a while.
 */
public class ImageCache {

    private static final Logger LOG = Logger.getLogger(ImageCache.class);
    private static final Pattern IMAGE_ID = Pattern.compile("[0-9A-Za-z-]{1,64}");
    private static final String PART = ".part";
    private static final int BUFFER = 1 << 20;
    private static final Set<PosixFilePermission> SHARED_DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> SHARED_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private final Path directory;
    private final ImageSource source;
    private final Clock clock;
    private final Map<String, CompletableFuture<Path>> downloads = new ConcurrentHashMap<>();
    private final AtomicLong downloadCount = new AtomicLong();

    public ImageCache(Path directory, ImageSource source, Clock clock) {
        this.directory = directory;
        this.source = source;
        this.clock = clock;
    }

    public Path directory() {
        return directory;
    }

    /** Downloads started by this cache since it was created (a shared download counts once). */
    public long downloadCount() {
        return downloadCount.get();
    }

    /**
     * The cached file of the image, downloading it first when it is not cached yet.
     *
     * @param expectedChecksum MD5 (hex) the data must have; null to take image-service's word for it
     */
    public Path fetch(String imageId, String expectedChecksum) throws ImageCacheException, InterruptedException {
        if (imageId == null || !IMAGE_ID.matcher(imageId).matches()) {
            throw new ImageCacheException("not a valid image id: " + imageId);
        }
        Path cached = directory.resolve(imageId);
        if (Files.isRegularFile(cached)) {
            markUsed(cached);
            return cached;
        }
        CompletableFuture<Path> mine = new CompletableFuture<>();
        CompletableFuture<Path> running = downloads.putIfAbsent(imageId, mine);
        if (running == null) {
            try {
                Path done = Files.isRegularFile(cached) ? cached : download(imageId, expectedChecksum, cached);
                mine.complete(done);
            } catch (ImageCacheException | RuntimeException e) {
                mine.completeExceptionally(e);
            } catch (InterruptedException e) {
                mine.completeExceptionally(new ImageCacheException("download of image " + imageId + " interrupted", e));
                throw e;
            } finally {
                downloads.remove(imageId, mine);
            }
            running = mine;
        }
        try {
            Path path = running.get();
            markUsed(path);
            return path;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ImageCacheException failure) {
                throw new ImageCacheException(failure.getMessage(), failure);
            }
            throw new ImageCacheException("download of image " + imageId + " failed: " + e.getCause(), e.getCause());
        }
    }

    private Path download(String imageId, String expectedChecksum, Path target)
            throws ImageCacheException, InterruptedException {
        downloadCount.incrementAndGet();
        long start = System.nanoTime();
        Path temp = null;
        try {
            Files.createDirectories(directory);
            // Readable by the hypervisor's own user (QEMU opens the cached image as a backing file).
            Files.setPosixFilePermissions(directory, SHARED_DIRECTORY);
            temp = Files.createTempFile(directory, imageId + ".", PART, PosixFilePermissions.asFileAttribute(SHARED_FILE));
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            long size = 0;
            ImageSource.Download download = source.open(imageId);
            try (InputStream in = download.data(); OutputStream out = Files.newOutputStream(temp)) {
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    md5.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    size += n;
                }
            }
            String actual = HexFormat.of().formatHex(md5.digest());
            String expected = expectedChecksum != null ? expectedChecksum : download.checksum();
            if (expected != null && !expected.equalsIgnoreCase(actual)) {
                throw new ImageCacheException("image " + imageId + " is corrupt: its data have MD5 " + actual
                        + " but the image's checksum is " + expected);
            }
            Files.setPosixFilePermissions(temp, SHARED_FILE);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            LOG.infof("Cached image %s (%d bytes) in %d ms", imageId, size, (System.nanoTime() - start) / 1_000_000);
            return target;
        } catch (IOException e) {
            throw new ImageCacheException("cannot download image " + imageId + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    LOG.warnf("Could not delete %s: %s", temp, e.getMessage());
                }
            }
        }
    }

    private void markUsed(Path path) {
        try {
            Files.setLastModifiedTime(path, FileTime.from(clock.instant()));
            // a cache written by an older node (or under a strict umask) must still be readable by QEMU
            Files.setPosixFilePermissions(directory, SHARED_DIRECTORY);
            Files.setPosixFilePermissions(path, SHARED_FILE);
        } catch (IOException e) {
            LOG.debugf("Could not mark %s used: %s", path, e.getMessage());
        }
    }

    /** Whether the image is in the cache. */
    public boolean contains(String imageId) {
        return IMAGE_ID.matcher(imageId).matches() && Files.isRegularFile(directory.resolve(imageId));
    }

    /**
     * Deletes cached images that no guest of the host uses ({@code inUse}) and that were last used more than
     * {@code maxUnusedAge} ago, and left-over partial downloads as old. Returns the images removed.
     */
    public List<String> removeUnused(Set<String> inUse, Duration maxUnusedAge) {
        List<String> removed = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return removed;
        }
        Instant limit = clock.instant().minus(maxUnusedAge);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                boolean partial = name.endsWith(PART);
                if (!partial && (inUse.contains(name) || downloads.containsKey(name) || !IMAGE_ID.matcher(name).matches())) {
                    continue;
                }
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(limit) && Files.deleteIfExists(file)) {
                        if (!partial) {
                            removed.add(name);
                        }
                        LOG.infof("Removed %s from the image cache: unused since more than %s", name, maxUnusedAge);
                    }
                } catch (IOException e) {
                    LOG.warnf("Could not remove %s from the image cache: %s", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warnf("Could not list the image cache %s: %s", directory, e.getMessage());
        }
        return removed;
    }
}
