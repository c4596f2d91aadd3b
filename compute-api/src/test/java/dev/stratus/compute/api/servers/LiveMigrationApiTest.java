package dev.stratus.compute.api.servers;

import static dev.stratus.compute.api.servers.ServerFixture.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stratus.common.compute.ComputeTopics;
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
import org.junit.jupiter.api.Test;

/**
 * {@code os-migrateLive} and the server-migrations API: what the action sends to the scheduler, how the hosts'
 * reports of a live migration move the server and its migration through Nova's statuses, and what is refused.
 */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class LiveMigrationApiTest extends ServerApiTestBase {

    private static final String SOURCE = SchedulerStub.HOST;
    private static final String DEST = SchedulerStub.OTHER_HOST;

    private Response migrateLive(String version, String id, String args) {
        return as(keys.admin(), version).body("{\"os-migrateLive\": " + args + "}")
                .post("/v2.1/servers/" + id + "/action");
    }

    /** A host's report of a live migration, naming the destination as the source does while it runs. */
    private void live(String id, InstanceMove move, String status, String host, String vmState, String taskState,
            InstanceFault fault) {
        live(id, move, status, host, vmState, taskState, fault, fixture.nextSequence());
    }

    private void live(String id, InstanceMove move, String status, String host, String vmState, String taskState,
            InstanceFault fault, long sequence) {
        InstanceStateReport state = new InstanceStateReport(id, host, host, vmState, taskState, taskState == null,
                power(vmState), null, fault, null, sequence, Instant.now());
        messaging.cast(ComputeTopics.CONDUCTOR, MoveReport.TYPE,
                new MoveReport(state, move.migrationId(), status, null, DEST, DEST)).join();
    }

    private static Integer power(String vmState) {
        if (vmState == null) {
            return null;
        }
        return "paused".equals(vmState) ? 3 : 1;
    }

    private String migrationStatus(String id) {
        return as(keys.admin(), "2.59").get("/v2.1/os-migrations?instance_uuid=" + id).then().extract()
                .path("migrations[0].status");
    }

    private void awaitMigration(String id, String status) {
        SchedulerStub.await(() -> status.equals(migrationStatus(id)) ? Boolean.TRUE : null, "migration " + status);
    }

    @Test
    void aLiveMigrationRunsThroughNovasStatusesAndEndsOnTheDestination() {
        String ann = keys.member("ann", "p-live-1");
        String id = fixture.activeServer(ann, "lives");

        Response started = migrateLive("2.25", id, "{\"host\": null, \"block_migration\": \"auto\"}");
        started.then().statusCode(202);
        ScheduleMove request = stub.awaitMoveRequest(started.header("x-openstack-request-id"));
        InstanceMove move = request.move();
        assertEquals(InstanceMove.LIVE_MIGRATION, move.migrationType());
        assertEquals(SOURCE, move.sourceHost());
        assertFalse(move.wasStopped());
        assertFalse(request.allowSameHost());
        assertNull(request.spec().hints().forcedHost());
        as(ann, "2.1").get("/v2.1/servers/" + id).then().body("server.status", equalTo("MIGRATING"))
                .body("server.OS-EXT-STS:task_state", equalTo("migrating"));
        as(keys.admin(), "2.59").get("/v2.1/os-migrations?instance_uuid=" + id).then()
                .body("migrations[0].status", equalTo("accepted"))
                .body("migrations[0].migration_type", equalTo("live-migration"))
                .body("migrations[0].uuid", equalTo(move.migrationId()));
        as(keys.admin(), "2.23").get("/v2.1/servers/" + id + "/migrations").then().statusCode(200)
                .body("migrations", empty());

        InstanceMove placed = move.to(DEST, DEST);
        live(id, placed, MoveReport.PREPARING, SOURCE, null, "migrating", null);
        live(id, placed, MoveReport.RUNNING, SOURCE, null, "migrating", null);
        awaitMigration(id, "running");
        int migrationId = as(keys.admin(), "2.23").get("/v2.1/servers/" + id + "/migrations").then()
                .statusCode(200).body("migrations", hasSize(1))
                .body("migrations[0].status", equalTo("running"))
                .body("migrations[0].server_uuid", equalTo(id))
                .body("migrations[0].source_compute", equalTo(SOURCE))
                .body("migrations[0].dest_compute", equalTo(DEST))
                .body("migrations[0].memory_total_bytes", nullValue())
                .extract().path("migrations[0].id");
        as(keys.admin(), "2.80").get("/v2.1/servers/" + id + "/migrations/" + migrationId).then().statusCode(200)
                .body("migration.uuid", equalTo(move.migrationId()))
                .body("migration.dest_host", equalTo(DEST))
                .body("migration.project_id", notNullValue());
        as(keys.admin(), "2.59").get("/v2.1/os-migrations?instance_uuid=" + id).then()
                .body("migrations[0].links[0].href", containsString("/servers/" + id + "/migrations/" + migrationId));
        as(ann, "2.23").get("/v2.1/servers/" + id + "/migrations").then().statusCode(403);
        as(keys.admin(), "2.22").body("{\"force_complete\": null}")
                .post("/v2.1/servers/" + id + "/migrations/" + migrationId + "/action").then().statusCode(202);
        as(keys.admin(), "2.24").delete("/v2.1/servers/" + id + "/migrations/" + migrationId).then()
                .statusCode(409);

        live(id, placed, MoveReport.POST_MIGRATING, DEST, "active", null, null);
        fixture.awaitStatus(ann, id, "ACTIVE");
        as(keys.admin(), "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-SRV-ATTR:host", equalTo(DEST))
                .body("server.OS-EXT-STS:task_state", nullValue());
        live(id, placed, MoveReport.COMPLETED, DEST, null, null, null);
        stub.awaitCommit(move.migrationId());
        awaitMigration(id, "completed");
        as(keys.admin(), "2.23").get("/v2.1/servers/" + id + "/migrations/" + migrationId).then().statusCode(404)
                .body("itemNotFound.message", containsString("is not in progress"));
        as(keys.admin(), "2.23").get("/v2.1/servers/" + id + "/migrations").then().body("migrations", empty());
        as(keys.admin(), "2.22").body("{\"force_complete\": null}")
                .post("/v2.1/servers/" + id + "/migrations/" + migrationId + "/action").then().statusCode(409);
        as(ann, "2.1").get("/v2.1/servers/" + id + "/os-instance-actions").then()
                .body("instanceActions.action", hasItem("live-migration"));
        as(keys.admin(), "2.1").get("/v2.1/os-migrations?instance_uuid=" + id).then()
                .body("migrations[0].dest_compute", equalTo(DEST));
    }

    @Test
    void aPausedServerMigratesBelow225AndStaysPaused() {
        String bob = keys.member("bob", "p-live-2");
        String id = fixture.activeServer(bob, "sleeps");
        fixture.report(id, "paused", null, true, 3, SOURCE, null, null);
        fixture.awaitStatus(bob, id, "PAUSED");
        Response started = migrateLive("2.1", id,
                "{\"host\": null, \"block_migration\": false, \"disk_over_commit\": \"False\"}");
        started.then().statusCode(202);
        InstanceMove move = stub.awaitMoveRequest(started.header("x-openstack-request-id")).move().to(DEST, DEST);
        as(bob, "2.1").get("/v2.1/servers/" + id).then().body("server.status", equalTo("MIGRATING"));
        live(id, move, MoveReport.RUNNING, SOURCE, null, "migrating", null);
        live(id, move, MoveReport.POST_MIGRATING, DEST, "paused", null, null);
        fixture.awaitStatus(bob, id, "PAUSED");
        live(id, move, MoveReport.COMPLETED, DEST, null, null, null);
        stub.awaitCommit(move.migrationId());
        as(keys.admin(), "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-SRV-ATTR:host", equalTo(DEST));
    }

    @Test
    void theDestinationsStepsCountEvenWhenItsClockIsBehindTheSources() {
        String dan = keys.member("dan", "p-live-skew");
        String id = fixture.activeServer(dan, "skewed");
        Response started = migrateLive("2.25", id, "{\"host\": null, \"block_migration\": \"auto\"}");
        started.then().statusCode(202);
        InstanceMove move = stub.awaitMoveRequest(started.header("x-openstack-request-id")).move().to(DEST, DEST);
        live(id, move, MoveReport.RUNNING, SOURCE, null, "migrating", null);
        awaitMigration(id, "running");
        // The destination's clock is an hour behind: its sequences are all below the source's.
        long behind = fixture.nextSequence() - 3_600_000_000L;
        live(id, move, MoveReport.POST_MIGRATING, DEST, "active", null, null, behind);
        fixture.awaitStatus(dan, id, "ACTIVE");
        as(keys.admin(), "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-SRV-ATTR:host", equalTo(DEST))
                .body("server.OS-EXT-STS:task_state", nullValue());
        // The source's RUNNING report again, late: the migration is past it, so the server stays as it is.
        live(id, move, MoveReport.RUNNING, SOURCE, null, "migrating", null, behind + 1);
        live(id, move, MoveReport.COMPLETED, DEST, null, null, null, behind + 2);
        stub.awaitCommit(move.migrationId());
        awaitMigration(id, "completed");
        as(keys.admin(), "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-SRV-ATTR:host", equalTo(DEST))
                .body("server.status", equalTo("ACTIVE"))
                .body("server.OS-EXT-STS:task_state", nullValue());
    }

    @Test
    void withoutADestinationTheServerStaysActiveAndTheMigrationEndsInError() {
        String cat = keys.member("cat", "p-live-3");
        String id = fixture.activeServer(cat, "stays");
        String named = "live-dest-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        fixture.computeHost(named, keys.admin());
        Response started = migrateLive("2.30", id, "{\"host\": \"" + named + "\", \"block_migration\": true,"
                + " \"force\": true}");
        started.then().statusCode(202);
        ScheduleMove request = stub.awaitMoveRequest(started.header("x-openstack-request-id"));
        assertEquals(named, request.spec().hints().forcedHost(), "the named host, still filtered");
        fixture.moveReport(id, request.move().migrationId(), MoveReport.ERROR, null, null, null, null,
                new InstanceFault(500, "No valid host was found. There are not enough hosts available.", "none"));
        stub.awaitRelease(request.move().migrationId());
        fixture.awaitStatus(cat, id, "ACTIVE");
        as(cat, "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-STS:task_state", nullValue());
        awaitMigration(id, "error");
        as(keys.admin(), "2.1").get("/v2.1/servers/" + id).then()
                .body("server.OS-EXT-SRV-ATTR:host", equalTo(SOURCE));
    }

    @Test
    void badLiveMigrationsAreRefusedAndSendNothing() {
        String dan = keys.member("dan", "p-live-4");
        String id = fixture.activeServer(dan, "refused");
        String v224 = "{\"host\": null, \"block_migration\": false, \"disk_over_commit\": false}";
        as(dan, "2.1").body("{\"os-migrateLive\": " + v224 + "}").post("/v2.1/servers/" + id + "/action").then()
                .statusCode(403);
        migrateLive("2.1", id, "{\"host\": \"no-such-host\", \"block_migration\": false,"
                + " \"disk_over_commit\": false}").then().statusCode(400)
                .body("badRequest.message", equalTo("Compute host no-such-host could not be found."));
        migrateLive("2.1", id, "{\"host\": \"" + SOURCE + "\", \"block_migration\": false,"
                + " \"disk_over_commit\": false}").then().statusCode(400)
                .body("badRequest.message", containsString("to current host (" + SOURCE + ")"));
        migrateLive("2.1", id, "{\"host\": null, \"block_migration\": false}").then().statusCode(400);
        migrateLive("2.24", id, "{\"host\": null, \"block_migration\": \"auto\", \"disk_over_commit\": false}")
                .then().statusCode(400);
        migrateLive("2.25", id, v224).then().statusCode(400);
        migrateLive("2.25", id, "{\"block_migration\": \"auto\"}").then().statusCode(400);
        migrateLive("2.30", id, "{\"host\": null, \"block_migration\": \"auto\", \"force\": true}").then()
                .statusCode(400).body("badRequest.message", equalTo("Can't force to a non-provided destination"));
        migrateLive("2.68", id, "{\"host\": null, \"block_migration\": \"auto\", \"force\": false}").then()
                .statusCode(400);
        as(keys.admin(), "2.22").get("/v2.1/servers/" + id + "/migrations").then().statusCode(404);

        fixture.report(id, "suspended", null, true, 7, SOURCE, null, null);
        fixture.awaitStatus(dan, id, "SUSPENDED");
        migrateLive("2.25", id, "{\"host\": null, \"block_migration\": \"auto\"}").then().statusCode(409)
                .body("conflictingRequest.message", containsString(
                        "Cannot 'os-migrateLive' instance " + id + " while it is in vm_state suspended"));
        assertFalse(stub.moveRequests.stream().anyMatch(r -> r.move().instanceId().equals(id)), "nothing was sent");
        as(dan, "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-STS:task_state", nullValue());
    }
}
