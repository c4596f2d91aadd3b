package dev.stratus.image.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * Images as plain files named by image id under one root directory, staged data under {@code root/staging}.
 *
 * <p>Every write goes to {@code .<id>.<random>.partial} in the destination directory, is fsync'ed, then
 * published under its final name in one atomic step ({@link AtomicFiles#publish}), so a reader (download,
 * another API node sharing the directory) never sees half an image, and a crash leaves only a hidden temp
 * file that {@link #cleanStaleTempFiles} removes at the next start-up.
 *
 * <p>Plain Java on purpose: the service wires it with a CDI producer (root from configuration, calls
 * {@link #cleanStaleTempFiles} once, {@link #close} on shutdown).
 */
public final class FileSystemImageStore implements ImageStore, AutoCloseable {

    /** 1 MiB buffers: large enough to amortise per-chunk costs (syscall, hand-off), small enough to pool. */
    static final int DEFAULT_BUFFER_SIZE = 1 << 20;
    /** Buffers in flight per upload: 8 MiB of heap per concurrent upload, whatever the image size. */
    static final int DEFAULT_RING_SIZE = 8;
    /** Fastest plan measured on 2 cores (see ImageStoreBenchmarkTest). */
    static final DigestPlan DEFAULT_PLAN = DigestPlan.TWO_LANES;

    private final Path root;
    private final Path staging;
    private final ExecutorService digestExecutor;
    private final boolean ownsExecutor;
    private final StreamingWriter writer;
    private final int bufferSize;

    /** A store with its own digest pool (one daemon thread per core), shut down by {@link #close}. */
    public FileSystemImageStore(Path root) throws IOException {
        this(root, DigestExecutor.create(DigestExecutor.defaultThreads()), true, DEFAULT_BUFFER_SIZE,
                DEFAULT_RING_SIZE, DEFAULT_PLAN);
    }

    /** A store digesting on {@code digestExecutor}, which the caller owns (close() leaves it running). */
    public FileSystemImageStore(Path root, ExecutorService digestExecutor) throws IOException {
        this(root, digestExecutor, false, DEFAULT_BUFFER_SIZE, DEFAULT_RING_SIZE, DEFAULT_PLAN);
    }

    /**
     * A store whose staged data lives in {@code root/stagingName} (one name per image-service worker sharing the
     * store: each worker stages on its own, as Glance's workers do; inside the root, so publishing stays a rename).
     */
    public FileSystemImageStore(Path root, ExecutorService digestExecutor, String stagingName) throws IOException {
        this(root, digestExecutor, false, DEFAULT_BUFFER_SIZE, DEFAULT_RING_SIZE, DEFAULT_PLAN, stagingName);
    }

    /** For tests and benchmarks: every tuning knob. */
    FileSystemImageStore(Path root, ExecutorService digestExecutor, boolean ownsExecutor, int bufferSize,
            int ringSize, DigestPlan plan) throws IOException {
        this(root, digestExecutor, ownsExecutor, bufferSize, ringSize, plan, ImageNames.STAGING);
    }

    private FileSystemImageStore(Path root, ExecutorService digestExecutor, boolean ownsExecutor, int bufferSize,
            int ringSize, DigestPlan plan, String stagingName) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.staging = this.root.resolve(stagingName(stagingName));
        this.digestExecutor = Objects.requireNonNull(digestExecutor, "digestExecutor");
        this.ownsExecutor = ownsExecutor;
        this.writer = new StreamingWriter(digestExecutor, bufferSize, ringSize, plan);
        this.bufferSize = bufferSize;
        Files.createDirectories(this.staging);
    }

    private static String stagingName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_-][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("not a valid staging directory name: " + name);
        }
        return name;
    }

    public Path root() {
        return root;
    }

    /** Bytes written per step (Glance's {@code chunk_size} of a store). */
    public int chunkSize() {
        return bufferSize;
    }

    @Override
    public StoredImage write(String imageId, InputStream data, long expectedSize, long maxBytes)
            throws IOException {
        return writeInto(root, imageId, data, expectedSize, maxBytes);
    }

    @Override
    public StoredImage stage(String imageId, InputStream data, long expectedSize, long maxBytes)
            throws IOException {
        return writeInto(staging, imageId, data, expectedSize, maxBytes);
    }

    @Override
    public String promote(String stagedLocation, String imageId) throws IOException {
        Path source = path(stagedLocation);
        if (!source.getParent().equals(staging)) {
            throw new IllegalArgumentException("not a staged location: " + stagedLocation);
        }
        Path target = root.resolve(ImageNames.requireSafe(imageId));
        if (!Files.isRegularFile(source)) {
            throw new NoSuchFileException(source.toString(), null, "nothing staged");
        }
        // Same file system (staging is inside root), so this is a rename: no copy, no half file.
        AtomicFiles.publish(source, target);
        AtomicFiles.syncDirectory(staging);
        return location(target);
    }

    @Override
    public Path path(String location) {
        Objects.requireNonNull(location, "location");
        Path file;
        try {
            URI uri = URI.create(location);
            if (!"file".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException("not a file location: " + location);
            }
            file = Path.of(uri).normalize();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new IllegalArgumentException("not a location of this store: " + location, e);
        }
        Path parent = file.getParent();
        Path name = file.getFileName();
        if (parent == null || name == null || !(parent.equals(root) || parent.equals(staging))
                || !ImageNames.isSafe(name.toString())) {
            throw new IllegalArgumentException("not a location of this store: " + location);
        }
        return file;
    }

    /**
     * The location image {@code imageId}'s data has in this store (whether or not it is there): what {@link #write}
     * and {@link #promote} return for it.
     */
    public String locationOf(String imageId) {
        return location(root.resolve(ImageNames.requireSafe(imageId)));
    }

    /** The location {@link #stage} gives image {@code imageId}'s staged data (whether or not it is there). */
    public String stagedLocationOf(String imageId) {
        return location(staging.resolve(ImageNames.requireSafe(imageId)));
    }

    /** Whether {@code location} names image data (not staged data) of this store. */
    public boolean owns(String location) {
        try {
            return path(location).getParent().equals(root);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public long size(String location) throws IOException {
        return Files.size(path(location));
    }

    @Override
    public void delete(String location) throws IOException {
        Files.deleteIfExists(path(location));
    }

    @Override
    public boolean exists(String location) {
        return Files.isRegularFile(path(location));
    }

    @Override
    public InputStream open(String location, long offset, long length) throws IOException {
        FileChannel channel = FileChannel.open(path(location));
        channel.position(offset);
        return new BoundedInputStream(java.nio.channels.Channels.newInputStream(channel), length);
    }

    /**
     * Removes temp files left by writes that never finished (crash, kill -9) and are older than
     * {@code olderThan}. The age guard matters when several API nodes share the directory (NFS): a young temp
     * file may be another node's upload in progress. Call once at start-up.
     *
     * @return how many files were removed
     */
    public int cleanStaleTempFiles(Duration olderThan) throws IOException {
        Instant cutoff = Instant.now().minus(olderThan);
        int removed = 0;
        for (Path dir : new Path[] {root, staging}) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir,
                    p -> ImageNames.isTemp(p.getFileName().toString()))) {
                for (Path file : files) {
                    try {
                        if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)
                                && Files.deleteIfExists(file)) {
                            removed++;
                        }
                    } catch (NoSuchFileException alreadyGone) {
                        // removed concurrently (its upload finished or failed): fine
                    }
                }
            }
        }
        return removed;
    }

    /** Stops the digest pool if this store created it. In-flight writes fail with an IOException. */
    @Override
    public void close() {
        if (ownsExecutor) {
            digestExecutor.shutdown();
        }
    }

    private StoredImage writeInto(Path dir, String imageId, InputStream data, long expectedSize, long maxBytes)
            throws IOException {
        ImageNames.requireSafe(imageId);
        Objects.requireNonNull(data, "data");
        Path target = dir.resolve(imageId);
        if (Files.exists(target)) {
            // Checked before reading a byte; AtomicFiles.publish checks again, atomically, at the end.
            throw new FileAlreadyExistsException(target.toString(), null, "image data already stored");
        }
        Path temp = dir.resolve(ImageNames.tempName(imageId));
        boolean published = false;
        try {
            StreamingWriter.Result result;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                result = writer.write(data, channel, expectedSize, maxBytes);
                channel.force(true); // data on disk before the name exists
            }
            AtomicFiles.publish(temp, target);
            published = true;
            Long virtualSize = null;
            String format = null;
            var qcow2 = Qcow2Header.parse(result.header());
            if (qcow2.isPresent()) {
                virtualSize = qcow2.get().virtualSize();
                format = "qcow2";
            }
            return new StoredImage(location(target), result.size(), result.md5Hex(), result.sha512Hex(),
                    virtualSize, format);
        } finally {
            if (!published) {
                deleteQuietly(temp);
            }
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // The original failure matters more; cleanStaleTempFiles removes it at the next start-up.
        }
    }

    private static String location(Path file) {
        return file.toUri().toString();
    }
}
