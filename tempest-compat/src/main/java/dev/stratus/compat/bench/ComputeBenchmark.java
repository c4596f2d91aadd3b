package dev.stratus.compat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures the compute path of a running cloud through the Nova API: {@code POST /servers} latency to the
 * 202, time from the POST to ACTIVE, and boot-and-delete cycles per second (POST, wait for ACTIVE, DELETE,
 * wait until gone) at a given concurrency. With fake nodes it measures the control plane; with the libvirt
 * driver, real guests. Prints figures; asserts nothing.
 *
 * <p>Arguments: identity URL, user, password, project, compute URL (ending in /v2.1), image id,
 * [cycles], [concurrency], [flavor id], [network id, or {@code none} (the default) for servers without a NIC].
 */
public final class ComputeBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(25);
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String computeUrl;
    private final String token;
    private final String image;
    private final String flavor;
    private final String networks;

    private ComputeBenchmark(String computeUrl, String token, String image, String flavor, String network) {
        this.computeUrl = computeUrl.replaceAll("/+$", "");
        this.token = token;
        this.image = image;
        this.flavor = flavor;
        this.networks = "none".equals(network) ? "\"none\"" : "[{\"uuid\":\"" + network + "\"}]";
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println("usage: ComputeBenchmark IDENTITY_URL USER PASSWORD PROJECT COMPUTE_URL IMAGE_ID"
                    + " [CYCLES] [CONCURRENCY] [FLAVOR] [NETWORK_ID|none]");
            System.exit(2);
        }
        int cycles = args.length > 6 ? Integer.parseInt(args[6]) : 100;
        int concurrency = args.length > 7 ? Integer.parseInt(args[7]) : 8;
        String flavor = args.length > 8 ? args[8] : "1";
        String network = args.length > 9 ? args[9] : "none";
        String token = TokenBenchmark.issueToken(args[0], args[1], args[2], args[3]);
        ComputeBenchmark bench = new ComputeBenchmark(args[4], token, args[5], flavor, network);
        System.out.printf("Compute benchmark against %s (%d cycles, concurrency %d, flavor %s, network %s, %d cores)%n",
                args[4], cycles, concurrency, flavor, network, Runtime.getRuntime().availableProcessors());
        bench.bootAndDelete(Math.min(5, cycles), 1, false);
        bench.bootAndDelete(cycles, 1, true);
        bench.bootAndDelete(cycles, concurrency, true);
    }

    /** Runs {@code cycles} boot-and-delete cycles on {@code concurrency} threads and prints the figures. */
    private void bootAndDelete(int cycles, int concurrency, boolean print) throws Exception {
        long[] accepted = new long[cycles];
        long[] active = new long[cycles];
        long[] gone = new long[cycles];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < cycles; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    String id = create("bench-" + i);
                    accepted[i] = System.nanoTime() - t0;
                    waitForStatus(id, "ACTIVE");
                    active[i] = System.nanoTime() - t0;
                    long t1 = System.nanoTime();
                    delete(id);
                    waitUntilGone(id);
                    gone[i] = System.nanoTime() - t1;
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (print) {
            System.out.printf("concurrency %d: %.1f boot-and-delete cycles/s%n", concurrency, cycles / seconds);
            System.out.printf("  %-28s %s%n", "POST /servers to 202", LatencyStats.of(accepted));
            System.out.printf("  %-28s %s%n", "POST /servers to ACTIVE", LatencyStats.of(active));
            System.out.printf("  %-28s %s%n", "DELETE to 404", LatencyStats.of(gone));
        }
    }

    private String create(String name) throws Exception {
        String body = "{\"server\":{\"name\":\"" + name + "\",\"imageRef\":\"" + image + "\",\"flavorRef\":\""
                + flavor + "\",\"networks\":" + networks + "}}";
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(computeUrl + "/servers"))
                .header("Content-Type", "application/json")
                .header("OpenStack-API-Version", "compute 2.37")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST /servers answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("server").path("id").asText();
    }

    private void waitForStatus(String id, String status) throws Exception {
        long deadline = System.nanoTime() + BUILD_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(computeUrl + "/servers/" + id)).GET());
            JsonNode server = JSON.readTree(response.body()).path("server");
            String now = server.path("status").asText();
            if (status.equals(now)) {
                return;
            }
            if ("ERROR".equals(now)) {
                throw new IllegalStateException("server " + id + " went to ERROR: " + server.path("fault"));
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException("server " + id + " not " + status + " within " + BUILD_TIMEOUT);
    }

    private void delete(String id) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(computeUrl + "/servers/" + id)).DELETE());
        if (response.statusCode() != 204) {
            throw new IllegalStateException("DELETE answered " + response.statusCode() + ": " + response.body());
        }
    }

    private void waitUntilGone(String id) throws Exception {
        long deadline = System.nanoTime() + BUILD_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (send(HttpRequest.newBuilder(URI.create(computeUrl + "/servers/" + id)).GET()).statusCode() == 404) {
                return;
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException("server " + id + " still there " + BUILD_TIMEOUT + " after its delete");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.header("X-Auth-Token", token).build(), HttpResponse.BodyHandlers.ofString());
    }
}
