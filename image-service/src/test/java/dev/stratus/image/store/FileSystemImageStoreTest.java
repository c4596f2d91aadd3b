package dev.stratus.image.store;

import static dev.stratus.image.store.TestStreams.hex;
import static dev.stratus.image.store.TestStreams.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileSystemImageStoreTest {

    private static final int MIB = 1 << 20;

    @TempDir
    Path root;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private FileSystemImageStore store() throws IOException {
        return track(new FileSystemImageStore(root));
    }

    private FileSystemImageStore store(int bufferSize, int ringSize, DigestPlan plan) throws IOException {
        return track(new FileSystemImageStore(root, DigestExecutor.create(2), true, bufferSize, ringSize, plan));
    }

    private FileSystemImageStore track(FileSystemImageStore store) {
        toClose.add(store);
        return store;
    }

    /** Everything in the store, temp files included, relative to root ("staging" is always there). */
    private Set<String> listing() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            TreeSet<String> names = new TreeSet<>();
            files.filter(p -> !p.equals(root)).forEach(p -> names.add(root.relativize(p).toString()));
            return names;
        }
    }

    static Stream<Arguments> sizesAndPlans() {
        int[] sizes = {0, 1, MIB - 1, MIB, MIB + 1, 5 * MIB + 123};
        List<Arguments> args = new ArrayList<>();
        for (DigestPlan plan : DigestPlan.values()) {
            for (int size : sizes) {
                args.add(Arguments.of(size, plan));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} bytes, {1}")
    @MethodSource("sizesAndPlans")
    void digestsAndContentMatchWhatWasSent(int size, DigestPlan plan) throws Exception {
        byte[] data = randomBytes(size, size);
        FileSystemImageStore store = store(MIB, 3, plan);

        StoredImage image = store.write("img-" + size, new ByteArrayInputStream(data), size, ImageStore.NO_LIMIT);

        assertEquals(size, image.size());
        assertEquals(hex("MD5", data), image.md5Hex());
        assertEquals(hex("SHA-512", data), image.sha512Hex());
        assertEquals(root.resolve("img-" + size).toUri().toString(), image.location());
        assertTrue(image.location().startsWith("file:///"));
        assertArrayEquals(data, Files.readAllBytes(store.path(image.location())));
        assertEquals(size, store.size(image.location()));
        assertNull(image.diskFormat());
        assertNull(image.virtualSize());
        assertEquals(Set.of("staging", "img-" + size), listing());
    }

    @Test
    void unknownSizeAndShortReadsGiveTheSameDigests() throws Exception {
        byte[] data = randomBytes(3 * MIB + 17, 3);
        // Tiny buffers and a 2-buffer ring: the reader constantly waits for the lanes.
        FileSystemImageStore store = store(4096, 2, DigestPlan.TWO_LANES);

        StoredImage image = store.write("trickle", new TestStreams.Trickle(new ByteArrayInputStream(data)),
                ImageStore.UNKNOWN_SIZE, ImageStore.NO_LIMIT);

        assertEquals(data.length, image.size());
        assertEquals(hex("MD5", data), image.md5Hex());
        assertEquals(hex("SHA-512", data), image.sha512Hex());
        assertArrayEquals(data, Files.readAllBytes(store.path(image.location())));
    }

    @Test
    void openStreamsASlice() throws Exception {
        FileSystemImageStore store = store();
        byte[] data = randomBytes(100_000, 9);
        StoredImage image = store.write("slice", new ByteArrayInputStream(data), data.length, ImageStore.NO_LIMIT);

        try (java.io.InputStream in = store.open(image.location(), 70_000, 20_000)) {
            assertArrayEquals(java.util.Arrays.copyOfRange(data, 70_000, 90_000), in.readAllBytes());
        }
        assertFalse(store.isReadOnly());
    }

    @Test
    void shorterThanExpectedLeavesNothing() throws Exception {
        FileSystemImageStore store = store();
        byte[] data = randomBytes(MIB + 5, 1);

        var e = assertThrows(ImageSizeMismatchException.class,
                () -> store.write("short", new ByteArrayInputStream(data), data.length + 1, ImageStore.NO_LIMIT));

        assertEquals(data.length + 1, e.expectedSize());
        assertEquals(data.length, e.actualSize());
        assertFalse(e.longer());
        assertTrue(e.getMessage().contains(String.valueOf(data.length + 1)), e.getMessage());
        assertEquals(Set.of("staging"), listing());
    }

    @Test
    void longerThanExpectedStopsReadingAndLeavesNothing() throws Exception {
        FileSystemImageStore store = store();
        var source = new TestStreams.Counting(new TestStreams.Repeating(randomBytes(MIB, 2), 100L * MIB));

        var e = assertThrows(ImageSizeMismatchException.class,
                () -> store.write("long", source, 3 * MIB, ImageStore.NO_LIMIT));

        assertTrue(e.longer());
        assertEquals(3 * MIB + 1, source.count, "reads one byte past the expected size, no more");
        assertEquals(Set.of("staging"), listing());
    }

    @Test
    void quotaExceededWhileStreamingStopsEarlyAndLeavesNothing() throws Exception {
        FileSystemImageStore store = store();
        long maxBytes = 3L * MIB + 10;
        var source = new TestStreams.Counting(new TestStreams.Repeating(randomBytes(MIB, 3), 4L << 30));

        var e = assertThrows(ImageQuotaExceededException.class,
                () -> store.write("quota", source, ImageStore.UNKNOWN_SIZE, maxBytes));

        assertEquals(maxBytes, e.maxBytes());
        assertTrue(source.count <= maxBytes + FileSystemImageStore.DEFAULT_BUFFER_SIZE,
                "read " + source.count + " bytes for a " + maxBytes + " byte quota");
        assertEquals(maxBytes + 1, source.count); // in fact exactly one byte past
        assertTrue(e.getMessage().contains(String.valueOf(maxBytes)), e.getMessage());
        assertEquals(Set.of("staging"), listing());
    }

    @Test
    void announcedSizeOverQuotaIsRefusedBeforeReading() throws Exception {
        FileSystemImageStore store = store();
        var source = new TestStreams.Counting(new ByteArrayInputStream(new byte[100]));

        var e = assertThrows(ImageQuotaExceededException.class, () -> store.write("quota", source, 100, 99));

        assertEquals(100, e.attemptedBytes());
        assertEquals(0, source.count);
        assertEquals(Set.of("staging"), listing());
    }

    @Test
    void imageExactlyFillingTheQuotaIsAccepted() throws Exception {
        FileSystemImageStore store = store();
        byte[] data = randomBytes(2 * MIB, 4);

        StoredImage image = store.write("full", new ByteArrayInputStream(data), ImageStore.UNKNOWN_SIZE,
                data.length);

        assertEquals(data.length, image.size());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, MIB - 1, MIB, 5L * MIB / 2})
    void failingSourceLeavesNothing(long failAfter) throws Exception {
        FileSystemImageStore store = store();
        var source = new TestStreams.Failing(new TestStreams.Repeating(randomBytes(MIB, 5), 10L * MIB), failAfter);

        var e = assertThrows(IOException.class,
                () -> store.write("broken", source, ImageStore.UNKNOWN_SIZE, ImageStore.NO_LIMIT));

        assertEquals("connection reset by peer (simulated)", e.getMessage());
        assertEquals(Set.of("staging"), listing());
    }

    @Test
    void concurrentWritesOfDifferentImagesOnATwoThreadPool() throws Exception {
        // 6 uploads x 2 lanes on 2 digest threads: lanes must never block a pool thread, or this deadlocks.
        FileSystemImageStore store = store(64 * 1024, 4, DigestPlan.TWO_LANES);
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<StoredImage>> results = new ArrayList<>();
            List<byte[]> sent = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                byte[] data = randomBytes(3 * MIB + i, 100 + i);
                sent.add(data);
                String id = "concurrent-" + i;
                results.add(clients.submit(() -> store.write(id,
                        new TestStreams.Trickle(new ByteArrayInputStream(data)), data.length, ImageStore.NO_LIMIT)));
            }
            for (int i = 0; i < 6; i++) {
                StoredImage image = results.get(i).get(60, TimeUnit.SECONDS);
                assertEquals(hex("MD5", sent.get(i)), image.md5Hex());
                assertEquals(hex("SHA-512", sent.get(i)), image.sha512Hex());
                assertArrayEquals(sent.get(i), Files.readAllBytes(store.path(image.location())));
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void existingDataIsNeverOverwritten() throws Exception {
        FileSystemImageStore store = store();
        byte[] first = randomBytes(1000, 1);
        StoredImage image = store.write("once", new ByteArrayInputStream(first), 1000, ImageStore.NO_LIMIT);
        var source = new TestStreams.Counting(new ByteArrayInputStream(new byte[1000]));

        assertThrows(FileAlreadyExistsException.class,
                () -> store.write("once", source, 1000, ImageStore.NO_LIMIT));

        assertEquals(0, source.count);
        assertArrayEquals(first, Files.readAllBytes(store.path(image.location())));
        assertEquals(Set.of("staging", "once"), listing());
    }

    @Test
    void publishRefusesATargetThatAppearedDuringTheUpload() throws Exception {
        Path temp = Files.write(root.resolve(".race.x.partial"), new byte[] {1});
        Path target = Files.write(root.resolve("race"), new byte[] {2});

        assertThrows(FileAlreadyExistsException.class, () -> AtomicFiles.publish(temp, target));

        assertArrayEquals(new byte[] {2}, Files.readAllBytes(target));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", ".", "../etc", "a/b", "a\\b", "/abs", ".hidden", "staging", "with space",
        "nul\u0000byte", "-dash-first", "é"})
    void unsafeImageIdsAreRefused(String id) throws Exception {
        FileSystemImageStore store = store();

        assertThrows(IllegalArgumentException.class,
                () -> store.write(id, new ByteArrayInputStream(new byte[1]), 1, ImageStore.NO_LIMIT));
        assertThrows(IllegalArgumentException.class,
                () -> store.stage(id, new ByteArrayInputStream(new byte[1]), 1, ImageStore.NO_LIMIT));
        assertEquals(Set.of("staging"), listing());
    }

    @Test
    void longAndNullIdsAreRefused() throws Exception {
        FileSystemImageStore store = store();
        assertThrows(IllegalArgumentException.class,
                () -> store.write("a".repeat(201), InputStream.nullInputStream(), 0, ImageStore.NO_LIMIT));
        assertThrows(IllegalArgumentException.class,
                () -> store.write(null, InputStream.nullInputStream(), 0, ImageStore.NO_LIMIT));
        store.write("a".repeat(200), InputStream.nullInputStream(), 0, ImageStore.NO_LIMIT);
        store.write("6f1c0a4e-3b1d-4c55-9b47-0e0b5f6b8f0d", InputStream.nullInputStream(), 0, ImageStore.NO_LIMIT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "http://example.com/x", "not a uri", "relative/path",
        "file:///%s/../escaped", "file:///%s/staging/../../x", "file:///%s/.hidden.partial", "file:///%s/a/b",
        "file:///%s/staging", "file:///%s"})
    void foreignLocationsAreRefused(String pattern) throws Exception {
        FileSystemImageStore store = store();
        String location = pattern.replace("file:///%s", root.toUri().toString().replaceAll("/$", ""));

        assertThrows(IllegalArgumentException.class, () -> store.path(location));
        assertThrows(IllegalArgumentException.class, () -> store.delete(location));
        assertThrows(IllegalArgumentException.class, () -> store.exists(location));
    }

    @Test
    void deleteIsIdempotentAndExistsFollowsIt() throws Exception {
        FileSystemImageStore store = store();
        StoredImage image = store.write("gone", new ByteArrayInputStream(new byte[10]), 10, ImageStore.NO_LIMIT);

        assertTrue(store.exists(image.location()));
        store.delete(image.location());
        assertFalse(store.exists(image.location()));
        store.delete(image.location());
        assertThrows(NoSuchFileException.class, () -> store.size(image.location()));
        assertEquals(Set.of("staging"), listing());
    }

    @Test
    void stagedDataBecomesAnImageWhenPromoted() throws Exception {
        FileSystemImageStore store = store();
        byte[] data = randomBytes(2 * MIB + 3, 9);

        StoredImage staged = store.stage("imported", new ByteArrayInputStream(data), data.length, 10L * MIB);

        assertEquals(root.resolve("staging/imported").toUri().toString(), staged.location());
        assertEquals(hex("SHA-512", data), staged.sha512Hex());
        assertEquals(Set.of("staging", "staging/imported"), listing());
        String finalLocation = root.resolve("imported").toUri().toString();
        assertFalse(store.exists(finalLocation));

        String location = store.promote(staged.location(), "imported");

        assertEquals(finalLocation, location);
        assertArrayEquals(data, Files.readAllBytes(store.path(location)));
        assertFalse(store.exists(staged.location()));
        assertEquals(Set.of("staging", "imported"), listing());
    }

    @Test
    void promoteRefusesMissingStagedDataAndNonStagedLocations() throws Exception {
        FileSystemImageStore store = store();
        StoredImage image = store.write("plain", new ByteArrayInputStream(new byte[5]), 5, ImageStore.NO_LIMIT);
        String missing = root.resolve("staging/nothing").toUri().toString();

        assertThrows(NoSuchFileException.class, () -> store.promote(missing, "nothing"));
        assertThrows(IllegalArgumentException.class, () -> store.promote(image.location(), "other"));
    }

    @Test
    void promoteNeverOverwritesAnImage() throws Exception {
        FileSystemImageStore store = store();
        store.write("taken", new ByteArrayInputStream(new byte[] {1}), 1, ImageStore.NO_LIMIT);
        StoredImage staged = store.stage("taken", new ByteArrayInputStream(new byte[] {2}), 1, ImageStore.NO_LIMIT);

        assertThrows(FileAlreadyExistsException.class, () -> store.promote(staged.location(), "taken"));

        assertArrayEquals(new byte[] {1}, Files.readAllBytes(root.resolve("taken")));
        assertTrue(store.exists(staged.location()), "staged data kept for a retry or a delete");
    }

    @Test
    void staleTempFilesAreRemovedYoungOnesAndImagesKept() throws Exception {
        FileSystemImageStore store = store();
        store.write("keep", new ByteArrayInputStream(new byte[3]), 3, ImageStore.NO_LIMIT);
        FileTime hourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        Path oldRoot = Files.write(root.resolve(".a.1.partial"), new byte[1]);
        Path oldStaging = Files.write(root.resolve("staging/.b.2.partial"), new byte[1]);
        Files.setLastModifiedTime(oldRoot, hourAgo);
        Files.setLastModifiedTime(oldStaging, hourAgo);
        Files.write(root.resolve(".c.3.partial"), new byte[1]); // an upload in progress elsewhere
        Path oldImage = root.resolve("keep");
        Files.setLastModifiedTime(oldImage, hourAgo);

        int removed = store.cleanStaleTempFiles(Duration.ofMinutes(10));

        assertEquals(2, removed);
        assertEquals(Set.of("staging", "keep", ".c.3.partial"), listing());
    }

    @Test
    void qcow2IsDetectedFromTheStream() throws Exception {
        FileSystemImageStore store = store();
        byte[] data = randomBytes(3 * MIB, 11);
        byte[] header = Qcow2HeaderTest.header(3, 20L << 30, 0);
        System.arraycopy(header, 0, data, 0, header.length);

        StoredImage image = store.write("disk", new ByteArrayInputStream(data), data.length, ImageStore.NO_LIMIT);

        assertEquals("qcow2", image.diskFormat());
        assertEquals(20L << 30, image.virtualSize());
        assertEquals(20L << 30, image.virtualSizeFor("qcow2"));
        assertEquals(data.length, image.virtualSizeFor("raw"));
        assertNull(image.virtualSizeFor("vmdk"));
    }

    @Test
    void rawDataHasNoFormatHintAndItsSizeAsRawVirtualSize() throws Exception {
        FileSystemImageStore store = store();
        StoredImage image = store.write("raw", new ByteArrayInputStream(new byte[4096]), 4096, ImageStore.NO_LIMIT);

        assertNull(image.diskFormat());
        assertNull(image.virtualSizeFor("qcow2"));
        assertEquals(4096L, image.virtualSizeFor("raw"));
        assertEquals(StoredImage.HASH_ALGO, "sha512");
    }

    @Test
    void closedStoreFailsCleanly() throws Exception {
        FileSystemImageStore store = store();
        store.close();

        IOException e = assertThrows(IOException.class, () -> store.write("late",
                new ByteArrayInputStream(new byte[10]), 10, ImageStore.NO_LIMIT));

        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertEquals(Set.of("staging"), listing());
    }

    @Test
    void rootIsCreatedWhenMissing() throws Exception {
        Path nested = root.resolve("a/b/images");
        try (FileSystemImageStore store = new FileSystemImageStore(nested)) {
            assertTrue(Files.isDirectory(nested.resolve("staging")));
            assertEquals(nested.toAbsolutePath().normalize(), store.root());
        }
    }
}
