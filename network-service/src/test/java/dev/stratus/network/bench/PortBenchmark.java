package dev.stratus.network.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Port create latency through the REST API (p50/p95 of sequential creates, on a fresh network and again with
 * 10,000 ports on it) and the time to list 10,000 ports ({@code GET /v2.0/ports}, all of them in one answer, as
 * admin and as the owning project). Prints figures; asserts nothing.
 *
 * <pre>smvn -o -q package -DskipTests -pl network-service
 * smvn -o -q -pl network-service test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.stratus.network.bench.PortBenchmark [-Dexec.args="10000 500 20"]</pre>
 *
 * Arguments: ports to list (10000), timed creates per phase (500), timed listings per caller (20). The service
 * runs from its packaged jar on its own database ({@code stratus_network_bench}) with tokens signed by a key it
 * trusts as it trusts identity's (RS256, verified on every request). Targets: create under 10 ms at p50, listing
 * 10,000 ports under 300 ms.
 */
public final class PortBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROJECT = "bench-project";
    private static final int BULK = 100;
    /** Creates before the first timed phase, so that the JIT has compiled the request path. */
    private static final int WARM_UP = 300;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String url;
    private final String admin;
    private final String member;

    private PortBenchmark(String url, String admin, String member) {
        this.url = url;
        this.admin = admin;
        this.member = member;
    }

    public static void main(String[] args) throws Exception {
        int listed = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int creates = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int listings = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        try (BenchmarkService service = BenchmarkService.start()) {
            PortBenchmark bench = new PortBenchmark(service.url(),
                    service.token("bench-admin", "admin-project", List.of("admin", "member", "reader")),
                    service.token("bench-user", PROJECT, List.of("member", "reader")));
            System.out.printf("%nPort benchmark against %s (%d CPUs, JDK %s)%n", service.url(),
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            bench.run(listed, creates, listings);
        }
        System.exit(0);
    }

    private void run(int listed, int creates, int listings) throws Exception {
        send(admin, "PUT", "/v2.0/quotas/" + PROJECT, "{\"quota\":{\"port\":-1}}", 200);
        String network = send(member, "POST", "/v2.0/networks", "{\"network\":{\"name\":\"bench\"}}", 201)
                .path("network").path("id").asText();
        send(member, "POST", "/v2.0/subnets", "{\"subnet\":{\"network_id\":\"" + network
                + "\",\"ip_version\":4,\"cidr\":\"10.0.0.0/16\"}}", 201);
        String body = "{\"port\":{\"network_id\":\"" + network + "\",\"device_owner\":\"compute:nova\"}}";
        for (int i = 0; i < WARM_UP; i++) {
            send(member, "POST", "/v2.0/ports", body, 201);
        }
        report("port create, fresh network (after " + WARM_UP + " warm-up creates)", createLatencies(body, creates));

        long start = System.nanoTime();
        int have = WARM_UP + creates;
        String item = "{\"network_id\":\"" + network + "\",\"device_owner\":\"compute:nova\",\"name\":\"bulk\"}";
        while (have < listed) {
            int batch = Math.min(BULK, listed - have);
            send(member, "POST", "/v2.0/ports", "{\"ports\":[" + String.join(",", Collections.nCopies(batch, item))
                    + "]}", 201);
            have += batch;
        }
        double fill = (System.nanoTime() - start) / 1e9;
        System.out.printf("filled to %d ports in %.1f s (bulk creates of %d: %.0f ports/s)%n", have, fill, BULK,
                (have - WARM_UP - creates) / fill);

        report("port create with " + have + " ports on the network", createLatencies(body, creates));
        have += creates;
        for (String[] caller : List.of(new String[] {"admin", admin}, new String[] {"project member", member})) {
            List<Double> times = new ArrayList<>();
            int count = 0;
            long bytes = 0;
            for (int i = 0; i < listings + 3; i++) {
                long t = System.nanoTime();
                HttpResponse<byte[]> r = http.send(request(caller[1], "GET", "/v2.0/ports", null),
                        HttpResponse.BodyHandlers.ofByteArray());
                double ms = (System.nanoTime() - t) / 1e6;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("GET /v2.0/ports answered " + r.statusCode());
                }
                if (i >= 3) {
                    times.add(ms);
                }
                bytes = r.body().length;
                count = JSON.readTree(r.body()).path("ports").size();
            }
            report("GET /v2.0/ports as " + caller[0] + " (" + count + " ports, " + bytes / 1024 + " KiB)", times);
        }
    }

    private List<Double> createLatencies(String body, int count) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long t = System.nanoTime();
            send(member, "POST", "/v2.0/ports", body, 201);
            times.add((System.nanoTime() - t) / 1e6);
        }
        return times;
    }

    private static void report(String what, List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        double mean = sorted.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        System.out.printf("%-70s n=%d  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  mean %.1f ms%n", what, sorted.size(),
                percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), mean);
    }

    private static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private JsonNode send(String token, String method, String path, String body, int expected) throws Exception {
        HttpResponse<String> r = http.send(request(token, method, path, body), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    private HttpRequest request(String token, String method, String path, String body) {
        return HttpRequest.newBuilder(URI.create(url + path)).header("X-Auth-Token", token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
