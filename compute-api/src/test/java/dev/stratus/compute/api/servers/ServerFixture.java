package dev.stratus.compute.api.servers;

import static io.restassured.RestAssured.given;

import dev.stratus.common.compute.ActionEvent;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.InstanceFault;
import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.HostResources;
import dev.stratus.common.compute.InstanceStateReport;
import dev.stratus.common.compute.MoveReport;
import dev.stratus.common.compute.ServiceHeartbeat;
import dev.stratus.common.messaging.Messaging;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Servers made through the API and moved along by the state reports a node would send, for the tests that
 * need a server in some state on {@link SchedulerStub#HOST}.
 */
final class ServerFixture {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() * 1000);

    private final Messaging messaging;
    private final SchedulerStub stub;

    ServerFixture(Messaging messaging, SchedulerStub stub) {
        this.messaging = messaging;
        this.stub = stub;
    }

    static RequestSpecification as(String token, String version) {
        return given().header("X-Auth-Token", token).header("OpenStack-API-Version", "compute " + version)
                .contentType(ContentType.JSON);
    }

    static String body(String name, String image, String extra) {
        return "{\"server\": {\"name\": \"" + name + "\", \"imageRef\": \"" + image + "\", \"flavorRef\": \"1\""
                + (extra.isEmpty() ? "" : ", " + extra) + "}}";
    }

    /** A server without NICs, accepted and not yet scheduled. */
    String create(String token, String name) {
        return as(token, "2.37").body(body(name, TestImages.ACTIVE, "\"networks\": \"none\""))
                .post("/v2.1/servers").then().statusCode(202).extract().path("server.id");
    }

    /** A report sequence above every earlier one. */
    long nextSequence() {
        return SEQUENCE.incrementAndGet();
    }

    /** What the node would send: a state report with a sequence above every earlier one. */
    void report(String id, String vmState, String taskState, boolean clearTask, Integer power, String host,
            ActionEvent event, InstanceFault fault) {
        report(id, vmState, taskState, clearTask, power, host, event, fault, nextSequence());
    }

    void report(String id, String vmState, String taskState, boolean clearTask, Integer power, String host,
            ActionEvent event, InstanceFault fault, long sequence) {
        messaging.cast(ComputeTopics.CONDUCTOR, InstanceStateReport.TYPE, new InstanceStateReport(id, host,
                host, vmState, taskState, clearTask, power, vmState != null && vmState.equals("active")
                        ? Instant.now() : null, fault, event, sequence, Instant.now())).join();
    }

    /** What a host (or the scheduler) would send about a move. */
    void moveReport(String id, String migrationId, String status, String vmState, String taskState, String host,
            FlavorSpec flavor, InstanceFault fault) {
        moveReport(id, migrationId, status, vmState, taskState, host, flavor, fault, nextSequence());
    }

    void moveReport(String id, String migrationId, String status, String vmState, String taskState, String host,
            FlavorSpec flavor, InstanceFault fault, long sequence) {
        InstanceStateReport state = new InstanceStateReport(id, host, host, vmState, taskState, taskState == null,
                null, null, fault, null, sequence, Instant.now());
        messaging.cast(ComputeTopics.CONDUCTOR, MoveReport.TYPE, new MoveReport(state, migrationId, status, flavor))
                .join();
    }

    /** A server built on {@link SchedulerStub#HOST} and ACTIVE. */
    String activeServer(String token, String name) {
        String id = create(token, name);
        stub.awaitSchedule(id);
        report(id, "building", "spawning", false, 0, SchedulerStub.HOST, null, null);
        report(id, "active", null, true, 1, SchedulerStub.HOST, null, null);
        awaitStatus(token, id, "ACTIVE");
        return id;
    }

    void awaitStatus(String token, String id, String status) {
        SchedulerStub.await(() -> status.equals(as(token, "2.1").get("/v2.1/servers/" + id).then().extract()
                .path("server.status")) ? Boolean.TRUE : null, "server " + id + " " + status);
    }

    /** {@code host} reports as a compute service (so that it can be named), and the API has recorded it. */
    void computeHost(String host, String adminToken) {
        HostResources resources = new HostResources(host, "QEMU", 8002000, "192.0.2.11", 4, 8192, 100, 0, 512, 0,
                16.0, 1.5, 1.0, 0, 0, 0, 0, "{}", List.of());
        messaging.broadcast(ComputeTopics.SERVICES_FANOUT, ServiceHeartbeat.TYPE, new ServiceHeartbeat(host,
                "nova-compute", "0.1.0", Instant.now().minus(Duration.ofHours(1)), Instant.now(), 10, resources,
                null)).join();
        SchedulerStub.await(() -> {
            List<?> found = as(adminToken, "2.1").get("/v2.1/os-services?host=" + host).then().extract()
                    .path("services");
            return found != null && !found.isEmpty() ? Boolean.TRUE : null;
        }, "the service of " + host);
    }
}
