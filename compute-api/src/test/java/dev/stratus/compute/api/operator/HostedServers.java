package dev.stratus.compute.api.operator;

import static io.restassured.RestAssured.given;

import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.InstanceStateReport;
import dev.stratus.common.messaging.Messaging;
import dev.stratus.compute.api.servers.TestImages;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Servers made as tenants make them (POST /servers) and placed as nodes place them: the state reports a
 * compute node sends to the conductor topic put them on a host and node, launched at a given time.
 */
final class HostedServers {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() * 1000);

    private final Messaging messaging;

    HostedServers(Messaging messaging) {
        this.messaging = messaging;
    }

    /** A server of flavor 1 (m1.tiny: 1 vCPU, 512 MB, 1 GB disk) without networks, still building. */
    String create(String token, String name) {
        return given().header("X-Auth-Token", token).header("OpenStack-API-Version", "compute 2.37")
                .contentType(ContentType.JSON)
                .body("{\"server\": {\"name\": \"" + name + "\", \"imageRef\": \"" + TestImages.ACTIVE
                        + "\", \"flavorRef\": \"1\", \"networks\": \"none\"}}")
                .post("/v2.1/servers").then().statusCode(202).extract().path("server.id");
    }

    /** What the node reports once the server runs on {@code host}/{@code node}. */
    void active(String id, String host, String node, Instant launchedAt) {
        report(new InstanceStateReport(id, host, node, "active", null, true, 1, launchedAt, null, null,
                SEQUENCE.incrementAndGet(), Instant.now()));
    }

    /** The node took the server and is still spawning it (it counts in the host's workload). */
    void building(String id, String host, String node) {
        report(new InstanceStateReport(id, host, node, "building", "spawning", false, 0, null, null, null,
                SEQUENCE.incrementAndGet(), Instant.now()));
    }

    /** The node deleted the server. */
    void deleted(String id, String host, String node) {
        report(new InstanceStateReport(id, host, node, "deleted", null, true, 0, null, null, null,
                SEQUENCE.incrementAndGet(), Instant.now()));
    }

    /** Waits until the API shows the server (to an admin) in {@code status} on {@code host}. */
    static void await(String adminToken, String id, String host, String status) {
        Eventually.until(() -> {
            var r = given().header("X-Auth-Token", adminToken).get("/v2.1/servers/" + id);
            return r.statusCode() == 200 && status.equals(r.path("server.status"))
                    && host.equals(r.path("server.'OS-EXT-SRV-ATTR:host'")) ? Boolean.TRUE : null;
        }, "server " + id + " " + status + " on " + host);
    }

    private void report(InstanceStateReport report) {
        messaging.cast(ComputeTopics.CONDUCTOR, InstanceStateReport.TYPE, report).join();
    }
}
