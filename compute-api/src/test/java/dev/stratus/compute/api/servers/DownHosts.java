package dev.stratus.compute.api.servers;

import static dev.stratus.compute.api.servers.ServerFixture.as;

import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.DestroyEvacuated;
import dev.stratus.common.compute.HostResources;
import dev.stratus.common.compute.ServiceHeartbeat;
import dev.stratus.common.messaging.Messaging;
import dev.stratus.compute.api.ComputeTestKeys;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Compute hosts of a test's own that go down and come back, as the evacuation and local-delete tests need them:
 * a host reporting now, forced down by the admin, restarted (reporting from a service started now), the destroys it
 * is asked for, and servers evacuated away from it.
 */
final class DownHosts {

    private final ComputeTestKeys keys;
    private final Messaging messaging;
    private final ServerFixture fixture;

    DownHosts(ComputeTestKeys keys, Messaging messaging, ServerFixture fixture) {
        this.keys = keys;
        this.messaging = messaging;
        this.fixture = fixture;
    }

    /** A compute host of its own, reporting now (up). */
    String host(String prefix) {
        String host = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        fixture.computeHost(host, keys.admin());
        return host;
    }

    /** The {@link DestroyEvacuated} messages {@code host} receives from now on. */
    List<DestroyEvacuated> destroysOn(String host) {
        List<DestroyEvacuated> destroys = new CopyOnWriteArrayList<>();
        messaging.subscribe(ComputeTopics.computeHost(host), DestroyEvacuated.TYPE, (m, c) -> {
            destroys.add(m);
            return CompletableFuture.completedFuture(null);
        });
        return destroys;
    }

    /** {@code host}'s compute service reports from a process started now. */
    void restarted(String host) {
        HostResources resources = new HostResources(host, "QEMU", 8002000, "192.0.2.11", 4, 8192, 100, 0, 512, 0,
                16.0, 1.5, 1.0, 0, 0, 0, 0, "{}", List.of());
        messaging.broadcast(ComputeTopics.SERVICES_FANOUT, ServiceHeartbeat.TYPE, new ServiceHeartbeat(host,
                "nova-compute", "0.1.0", Instant.now(), Instant.now(), 10, resources, null)).join();
    }

    void forceDown(String host) {
        as(keys.admin(), "2.11").body("{\"host\": \"" + host + "\", \"binary\": \"nova-compute\","
                + " \"forced_down\": true}").put("/v2.1/os-services/force-down").then().statusCode(200);
    }

    /** An ACTIVE server of {@code token} on {@code host}. */
    String serverOn(String token, String name, String host) {
        String id = fixture.activeServer(token, name);
        fixture.report(id, "active", null, true, 1, host, null, null);
        SchedulerStub.await(() -> host.equals(as(keys.admin(), "2.1").get("/v2.1/servers/" + id).then().extract()
                .path("server.OS-EXT-SRV-ATTR:host")) ? Boolean.TRUE : null, "server on " + host);
        return id;
    }

    Response evacuate(String version, String id, String args) {
        return as(keys.admin(), version).body("{\"evacuate\": " + args + "}").post("/v2.1/servers/" + id + "/action");
    }

    /** The status of the migration {@code migrationId} as os-migrations shows it. */
    String migrationStatus(String id, String migrationId) {
        List<String> uuids = as(keys.admin(), "2.59").get("/v2.1/os-migrations?instance_uuid=" + id).then().extract()
                .path("migrations.uuid");
        List<String> statuses = as(keys.admin(), "2.59").get("/v2.1/os-migrations?instance_uuid=" + id).then()
                .extract().path("migrations.status");
        int at = uuids.indexOf(migrationId);
        return at < 0 ? null : statuses.get(at);
    }

    void awaitMigration(String id, String migrationId, String status) {
        SchedulerStub.await(() -> status.equals(migrationStatus(id, migrationId)) ? Boolean.TRUE : null,
                "migration " + migrationId + " " + status);
    }
}
