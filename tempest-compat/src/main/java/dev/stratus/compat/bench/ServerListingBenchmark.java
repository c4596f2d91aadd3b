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

/**
 * Measures {@code GET /servers/detail} (a page of 1,000) with 1,000 and then 10,000 servers in the project,
 * the listing Nova is slow at. The servers are made through the API as a tenant would make them
 * (multi-create on the cloud's nodes, fake ones for this many): the benchmark, as admin, lifts the
 * project's instance, core and RAM quotas and adds a tiny flavor. It deletes what it made at the end.
 * Prints figures; asserts nothing.
 *
 * <p>Arguments: identity URL, admin password, tenant user, tenant password, tenant project, compute URL
 * (ending in /v2.1), image id, [sizes, comma-separated; default 1000,10000], [requests per size; 20].
 */
public final class ServerListingBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = "list-bench";
    private static final String FLAVOR = "bench.nano";
    private static final int BATCH = 250;
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String computeUrl;
    private final String adminToken;
    private final String tenantToken;
    private final String image;

    private ServerListingBenchmark(String computeUrl, String adminToken, String tenantToken, String image) {
        this.computeUrl = computeUrl.replaceAll("/+$", "");
        this.adminToken = adminToken;
        this.tenantToken = tenantToken;
        this.image = image;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 7) {
            System.err.println("usage: ServerListingBenchmark IDENTITY_URL ADMIN_PASSWORD USER PASSWORD PROJECT"
                    + " COMPUTE_URL IMAGE_ID [SIZES] [REQUESTS]");
            System.exit(2);
        }
        List<Integer> sizes = new ArrayList<>();
        for (String s : (args.length > 7 ? args[7] : "1000,10000").split(",")) {
            sizes.add(Integer.parseInt(s.trim()));
        }
        int requests = args.length > 8 ? Integer.parseInt(args[8]) : 20;
        String admin = TokenBenchmark.issueToken(args[0], "admin", args[1], "admin");
        String tenant = TokenBenchmark.issueToken(args[0], args[2], args[3], args[4]);
        ServerListingBenchmark bench = new ServerListingBenchmark(args[5], admin, tenant, args[6]);
        String project = bench.projectId(args[0], args[4]);
        System.out.printf("Server listing benchmark against %s (project %s, %d cores)%n", args[5], project,
                Runtime.getRuntime().availableProcessors());
        String flavor = bench.ensureFlavor();
        bench.liftQuota(project);
        try {
            for (int size : sizes) {
                long made = bench.fill(size, flavor);
                bench.measure(size, made, requests);
            }
        } finally {
            bench.deleteAll();
        }
    }

    private String projectId(String identityUrl, String name) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(identityUrl + "/v3/auth/projects"))
                .header("X-Auth-Token", tenantToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode p : JSON.readTree(r.body()).path("projects")) {
            if (name.equals(p.path("name").asText())) {
                return p.path("id").asText();
            }
        }
        throw new IllegalStateException("project " + name + " is not among the user's projects: " + r.body());
    }

    /**
     * A flavor of 1 VCPU, 64 MB and 1 GB of disk, so that thousands of servers fit on simulated hosts (a flavor
     * without disk is for admins only, as in Nova).
     */
    private String ensureFlavor() throws Exception {
        HttpResponse<String> r = send(adminToken, "POST", "/flavors", "{\"flavor\":{\"name\":\"" + FLAVOR
                + "\",\"id\":\"" + FLAVOR + "\",\"ram\":64,\"vcpus\":1,\"disk\":1}}");
        if (r.statusCode() != 200 && r.statusCode() != 409) {
            throw new IllegalStateException("flavor create answered " + r.statusCode() + ": " + r.body());
        }
        return FLAVOR;
    }

    private void liftQuota(String project) throws Exception {
        HttpResponse<String> r = send(adminToken, "PUT", "/os-quota-sets/" + project,
                "{\"quota_set\":{\"instances\":-1,\"cores\":-1,\"ram\":-1}}");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("quota update answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** Creates servers until the project has {@code size}, waiting until none is building; returns the count. */
    private long fill(int size, String flavor) throws Exception {
        long have = count(null);
        long begin = System.nanoTime();
        while (have < size) {
            int batch = (int) Math.min(BATCH, size - have);
            HttpResponse<String> r = send(tenantToken, "POST", "/servers", "{\"server\":{\"name\":\"" + NAME
                    + "\",\"imageRef\":\"" + image + "\",\"flavorRef\":\"" + flavor + "\",\"networks\":\"none\","
                    + "\"min_count\":" + batch + ",\"max_count\":" + batch + "}}");
            if (r.statusCode() != 202) {
                throw new IllegalStateException("POST /servers answered " + r.statusCode() + ": " + r.body());
            }
            have += batch;
        }
        long deadline = System.nanoTime() + BUILD_TIMEOUT.toNanos();
        while (count("BUILD") > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("servers still building after " + BUILD_TIMEOUT);
            }
            Thread.sleep(1000);
        }
        long active = count("ACTIVE");
        System.out.printf("%d servers in the project (%d ACTIVE) after %.1f s of creating%n", have, active,
                (System.nanoTime() - begin) / 1e9);
        return have;
    }

    private void measure(int size, long made, int requests) throws Exception {
        for (int i = 0; i < 3; i++) {
            send(tenantToken, "GET", "/servers/detail?limit=1000", null);
        }
        long[] nanos = new long[requests];
        int returned = 0;
        for (int i = 0; i < requests; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = send(tenantToken, "GET", "/servers/detail?limit=1000", null);
            nanos[i] = System.nanoTime() - t0;
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET /servers/detail answered " + r.statusCode());
            }
            returned = JSON.readTree(r.body()).path("servers").size();
        }
        System.out.printf("GET /servers/detail?limit=1000 with %d servers (%d returned): %s%n", made, returned,
                LatencyStats.of(nanos));
    }

    /** Servers of the project with that status (all when null), counted through the API's paging. */
    private long count(String status) throws Exception {
        long total = 0;
        String marker = null;
        while (true) {
            String query = "/servers?limit=1000" + (status == null ? "" : "&status=" + status)
                    + (marker == null ? "" : "&marker=" + marker);
            JsonNode servers = JSON.readTree(send(tenantToken, "GET", query, null).body()).path("servers");
            total += servers.size();
            if (servers.size() < 1000) {
                return total;
            }
            marker = servers.get(servers.size() - 1).path("id").asText();
        }
    }

    private void deleteAll() throws Exception {
        long begin = System.nanoTime();
        java.util.Set<String> deleted = new java.util.HashSet<>();
        long deadline = System.nanoTime() + BUILD_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode servers = JSON.readTree(send(tenantToken, "GET", "/servers?limit=1000&name=%5E" + NAME, null)
                    .body()).path("servers");
            if (servers.isEmpty()) {
                break;
            }
            boolean sent = false;
            for (JsonNode s : servers) {
                String id = s.path("id").asText();
                if (deleted.add(id)) {
                    send(tenantToken, "DELETE", "/servers/" + id, null);
                    sent = true;
                }
            }
            if (!sent) {
                Thread.sleep(500);
            }
        }
        System.out.printf("deleted %d servers in %.1f s%n", deleted.size(), (System.nanoTime() - begin) / 1e9);
    }

    private HttpResponse<String> send(String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(computeUrl + path))
                .header("X-Auth-Token", token).header("OpenStack-API-Version", "compute 2.37")
                .timeout(Duration.ofMinutes(2));
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
