package dev.stratus.compute.api.servers;

import static dev.stratus.compute.api.servers.ServerFixture.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.DestroyEvacuated;
import dev.stratus.common.compute.InstanceFault;
import dev.stratus.common.compute.InstanceMove;
import dev.stratus.common.compute.InstanceStateReport;
import dev.stratus.common.compute.MoveReport;
import dev.stratus.common.compute.ScheduleMove;
import dev.stratus.compute.api.ComputeTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code evacuate}: who may, what each microversion's body takes and answers, the checks in Nova's order (the
 * server's state, its host's service down, the host named), what goes to the scheduler, how the destination's
 * reports land the server on its new host, and how the source, once it reports again, is told to destroy its guest
 * and its claim is settled.
 */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class EvacuateApiTest extends ServerApiTestBase {

    private static final String DEST = SchedulerStub.OTHER_HOST;

    private DownHosts hosts;

    @BeforeEach
    void downHosts() {
        hosts = new DownHosts(keys, messaging, fixture);
    }

    private void evacuationReport(String id, InstanceMove move, String status, String host, String vmState,
            String taskState, Integer power, String destHost) {
        InstanceStateReport state = new InstanceStateReport(id, host, host, vmState, taskState, taskState == null
                && vmState != null, power, null, null, null, fixture.nextSequence(), Instant.now());
        messaging.cast(ComputeTopics.CONDUCTOR, MoveReport.TYPE,
                new MoveReport(state, move.migrationId(), status, null, destHost, destHost)).join();
    }

    private String migrationStatus(String id) {
        return as(keys.admin(), "2.59").get("/v2.1/os-migrations?instance_uuid=" + id).then().extract()
                .path("migrations[0].status");
    }

    private void awaitMigration(String id, String status) {
        SchedulerStub.await(() -> status.equals(migrationStatus(id)) ? Boolean.TRUE : null, "migration " + status);
    }

    @Test
    void anEvacuationRebuildsTheServerElsewhereAndTheSourceCleansUpOnceBack() throws Exception {
        String ann = keys.member("ann", "p-evac-1");
        String source = hosts.host("evac-src");
        List<DestroyEvacuated> destroys = hosts.destroysOn(source);
        String id = hosts.serverOn(ann, "evacuee", source);
        hosts.forceDown(source);

        Response started = hosts.evacuate("2.14", id, "{\"adminPass\": \"s3cret\"}");
        started.then().statusCode(200);
        assertEquals("", started.body().asString(), "no body from 2.14");
        ScheduleMove request = stub.awaitMoveRequest(started.header("x-openstack-request-id"));
        InstanceMove move = request.move();
        assertEquals(InstanceMove.EVACUATION, move.migrationType());
        assertEquals(source, move.sourceHost());
        assertEquals("s3cret", move.instance().adminPass());
        assertFalse(move.wasStopped());
        assertFalse(request.allowSameHost());
        assertFalse(request.forced());
        assertNull(request.spec().hints().forcedHost());
        assertTrue(request.spec().ignoreHosts().contains(source));
        as(ann, "2.1").get("/v2.1/servers/" + id).then().body("server.status", equalTo("REBUILD"))
                .body("server.OS-EXT-STS:task_state", equalTo("rebuilding"));
        as(keys.admin(), "2.59").get("/v2.1/os-migrations?instance_uuid=" + id).then()
                .body("migrations[0].status", equalTo("accepted"))
                .body("migrations[0].migration_type", equalTo("evacuation"))
                .body("migrations[0].source_compute", equalTo(source))
                .body("migrations[0].uuid", equalTo(move.migrationId()));
        as(keys.admin(), "2.59").get("/v2.1/os-migrations?migration_type=evacuation&instance_uuid=" + id).then()
                .body("migrations[0].uuid", equalTo(move.migrationId()));

        InstanceMove placed = move.to(DEST, DEST);
        evacuationReport(id, placed, MoveReport.PRE_MIGRATING, source, null, "rebuild_spawning", null, null);
        awaitMigration(id, "pre-migrating");
        evacuationReport(id, placed, MoveReport.DONE, DEST, "active", null, 1, DEST);
        awaitMigration(id, "done");
        fixture.awaitStatus(ann, id, "ACTIVE");
        as(keys.admin(), "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-SRV-ATTR:host", equalTo(DEST))
                .body("server.OS-EXT-STS:task_state", nullValue());
        as(keys.admin(), "2.59").get("/v2.1/os-migrations?instance_uuid=" + id).then()
                .body("migrations[0].dest_compute", equalTo(DEST));
        assertTrue(stub.commits.stream().noneMatch(c -> c.migrationId().equals(move.migrationId())),
                "the source's claim stays while its guest may still be there");
        as(ann, "2.1").get("/v2.1/servers/" + id + "/os-instance-actions").then()
                .body("instanceActions.action", hasItem("evacuate"));
        // The source's power sync, running again before its guest is gone, does not take the server back.
        fixture.report(id, "stopped", null, true, 4, source, null, null);
        Thread.sleep(500);
        as(keys.admin(), "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-SRV-ATTR:host", equalTo(DEST))
                .body("server.OS-EXT-STS:power_state", equalTo(1));

        // Still the service that ran before the evacuation (forced down, never restarted): nothing is destroyed.
        fixture.computeHost(source, keys.admin());
        Thread.sleep(300);
        assertTrue(destroys.isEmpty(), "no destroy before the source restarted");
        // The source runs again: it is told to destroy its guest, and its answer settles the claims.
        hosts.restarted(source);
        DestroyEvacuated destroy = SchedulerStub.await(() -> destroys.stream().findFirst().orElse(null),
                "the destroy on the source");
        assertEquals(id, destroy.instanceId());
        assertEquals(move.migrationId(), destroy.migrationId());
        InstanceStateReport none = new InstanceStateReport(id, source, source, null, null, false, null, null, null,
                null, fixture.nextSequence(), Instant.now());
        messaging.cast(ComputeTopics.CONDUCTOR, MoveReport.TYPE,
                new MoveReport(none, move.migrationId(), MoveReport.COMPLETED, null)).join();
        stub.awaitCommit(move.migrationId());
        awaitMigration(id, "completed");
        as(keys.admin(), "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-SRV-ATTR:host", equalTo(DEST))
                .body("server.status", equalTo("ACTIVE"));
        int before = destroys.size();
        hosts.restarted(source);
        Thread.sleep(300);
        assertEquals(before, destroys.size(), "a completed evacuation is not cleaned up again");
    }

    @Test
    void below214ThePasswordIsAnsweredAndAStoppedServerStaysStopped() {
        String bob = keys.member("bob", "p-evac-2");
        String source = hosts.host("evac-stop");
        String id = hosts.serverOn(bob, "stopped-evacuee", source);
        fixture.report(id, "stopped", null, true, 4, source, null, null);
        fixture.awaitStatus(bob, id, "SHUTOFF");
        hosts.forceDown(source);
        String named = hosts.host("evac-named");
        Response started = hosts.evacuate("2.1", id, "{\"host\": \"" + named + "\", \"onSharedStorage\": \"False\"}");
        started.then().statusCode(200).body("adminPass", notNullValue());
        String password = started.then().extract().path("adminPass");
        ScheduleMove request = stub.awaitMoveRequest(started.header("x-openstack-request-id"));
        assertEquals(password, request.move().instance().adminPass(), "the generated password is the guest's");
        assertTrue(request.move().wasStopped());
        assertEquals(named, request.spec().hints().forcedHost());
        assertTrue(request.forced(), "a named host is forced below 2.29");

        InstanceMove placed = request.move().to(named, named);
        evacuationReport(id, placed, MoveReport.DONE, named, "stopped", null, 4, named);
        awaitMigration(id, "done");
        fixture.awaitStatus(bob, id, "SHUTOFF");
        as(keys.admin(), "2.1").get("/v2.1/servers/" + id).then()
                .body("server.OS-EXT-SRV-ATTR:host", equalTo(named));
    }

    @Test
    void aFailedEvacuationLeavesTheServerInErrorAndReturnsTheDestinationsClaim() {
        String cat = keys.member("cat", "p-evac-3");
        String source = hosts.host("evac-fail");
        String id = hosts.serverOn(cat, "fails", source);
        hosts.forceDown(source);
        String named = hosts.host("evac-chk");
        Response started = hosts.evacuate("2.29", id, "{\"host\": \"" + named + "\", \"force\": false}");
        started.then().statusCode(200);
        ScheduleMove request = stub.awaitMoveRequest(started.header("x-openstack-request-id"));
        assertFalse(request.forced(), "from 2.29 a named host is checked by the filters");
        assertEquals(named, request.spec().hints().forcedHost());
        fixture.moveReport(id, request.move().migrationId(), MoveReport.FAILED, "error", null, source, null,
                new InstanceFault(500, "Failed to evacuate the server", null));
        stub.awaitRelease(request.move().migrationId());
        fixture.awaitStatus(cat, id, "ERROR");
        awaitMigration(id, "failed");
        as(keys.admin(), "2.1").get("/v2.1/servers/" + id).then()
                .body("server.OS-EXT-SRV-ATTR:host", equalTo(source));
        // An ERROR server may be evacuated again.
        hosts.evacuate("2.14", id, "{}").then().statusCode(200);
    }

    @Test
    void badEvacuationsAreRefusedInNovasOrderAndSendNothing() {
        String dan = keys.member("dan", "p-evac-4");
        String source = hosts.host("evac-up");
        String id = hosts.serverOn(dan, "refused", source);

        as(dan, "2.14").body("{\"evacuate\": {}}").post("/v2.1/servers/" + id + "/action").then().statusCode(403);
        hosts.evacuate("2.14", id, "{}").then().statusCode(400)
                .body("badRequest.message", equalTo("Compute service of " + source + " is still in use."));
        hosts.evacuate("2.1", id, "{}").then().statusCode(400)
                .body("badRequest.message", containsString("'onSharedStorage' is a required property"));
        hosts.evacuate("2.1", id, "{\"onSharedStorage\": \"maybe\"}").then().statusCode(400);
        hosts.evacuate("2.1", id, "{\"onSharedStorage\": true, \"adminPass\": \"x\"}").then().statusCode(400)
                .body("badRequest.message", equalTo("admin password can't be changed on existing disk"));
        hosts.evacuate("2.14", id, "{\"onSharedStorage\": false}").then().statusCode(400)
                .body("badRequest.message", containsString("'onSharedStorage' was unexpected"));
        hosts.evacuate("2.14", id, "{\"force\": true, \"host\": \"x\"}").then().statusCode(400);
        hosts.evacuate("2.29", id, "{\"force\": true}").then().statusCode(400)
                .body("badRequest.message", equalTo("Can't force to a non-provided destination"));
        hosts.evacuate("2.68", id, "{\"force\": false}").then().statusCode(400);
        hosts.evacuate("2.14", id, "{\"host\": 5}").then().statusCode(400);
        hosts.evacuate("2.14", id, "{\"bogus\": 1}").then().statusCode(400);
        hosts.evacuate("2.14", UUID.randomUUID().toString(), "{}").then().statusCode(404);
        hosts.evacuate("2.14", id, "{\"host\": \"no-such-host\"}").then().statusCode(404)
                .body("itemNotFound.message", equalTo("Compute host no-such-host not found."));
        hosts.evacuate("2.14", id, "{\"host\": \"" + source + "\"}").then().statusCode(400)
                .body("badRequest.message", equalTo("The target host can't be the same one."));

        hosts.forceDown(source);
        fixture.report(id, "paused", null, true, 3, source, null, null);
        fixture.awaitStatus(dan, id, "PAUSED");
        hosts.evacuate("2.14", id, "{}").then().statusCode(409).body("conflictingRequest.message",
                containsString("Cannot 'evacuate' instance " + id + " while it is in vm_state paused"));
        fixture.report(id, "active", "rebooting", false, 1, source, null, null);
        fixture.awaitStatus(dan, id, "REBOOT");
        hosts.evacuate("2.14", id, "{}").then().statusCode(409).body("conflictingRequest.message",
                containsString("while it is in task_state rebooting"));
        assertFalse(stub.moveRequests.stream().anyMatch(r -> r.move().instanceId().equals(id)), "nothing was sent");
        as(keys.admin(), "2.59").get("/v2.1/os-migrations?instance_uuid=" + id).then()
                .body("migrations", org.hamcrest.Matchers.empty());
        as(dan, "2.1").get("/v2.1/servers/" + id).then().body("server", not(hasKey("adminPass")));
    }
}
