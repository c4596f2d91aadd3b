package dev.stratus.compat.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Upload and download throughput of the image service over loopback, and its heap while streaming a
 * large image. Prints figures; asserts nothing.
 *
 * <p>Arguments: identity URL, user, password, project, image URL, [throughput GiB = 1], [heap GiB = 4],
 * [image-service pid, to sample its heap with jcmd].
 */
public final class ImageBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String imageUrl;
    private final String token;

    private ImageBenchmark(String imageUrl, String token) {
        this.imageUrl = imageUrl.replaceAll("/+$", "");
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: ImageBenchmark IDENTITY_URL USER PASSWORD PROJECT IMAGE_URL [GIB] [HEAP_GIB] [PID]");
            System.exit(2);
        }
        long gib = 1L << 30;
        long size = (long) (Double.parseDouble(args.length > 5 ? args[5] : "1") * gib);
        long heapSize = (long) (Double.parseDouble(args.length > 6 ? args[6] : "4") * gib);
        Long pid = args.length > 7 ? Long.valueOf(args[7]) : null;
        String token = TokenBenchmark.issueToken(args[0], args[1], args[2], args[3]);
        ImageBenchmark bench = new ImageBenchmark(args[4], token);
        System.out.printf("Image benchmark against %s (%d cores, client on the same machine)%n", args[4],
                Runtime.getRuntime().availableProcessors());

        // Warm-up: the service's JIT compiles the upload and download paths on the first few hundred MB.
        for (int i = 0; i < 2; i++) {
            String warm = bench.create("bench-warm-up");
            bench.upload(warm, 256L << 20);
            bench.download(warm);
            bench.delete(warm);
        }

        String id = bench.create("bench-throughput");
        long t0 = System.nanoTime();
        bench.upload(id, size);
        double up = size / 1e6 / ((System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        long read = bench.download(id);
        double down = read / 1e6 / ((System.nanoTime() - t0) / 1e9);
        System.out.printf("  upload   %6.2f GiB: %7.1f MB/s (MD5 and SHA-512 computed while streaming)%n",
                size / (double) gib, up);
        System.out.printf("  download %6.2f GiB: %7.1f MB/s%n", read / (double) gib, down);
        bench.delete(id);

        if (pid != null && heapSize > 0) {
            String big = bench.create("bench-heap");
            HeapSampler sampler = new HeapSampler(pid);
            sampler.start();
            t0 = System.nanoTime();
            bench.upload(big, heapSize);
            double bigUp = heapSize / 1e6 / ((System.nanoTime() - t0) / 1e9);
            long bigRead = bench.download(big);
            sampler.stop();
            System.out.printf("  %.1f GiB upload at %.1f MB/s and download of %.1f GiB: image-service heap used"
                    + " %d MB before, at most %d MB while streaming%n", heapSize / (double) gib, bigUp,
                    bigRead / (double) gib, sampler.first() / 1024, sampler.max() / 1024);
            bench.delete(big);
        }
    }

    private String create(String name) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(imageUrl + "/v2/images"))
                .header("X-Auth-Token", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + name
                        + "\", \"disk_format\": \"raw\", \"container_format\": \"bare\", \"visibility\": \"private\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("image create answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).path("id").asText();
    }

    private void upload(String id, long size) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(imageUrl + "/v2/images/" + id + "/file"))
                .header("X-Auth-Token", token).header("Content-Type", "application/octet-stream")
                .timeout(Duration.ofMinutes(30))
                .PUT(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedStream(size)), size))
                .build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 204) {
            throw new IllegalStateException("upload answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** Reads the whole body as the client's own buffers arrive, counting bytes without copying them. */
    private long download(String id) throws Exception {
        AtomicLong total = new AtomicLong();
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(
                        URI.create(imageUrl + "/v2/images/" + id + "/file")).header("X-Auth-Token", token)
                .timeout(Duration.ofMinutes(30)).GET().build(),
                HttpResponse.BodyHandlers.fromSubscriber(new java.util.concurrent.Flow.Subscriber<java.util.List<java.nio.ByteBuffer>>() {
                    private java.util.concurrent.Flow.Subscription subscription;

                    @Override
                    public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                        subscription = s;
                        s.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(java.util.List<java.nio.ByteBuffer> buffers) {
                        buffers.forEach(b -> total.addAndGet(b.remaining()));
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onComplete() {
                    }
                }, s -> null));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("download answered " + r.statusCode());
        }
        return total.get();
    }

    private void delete(String id) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(imageUrl + "/v2/images/" + id)).header("X-Auth-Token", token)
                .DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }

    /** {@code size} bytes repeating one random MiB: no large array in the client either. */
    private static final class GeneratedStream extends InputStream {
        private static final byte[] BLOCK = new byte[1 << 20];

        static {
            new Random(42).nextBytes(BLOCK);
        }

        private long left;

        GeneratedStream(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return BLOCK[(int) (left % BLOCK.length)] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, Math.min(left, BLOCK.length));
            System.arraycopy(BLOCK, 0, b, off, n);
            left -= n;
            return n;
        }
    }

    /** Samples a JVM's used heap with {@code jcmd PID GC.heap_info} twice a second. */
    private static final class HeapSampler {
        private final long pid;
        private final AtomicLong max = new AtomicLong();
        private final AtomicLong first = new AtomicLong(-1);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread thread;

        HeapSampler(long pid) {
            this.pid = pid;
        }

        void start() {
            thread = new Thread(() -> {
                while (running.get()) {
                    long used = sample();
                    first.compareAndSet(-1, used);
                    max.accumulateAndGet(used, Math::max);
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }

        long max() {
            return max.get();
        }

        long first() {
            return first.get();
        }

        private long sample() {
            try {
                Process p = new ProcessBuilder("jcmd", Long.toString(pid), "GC.heap_info").redirectErrorStream(true)
                        .start();
                String out = new String(p.getInputStream().readAllBytes());
                p.waitFor();
                Matcher m = HEAP_USED.matcher(out);
                return m.find() ? Long.parseLong(m.group(1)) : 0;
            } catch (IOException | InterruptedException e) {
                return 0;
            }
        }
    }
}
