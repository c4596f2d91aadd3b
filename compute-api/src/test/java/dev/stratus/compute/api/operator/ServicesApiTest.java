package dev.stratus.compute.api.operator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.isA;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.HostAggregates;
import dev.stratus.common.compute.ServiceStatus;
import dev.stratus.common.messaging.Messaging;
import dev.stratus.compute.api.ComputeTestKeys;
import dev.stratus.compute.api.ComputeTestResource;
import dev.stratus.common.persistence.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * os-services fed as in production: nodes' heartbeats on the services fanout register and refresh the
 * services; enable, disable and force-down reach the scheduler as casts on its topic.
 */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class ServicesApiTest {

    static final String UUID_FORMAT = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Inject
    ComputeTestKeys keys;

    @Inject
    Messaging messaging;

    @Inject
    Db db;

    private SimulatedHosts hosts;
    private SchedulerTopic scheduler;
    private final TempestSchemas tempest = new TempestSchemas();

    @BeforeEach
    void attach() throws Exception {
        hosts = new SimulatedHosts(messaging, db);
        scheduler = SchedulerTopic.attach(messaging);
    }

    @AfterEach
    void bodiesMatchTempestSchemas() throws Exception {
        tempest.verify();
    }

    private RequestSpecification admin(String version) {
        return as(keys.admin(), version);
    }

    private static RequestSpecification as(String token, String version) {
        return given().header("X-Auth-Token", token).header("OpenStack-API-Version", "compute " + version)
                .contentType(ContentType.JSON);
    }

    private String uuidOf(String host) {
        return admin("2.53").get("/v2.1/os-services?host=" + host).then().statusCode(200)
                .extract().path("services[0].id");
    }

    private int idOf(String host) {
        return admin("2.1").get("/v2.1/os-services?host=" + host).then().statusCode(200)
                .extract().path("services[0].id");
    }

    private static String hostBody(String host, String extra) {
        return "{\"host\": \"" + host + "\", \"binary\": \"nova-compute\"" + (extra.isEmpty() ? "" : ", " + extra)
                + "}";
    }

    @Test
    void heartbeatsRegisterServicesShownPerMicroversion() {
        String host = hosts.compute("svc-list");
        String other = hosts.compute("svc-list");
        String scheduler = SimulatedHosts.uniqueName("svc-ctl");
        hosts.controlPlane(scheduler, "nova-scheduler");

        tempest.check("v2_1.services", "list_services", admin("2.1").get("/v2.1/os-services?host=" + host))
                .then().statusCode(200)
                .body("services", hasSize(1))
                .body("services[0].keySet()", containsInAnyOrder("id", "binary", "host", "zone", "status", "state",
                        "updated_at", "disabled_reason"))
                .body("services[0].id", isA(Integer.class))
                .body("services[0].binary", equalTo("nova-compute"))
                .body("services[0].host", equalTo(host))
                .body("services[0].zone", equalTo("nova"))
                .body("services[0].status", equalTo("enabled"))
                .body("services[0].state", equalTo("up"))
                .body("services[0].disabled_reason", nullValue())
                .body("services[0].updated_at", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}"));
        tempest.check("v2_11.services", "list_services", admin("2.11").get("/v2.1/os-services?host=" + host))
                .then().statusCode(200)
                .body("services[0].keySet()", containsInAnyOrder("id", "binary", "host", "zone", "status", "state",
                        "updated_at", "disabled_reason", "forced_down"))
                .body("services[0].forced_down", equalTo(false));
        tempest.check("v2_53.services", "list_services", admin("2.53").get("/v2.1/os-services?host=" + host))
                .then().statusCode(200)
                .body("services[0].id", matchesPattern(UUID_FORMAT));

        // every compute host in the listing, and the control plane in the internal zone
        Response all = tempest.check("v2_53.services", "list_services", admin("2.53").get("/v2.1/os-services"));
        all.then().statusCode(200).body("services.host", hasItem(host)).body("services.host", hasItem(other));
        admin("2.1").get("/v2.1/os-services?binary=nova-scheduler&host=" + scheduler).then().statusCode(200)
                .body("services", hasSize(1))
                .body("services[0].zone", equalTo("internal"))
                .body("services[0].state", equalTo("up"));
        // this process reports itself as the conductor
        admin("2.1").get("/v2.1/os-services?binary=nova-conductor").then().statusCode(200)
                .body("services.zone", hasItem("internal"))
                .body("services.state", hasItem("up"));
        admin("2.1").get("/v2.1/os-services?binary=nova-compute").then().statusCode(200)
                .body("services.binary", not(hasItem("nova-scheduler")))
                .body("services.host", hasItem(other));

        // unknown query parameters are ignored until 2.75, a 400 from then on
        admin("2.74").get("/v2.1/os-services?host=" + host + "&zone=x").then().statusCode(200)
                .body("services", hasSize(1));
        admin("2.75").get("/v2.1/os-services?host=" + host + "&zone=x").then().statusCode(400)
                .body("badRequest.message", equalTo("Additional properties are not allowed ('zone' was unexpected)"));
    }

    @Test
    void stateFollowsTheServiceDownTimeAndForcedDown() {
        String host = hosts.compute("svc-state");
        admin("2.1").get("/v2.1/os-services?host=" + host).then().body("services[0].state", equalTo("up"));
        // silent for longer than the service down time (60 s)
        hosts.silence(host, Duration.ofSeconds(61));
        admin("2.1").get("/v2.1/os-services?host=" + host).then().body("services[0].state", equalTo("down"));
        hosts.heartbeat(host, SimulatedHosts.SMALL, null);
        admin("2.1").get("/v2.1/os-services?host=" + host).then().body("services[0].state", equalTo("up"));

        // 2.11 to 2.52: PUT /os-services/force-down
        admin("2.10").body(hostBody(host, "\"forced_down\": true")).put("/v2.1/os-services/force-down").then()
                .statusCode(400);
        admin("2.10").body(hostBody(host, "")).put("/v2.1/os-services/force-down").then().statusCode(404)
                .body("itemNotFound.message", equalTo("Unknown action"));
        tempest.check("v2_11.services", "update_forced_down", admin("2.11")
                .body(hostBody(host, "\"forced_down\": true")).put("/v2.1/os-services/force-down"))
                .then().statusCode(200)
                .body("service.keySet()", containsInAnyOrder("host", "binary", "forced_down"))
                .body("service.host", equalTo(host))
                .body("service.binary", equalTo("nova-compute"))
                .body("service.forced_down", equalTo(true));
        ServiceStatus forced = scheduler.awaitStatus(host, ServiceStatus::forcedDown);
        assertFalse(forced.disabled());
        assertFalse(forced.deleted());
        // a forced-down service stays down whatever it reports
        hosts.heartbeat(host, SimulatedHosts.SMALL, null);
        admin("2.11").get("/v2.1/os-services?host=" + host).then()
                .body("services[0].state", equalTo("down")).body("services[0].forced_down", equalTo(true));
        admin("2.11").body(hostBody(host, "")).put("/v2.1/os-services/force-down").then().statusCode(400)
                .body("badRequest.message", equalTo("Missing forced_down field"));
        admin("2.52").body(hostBody(host, "\"forced_down\": false")).put("/v2.1/os-services/force-down").then()
                .statusCode(200).body("service.forced_down", equalTo(false));
        admin("2.52").get("/v2.1/os-services?host=" + host).then().body("services[0].state", equalTo("up"));
        admin("2.53").body(hostBody(host, "\"forced_down\": true")).put("/v2.1/os-services/force-down").then()
                .statusCode(400).body("badRequest.message", equalTo("Invalid uuid force-down"));

        // from 2.53: PUT /os-services/{uuid}
        String uuid = uuidOf(host);
        tempest.check("v2_53.services", "update_service", admin("2.53").body("{\"forced_down\": true}")
                .put("/v2.1/os-services/" + uuid)).then().statusCode(200)
                .body("service.id", equalTo(uuid))
                .body("service.state", equalTo("down"))
                .body("service.forced_down", equalTo(true))
                .body("service.status", equalTo("enabled"));
        admin("2.53").body("{\"forced_down\": \"False\"}").put("/v2.1/os-services/" + uuid).then().statusCode(200)
                .body("service.forced_down", equalTo(false)).body("service.state", equalTo("up"));
    }

    @Test
    void disableAndEnableBefore253ReachTheScheduler() {
        String host = hosts.compute("svc-old");
        tempest.check("v2_1.services", "disable_log_reason", admin("2.1")
                .body(hostBody(host, "\"disabled_reason\": \"kernel upgrade\""))
                .put("/v2.1/os-services/disable-log-reason")).then().statusCode(200)
                .body("service.keySet()", containsInAnyOrder("host", "binary", "status", "disabled_reason"))
                .body("service.status", equalTo("disabled"))
                .body("service.disabled_reason", equalTo("kernel upgrade"));
        ServiceStatus disabled = scheduler.awaitStatus(host, ServiceStatus::disabled);
        assertEquals("kernel upgrade", disabled.disabledReason());
        admin("2.1").get("/v2.1/os-services?host=" + host).then()
                .body("services[0].status", equalTo("disabled"))
                .body("services[0].disabled_reason", equalTo("kernel upgrade"));

        tempest.check("v2_1.services", "enable_disable_service", admin("2.1").body(hostBody(host, ""))
                .put("/v2.1/os-services/enable")).then().statusCode(200)
                .body("service.keySet()", containsInAnyOrder("host", "binary", "status"))
                .body("service.status", equalTo("enabled"));
        ServiceStatus enabled = scheduler.awaitStatus(host, s -> !s.disabled());
        assertNull(enabled.disabledReason());
        admin("2.1").get("/v2.1/os-services?host=" + host).then()
                .body("services[0].status", equalTo("enabled"))
                .body("services[0].disabled_reason", nullValue());

        tempest.check("v2_11.services", "enable_disable_service", admin("2.11").body(hostBody(host, ""))
                .put("/v2.1/os-services/disable")).then().statusCode(200)
                .body("service.status", equalTo("disabled"));
        Eventually.until(() -> scheduler.statusesOf(host).size() >= 3 ? Boolean.TRUE : null, "a third status");
        ServiceStatus third = scheduler.statusesOf(host).get(2);
        assertTrue(third.disabled());
        assertNull(third.disabledReason());

        // what Nova answers to bad requests
        admin("2.1").body(hostBody(host, "")).put("/v2.1/os-services/disable-log-reason").then().statusCode(400)
                .body("badRequest.message", equalTo("Missing disabled reason field"));
        admin("2.1").body(hostBody("no-such-host", "")).put("/v2.1/os-services/enable").then().statusCode(404)
                .body("itemNotFound.message", equalTo("Could not find binary nova-compute on host no-such-host."));
        admin("2.1").body("{\"host\": \"" + host + "\", \"binary\": \"nova-conductor\"}")
                .put("/v2.1/os-services/enable").then().statusCode(400)
                .body("badRequest.message", equalTo("Updating a nova-conductor service is not supported. Only "
                        + "nova-compute services can be updated."));
        admin("2.1").body(hostBody(host, "")).put("/v2.1/os-services/reboot").then().statusCode(404)
                .body("itemNotFound.message", equalTo("Unknown action"));
        admin("2.1").body("{\"binary\": \"nova-compute\"}").put("/v2.1/os-services/enable").then().statusCode(400);
        admin("2.1").body(hostBody(host, "\"zone\": \"nova\"")).put("/v2.1/os-services/enable").then()
                .statusCode(400);
        admin("2.1").body("not json").put("/v2.1/os-services/enable").then().statusCode(400);
    }

    @Test
    void updateByUuidFrom253() {
        String host = hosts.compute("svc-new");
        String uuid = uuidOf(host);
        tempest.check("v2_53.services", "update_service", admin("2.53")
                .body("{\"status\": \"disabled\", \"disabled_reason\": \"rack move\"}")
                .put("/v2.1/os-services/" + uuid)).then().statusCode(200)
                .body("service.keySet()", containsInAnyOrder("id", "binary", "host", "zone", "status", "state",
                        "updated_at", "disabled_reason", "forced_down"))
                .body("service.id", equalTo(uuid))
                .body("service.host", equalTo(host))
                .body("service.zone", equalTo("nova"))
                .body("service.status", equalTo("disabled"))
                .body("service.state", equalTo("up"))
                .body("service.disabled_reason", equalTo("rack move"))
                .body("service.forced_down", equalTo(false));
        assertEquals("rack move", scheduler.awaitStatus(host, ServiceStatus::disabled).disabledReason());
        admin("2.53").body("{\"status\": \"enabled\"}").put("/v2.1/os-services/" + uuid).then().statusCode(200)
                .body("service.status", equalTo("enabled")).body("service.disabled_reason", nullValue());
        scheduler.awaitStatus(host, s -> !s.disabled());

        admin("2.53").body("{\"status\": \"enabled\", \"disabled_reason\": \"x\"}").put("/v2.1/os-services/" + uuid)
                .then().statusCode(400)
                .body("badRequest.message", equalTo("Specifying 'disabled_reason' with status 'enabled' is invalid."));
        String nothing = "No updates were requested. Fields 'status' or 'forced_down' should be specified.";
        admin("2.53").body("{}").put("/v2.1/os-services/" + uuid).then().statusCode(400)
                .body("badRequest.message", equalTo(nothing));
        admin("2.53").body("{\"disabled_reason\": \"x\"}").put("/v2.1/os-services/" + uuid).then().statusCode(400)
                .body("badRequest.message", equalTo(nothing));
        admin("2.53").body("{\"status\": \"broken\"}").put("/v2.1/os-services/" + uuid).then().statusCode(400);
        admin("2.53").body("{\"status\": \"disabled\", \"host\": \"x\"}").put("/v2.1/os-services/" + uuid).then()
                .statusCode(400);
        String unknown = UUID.randomUUID().toString();
        admin("2.53").body("{\"status\": \"disabled\"}").put("/v2.1/os-services/" + unknown).then().statusCode(404)
                .body("itemNotFound.message", equalTo("Service " + unknown + " could not be found."));
        String conductor = admin("2.53").get("/v2.1/os-services?binary=nova-conductor").then()
                .extract().path("services[0].id");
        admin("2.53").body("{\"status\": \"disabled\"}").put("/v2.1/os-services/" + conductor).then()
                .statusCode(400).body("badRequest.message", equalTo("Updating a nova-conductor service is not "
                        + "supported. Only nova-compute services can be updated."));
        // before 2.53 the last segment is an action
        admin("2.52").body("{\"status\": \"disabled\"}").put("/v2.1/os-services/" + uuid).then().statusCode(400);
        admin("2.52").body(hostBody(host, "")).put("/v2.1/os-services/" + uuid).then().statusCode(404)
                .body("itemNotFound.message", equalTo("Unknown action"));
    }

    @Test
    void deleteRemovesTheServiceItsHypervisorAndItsAggregateMembership() {
        String host = hosts.compute("svc-del");
        int aggregate = admin("2.1").body("{\"aggregate\": {\"name\": \"" + SimulatedHosts.uniqueName("agg-del")
                + "\"}}").post("/v2.1/os-aggregates").then().statusCode(200).extract().path("aggregate.id");
        admin("2.1").body("{\"add_host\": {\"host\": \"" + host + "\"}}")
                .post("/v2.1/os-aggregates/" + aggregate + "/action").then().statusCode(200);
        scheduler.awaitAggregates(host, a -> a.aggregates().size() == 1);

        int id = idOf(host);
        admin("2.1").delete("/v2.1/os-services/" + id).then().statusCode(204);
        admin("2.1").get("/v2.1/os-services?host=" + host).then().body("services", hasSize(0));
        admin("2.53").get("/v2.1/os-hypervisors?hypervisor_hostname_pattern=" + host).then().statusCode(404);
        admin("2.1").get("/v2.1/os-aggregates/" + aggregate).then().body("aggregate.hosts", hasSize(0));
        assertTrue(scheduler.awaitStatus(host, ServiceStatus::deleted).deleted());
        HostAggregates left = scheduler.awaitAggregates(host, a -> a.aggregates().isEmpty());
        assertTrue(left.aggregates().isEmpty());
        admin("2.1").delete("/v2.1/os-services/" + id).then().statusCode(404)
                .body("itemNotFound.message", equalTo("Service " + id + " not found."));
        admin("2.1").delete("/v2.1/os-services/abc").then().statusCode(400)
                .body("badRequest.message", equalTo("Invalid input received: id must be an integer"));

        // a node that keeps reporting registers again, under a new uuid
        hosts.heartbeat(host, SimulatedHosts.SMALL, null);
        String uuid = uuidOf(host);
        admin("2.53").delete("/v2.1/os-services/" + id).then().statusCode(400)
                .body("badRequest.message", equalTo("Invalid uuid " + id));
        admin("2.53").delete("/v2.1/os-services/" + UUID.randomUUID()).then().statusCode(404);
        admin("2.53").delete("/v2.1/os-services/" + uuid).then().statusCode(204);
        admin("2.53").get("/v2.1/os-services?host=" + host).then().body("services", hasSize(0));
    }

    @Test
    void everyCallIsForOperatorsOnly() {
        String host = hosts.compute("svc-policy");
        String uuid = uuidOf(host);
        String member = keys.member("svc-member", "svc-project");
        String denied = "Policy doesn't allow os_compute_api:os-services:%s to be performed.";
        as(member, "2.1").get("/v2.1/os-services").then().statusCode(403)
                .body("forbidden.message", equalTo(denied.formatted("list")));
        as(member, "2.1").body(hostBody(host, "")).put("/v2.1/os-services/disable").then().statusCode(403)
                .body("forbidden.message", equalTo(denied.formatted("update")));
        as(member, "2.53").body("{\"status\": \"disabled\"}").put("/v2.1/os-services/" + uuid).then()
                .statusCode(403);
        as(member, "2.53").delete("/v2.1/os-services/" + uuid).then().statusCode(403)
                .body("forbidden.message", equalTo(denied.formatted("delete")));
        as(keys.reader("svc-reader", "admin-project"), "2.1").get("/v2.1/os-services").then().statusCode(403);
        admin("2.1").get("/v2.1/os-services?host=" + host).then().body("services[0].status", equalTo("enabled"));
        given().get("/v2.1/os-services").then().statusCode(401);
    }
}
