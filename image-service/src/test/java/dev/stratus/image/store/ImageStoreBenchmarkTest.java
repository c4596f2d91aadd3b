package dev.stratus.image.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Upload throughput of the store, printed, never asserted (timings depend on the machine and its load). The
 * 1 GiB run compares the digest plans and buffer sizes; run it with
 * {@code -Dstratus.bench=true -Dtest=ImageStoreBenchmarkTest}. Data is a random 1 MiB block repeated on the
 * fly, so the test itself holds no image in memory.
 */
class ImageStoreBenchmarkTest {

    private static final int MIB = 1 << 20;

    private static final byte[] BLOCK = TestStreams.randomBytes(MIB, 42);

    private static Path dir;
    private static ExecutorService executor;

    @BeforeAll
    static void setUp() throws IOException {
        dir = Path.of(System.getProperty("stratus.bench.dir", "target/store-bench")).toAbsolutePath();
        Files.createDirectories(dir);
        executor = DigestExecutor.create(DigestExecutor.defaultThreads());
    }

    @AfterAll
    static void tearDown() throws IOException {
        executor.shutdown();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Always runs: every plan through the real store on 64 MiB, digests checked. */
    @Test
    void sixtyFourMiBThroughEveryPlanIsCorrect() throws Exception {
        long size = 64L * MIB + 7;
        String md5 = TestStreams.Repeating.digest("MD5", BLOCK, size);
        String sha512 = TestStreams.Repeating.digest("SHA-512", BLOCK, size);
        for (DigestPlan plan : DigestPlan.values()) {
            Run run = storeRun(plan, FileSystemImageStore.DEFAULT_BUFFER_SIZE, FileSystemImageStore.DEFAULT_RING_SIZE,
                    size, false, md5, sha512);
            System.out.printf("store 64 MiB %-20s %s%n", plan, run);
        }
    }

    @Test
    @Tag("benchmark")
    @EnabledIfSystemProperty(named = "stratus.bench", matches = "true")
    void oneGiBUploadThroughput() throws Exception {
        long size = 1L << 30;
        int reps = Integer.getInteger("stratus.bench.reps", 3);
        String md5 = TestStreams.Repeating.digest("MD5", BLOCK, size);
        String sha512 = TestStreams.Repeating.digest("SHA-512", BLOCK, size);
        System.out.printf("%d cores, %s %s, %d repetitions interleaved, best and median reported%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), reps);
        // Warm-up, not reported: JIT, and a first 1 GiB of page cache (on this VM, first-touch guest memory makes
        // the first 1 GiB written after boot several times slower than the next ones).
        storeRun(DigestPlan.TWO_LANES, MIB, 8, size, false, null, null);

        List<Config> configs = new ArrayList<>();
        for (DigestPlan plan : DigestPlan.values()) {
            configs.add(new Config("pipeline only, no fsync", plan, MIB, 8, false, true));
        }
        for (DigestPlan plan : DigestPlan.values()) {
            configs.add(new Config("store.write, in memory", plan, MIB, 8, false, false));
        }
        for (int[] buffers : new int[][] {{64 * 1024, 8}, {256 * 1024, 8}, {256 * 1024, 32}, {4 * MIB, 4}}) {
            configs.add(new Config("store.write, in memory", DigestPlan.TWO_LANES, buffers[0], buffers[1], false,
                    false));
        }
        for (DigestPlan plan : DigestPlan.values()) {
            configs.add(new Config("store.write, loopback TCP", plan, MIB, 8, true, false));
        }
        Map<Config, List<Run>> runs = new LinkedHashMap<>();
        for (int rep = 0; rep < reps; rep++) {
            for (Config config : configs) {
                Run run = config.pipelineOnly()
                        ? pipelineRun(config.plan(), config.bufferSize(), config.ringSize(), size, md5, sha512)
                        : storeRun(config.plan(), config.bufferSize(), config.ringSize(), size, config.loopback(),
                                md5, sha512);
                runs.computeIfAbsent(config, c -> new ArrayList<>()).add(run);
            }
        }
        runs.forEach((config, list) -> {
            List<Run> sorted = list.stream().sorted(Comparator.comparingDouble(Run::seconds)).toList();
            Run best = sorted.get(0);
            Run median = sorted.get(sorted.size() / 2);
            System.out.printf("%-26s %-20s %5d KiB x %2d: best %6.1f MB/s, median %6.1f MB/s; heap used after GC "
                    + "%d -> %d MiB, allocated by the uploading thread %d MiB%n", config.what(), config.plan(),
                    config.bufferSize() / 1024, config.ringSize(), best.mbPerSecond(), median.mbPerSecond(),
                    best.heapBeforeMiB(), best.heapAfterMiB(), best.allocatedMiB());
        });
    }

    private record Config(String what, DigestPlan plan, int bufferSize, int ringSize, boolean loopback,
            boolean pipelineOnly) {
    }

    private record Run(double seconds, long size, long heapBeforeMiB, long heapAfterMiB, long allocatedMiB) {
        double mbPerSecond() {
            return size / seconds / 1e6;
        }

        @Override
        public String toString() {
            return String.format("%7.1f MB/s (%.2f s) heap used after GC before/after %d/%d MiB, "
                    + "allocated by the uploading thread %d MiB", mbPerSecond(), seconds, heapBeforeMiB,
                    heapAfterMiB, allocatedMiB);
        }
    }

    private Run storeRun(DigestPlan plan, int bufferSize, int ringSize, long size, boolean loopback, String md5,
            String sha512) throws Exception {
        Path root = dir.resolve("store");
        try (FileSystemImageStore store = new FileSystemImageStore(root, executor, false, bufferSize,
                ringSize, plan)) {
            long heapBefore = heapUsedAfterGc();
            long allocatedBefore = allocatedByThisThread();
            StoredImage image;
            long start;
            long end;
            if (loopback) {
                try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    Thread sender = Thread.ofPlatform().daemon().start(() -> send(server.getLocalPort(), size));
                    try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
                        start = System.nanoTime();
                        image = store.write("bench", in, size, ImageStore.NO_LIMIT);
                        end = System.nanoTime();
                    }
                    sender.join();
                }
            } else {
                start = System.nanoTime();
                image = store.write("bench", new TestStreams.Repeating(BLOCK, size), size, ImageStore.NO_LIMIT);
                end = System.nanoTime();
            }
            long allocated = allocatedByThisThread() - allocatedBefore;
            assertEquals(size, image.size());
            if (md5 != null) {
                assertEquals(md5, image.md5Hex());
                assertEquals(sha512, image.sha512Hex());
            }
            store.delete(image.location());
            return new Run((end - start) / 1e9, size, heapBefore >> 20, heapUsedAfterGc() >> 20, allocated >> 20);
        }
    }

    /** The pipeline alone (StreamingWriter into a FileChannel, no fsync, no publish): its CPU ceiling. */
    private Run pipelineRun(DigestPlan plan, int bufferSize, int ringSize, long size, String md5, String sha512)
            throws Exception {
        Path file = dir.resolve("pipeline");
        StreamingWriter writer = new StreamingWriter(executor, bufferSize, ringSize, plan);
        long heapBefore = heapUsedAfterGc();
        long allocatedBefore = allocatedByThisThread();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long start = System.nanoTime();
            StreamingWriter.Result result = writer.write(new TestStreams.Repeating(BLOCK, size), channel, size,
                    ImageStore.NO_LIMIT);
            long end = System.nanoTime();
            long allocated = allocatedByThisThread() - allocatedBefore;
            assertEquals(md5, result.md5Hex());
            assertEquals(sha512, result.sha512Hex());
            return new Run((end - start) / 1e9, size, heapBefore >> 20, heapUsedAfterGc() >> 20, allocated >> 20);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void send(int port, long size) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                OutputStream out = socket.getOutputStream()) {
            long left = size;
            while (left > 0) {
                int n = (int) Math.min(BLOCK.length, left);
                out.write(BLOCK, 0, n);
                left -= n;
            }
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static long heapUsedAfterGc() {
        System.gc();
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
