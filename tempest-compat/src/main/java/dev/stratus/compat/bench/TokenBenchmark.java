package dev.stratus.compat.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.common.auth.VerificationKeys;
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
 * Measures, against a running cloud: the token issue rate with the password and the token methods,
 * the cost of verifying a token locally (what every service pays per request), and the latency of an
 * authenticated identity request. Prints figures; asserts nothing.
 *
 * <p>Arguments: identity base URL, admin user, password, project, [requests per run], [concurrency].
 */
public final class TokenBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    private TokenBenchmark(String base) {
        this.base = base.replaceAll("/+$", "");
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: TokenBenchmark IDENTITY_URL USER PASSWORD PROJECT [REQUESTS] [CONCURRENCY]");
            System.exit(2);
        }
        int requests = args.length > 4 ? Integer.parseInt(args[4]) : 200;
        int concurrency = args.length > 5 ? Integer.parseInt(args[5]) : 4;
        TokenBenchmark bench = new TokenBenchmark(args[0]);
        String passwordBody = passwordBody(args[1], args[2], args[3]);
        String token = bench.issue(passwordBody);

        System.out.printf("Token benchmark against %s (%d requests per run, concurrency %d, %d cores)%n",
                args[0], requests, concurrency, Runtime.getRuntime().availableProcessors());
        bench.run("issue, password method", requests, concurrency, () -> bench.issue(passwordBody));
        String tokenBody = "{\"auth\":{\"identity\":{\"methods\":[\"token\"],\"token\":{\"id\":\"" + token
                + "\"}},\"scope\":{\"project\":{\"name\":\"" + args[3] + "\",\"domain\":{\"id\":\"default\"}}}}}";
        bench.run("issue, token method", requests, concurrency, () -> bench.issue(tokenBody));
        bench.run("GET /v3/auth/projects (authenticated)", requests * 5, concurrency,
                () -> bench.authenticatedGet(token));
        bench.localVerification(token);
    }

    private void run(String name, int requests, int concurrency, Call call) throws Exception {
        for (int i = 0; i < Math.min(20, requests); i++) {
            call.run();
        }
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    call.run();
                    latencies[i] = System.nanoTime() - t0;
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.printf("  %-40s %8.1f req/s   %s%n", name, requests / seconds, LatencyStats.of(latencies));
    }

    private void localVerification(String token) throws Exception {
        String jwks = http.send(HttpRequest.newBuilder(URI.create(base + "/.well-known/jwks.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        VerificationKeys keys = new VerificationKeys("stratus-identity");
        keys.replace(jwks);
        String kid = JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))))
                .path("kid").asText();
        var parser = keys.parserFor(kid).orElseThrow();
        int rounds = 20_000;
        for (int i = 0; i < rounds; i++) {
            parser.parse(token);
        }
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            parser.parse(token);
        }
        double micros = (System.nanoTime() - start) / 1e3 / rounds;
        System.out.printf("  %-40s %8.1f us per token (RS256 signature + claims, one thread, %d rounds)%n",
                "local token verification", micros, rounds);
    }

    private String issue(String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v3/auth/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("token issue answered " + response.statusCode() + ": " + response.body());
        }
        return response.headers().firstValue("X-Subject-Token").orElseThrow();
    }

    private String authenticatedGet(String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v3/auth/projects"))
                .header("X-Auth-Token", token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /v3/auth/projects answered " + response.statusCode());
        }
        return null;
    }

    /** A project-scoped token for the other benchmarks. */
    static String issueToken(String identityUrl, String user, String password, String project) throws Exception {
        return new TokenBenchmark(identityUrl).issue(passwordBody(user, password, project));
    }

    private static String passwordBody(String user, String password, String project) {
        return "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"" + user
                + "\",\"domain\":{\"id\":\"default\"},\"password\":\"" + password + "\"}}},"
                + "\"scope\":{\"project\":{\"name\":\"" + project + "\",\"domain\":{\"id\":\"default\"}}}}}";
    }

    @FunctionalInterface
    private interface Call {
        Object run() throws Exception;
    }
}
