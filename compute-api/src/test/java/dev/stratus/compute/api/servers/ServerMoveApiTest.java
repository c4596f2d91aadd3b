package dev.stratus.compute.api.servers;

import static dev.stratus.compute.api.servers.ServerFixture.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.InstanceFault;
import dev.stratus.common.compute.InstanceMove;
import dev.stratus.common.compute.MoveInstance;
import dev.stratus.common.compute.MoveReport;
import dev.stratus.common.compute.ScheduleMove;
import dev.stratus.common.compute.SchedulingHints;
import dev.stratus.compute.api.ComputeTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cold-move actions: {@code resize}, {@code migrate}, {@code confirmResize} and {@code revertResize}. What they
 * send to the scheduler and the hosts, how the hosts' move reports change the server and the migration, and what
 * is refused.
 */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class ServerMoveApiTest extends ServerApiTestBase {

    private static final String DEST = SchedulerStub.OTHER_HOST;

    private Response action(String token, String id, String body) {
        return as(token, "2.1").body(body).post("/v2.1/servers/" + id + "/action");
    }

    private Response resize(String token, String id, String flavor) {
        return action(token, id, "{\"resize\": {\"flavorRef\": \"" + flavor + "\", \"OS-DCF:diskConfig\": \"AUTO\"}}");
    }

    /** The scheduler placed the move on {@link #DEST}; the hosts moved the guest: VERIFY_RESIZE. */
    private InstanceMove finishOn(String token, String id, ScheduleMove request) {
        InstanceMove move = request.move().to(DEST, DEST);
        fixture.moveReport(id, move.migrationId(), MoveReport.MIGRATING, null, "resize_migrating", SchedulerStub.HOST,
                null, null);
        fixture.awaitStatus(token, id, "RESIZE");
        fixture.moveReport(id, move.migrationId(), MoveReport.FINISHED, "resized", null, DEST,
                move.instance().flavor(), null);
        fixture.awaitStatus(token, id, "VERIFY_RESIZE");
        return move;
    }

    @Test
    void aResizeMovesTheServerAndItsConfirmKeepsTheNewFlavor() {
        String ann = keys.member("ann", "p-move-1");
        String id = fixture.activeServer(ann, "grows");

        Response resized = resize(ann, id, "2");
        resized.then().statusCode(202);
        String requestId = resized.header("x-openstack-request-id");
        ScheduleMove request = stub.awaitMoveRequest(requestId);
        InstanceMove asked = request.move();
        assertEquals(id, asked.instanceId());
        assertEquals(InstanceMove.RESIZE, asked.migrationType());
        assertEquals("2", asked.instance().flavor().id());
        assertEquals("2", request.spec().flavor().id());
        assertEquals("1", asked.oldFlavor().id());
        assertEquals(SchedulerStub.HOST, asked.sourceHost());
        assertFalse(asked.wasStopped());
        assertFalse(request.allowSameHost(), "Nova's default: no resize to the same host");
        as(ann, "2.1").get("/v2.1/servers/" + id).then().body("server.status", equalTo("RESIZE"))
                .body("server.OS-EXT-STS:task_state", equalTo("resize_prep"));
        as(keys.admin(), "2.59").get("/v2.1/os-migrations?instance_uuid=" + id).then()
                .body("migrations[0].status", equalTo("pre-migrating"))
                .body("migrations[0].migration_type", equalTo("resize"))
                .body("migrations[0].uuid", equalTo(asked.migrationId()))
                .body("migrations[0].old_instance_type_id", equalTo(1))
                .body("migrations[0].new_instance_type_id", equalTo(2));

        InstanceMove move = finishOn(ann, id, request);
        as(ann, "2.47").get("/v2.1/servers/" + id).then().body("server.flavor.original_name", equalTo("m1.small"))
                .body("server.OS-DCF:diskConfig", equalTo("AUTO"));
        as(keys.admin(), "2.1").get("/v2.1/servers/" + id).then()
                .body("server.OS-EXT-SRV-ATTR:host", equalTo(DEST));
        as(keys.admin(), "2.59").get("/v2.1/os-migrations?instance_uuid=" + id).then()
                .body("migrations[0].status", equalTo("finished"))
                .body("migrations[0].dest_compute", equalTo(DEST));

        Response confirmed = action(ann, id, "{\"confirmResize\": null}");
        confirmed.then().statusCode(204);
        Map.Entry<String, MoveInstance> sent = stub.awaitMoveStep(confirmed.header("x-openstack-request-id"),
                MoveInstance.Step.CONFIRM);
        assertEquals(SchedulerStub.HOST, sent.getKey(), "a confirm goes to the source");
        assertEquals(DEST, sent.getValue().move().destHost());
        assertEquals(move.migrationId(), sent.getValue().move().migrationId());
        action(ann, id, "{\"confirmResize\": null}").then().statusCode(400);

        fixture.moveReport(id, move.migrationId(), MoveReport.CONFIRMED, "active", null, DEST, null, null);
        fixture.awaitStatus(ann, id, "ACTIVE");
        stub.awaitCommit(move.migrationId());
        as(ann, "2.47").get("/v2.1/servers/" + id).then().body("server.flavor.original_name", equalTo("m1.small"));
        as(ann, "2.1").get("/v2.1/servers/" + id + "/os-instance-actions").then()
                .body("instanceActions.action", hasItems("resize", "confirmResize"));
    }

    @Test
    void aRevertBringsTheOldFlavorBackAndReturnsTheNewClaim() throws InterruptedException {
        String bob = keys.member("bob", "p-move-2");
        String id = fixture.activeServer(bob, "shrinks-back");
        Response resized = resize(bob, id, "2");
        resized.then().statusCode(202);
        long older = fixture.nextSequence();
        InstanceMove move = finishOn(bob, id, stub.awaitMoveRequest(resized.header("x-openstack-request-id")));
        // The source's last report handled after the destination's (several consumers): it changes nothing.
        fixture.moveReport(id, move.migrationId(), MoveReport.POST_MIGRATING, null, "resize_migrated",
                SchedulerStub.HOST, null, null, older);
        SchedulerStub.await(() -> as(keys.admin(), "2.59").get("/v2.1/os-migrations?instance_uuid=" + id).then()
                .extract().path("migrations[0].updated_at") != null ? Boolean.TRUE : null, "the late report");
        Thread.sleep(200);
        fixture.awaitStatus(bob, id, "VERIFY_RESIZE");
        as(keys.admin(), "2.59").get("/v2.1/os-migrations?instance_uuid=" + id).then()
                .body("migrations[0].status", equalTo("finished"));

        Response reverted = action(bob, id, "{\"revertResize\": null}");
        reverted.then().statusCode(202);
        Map.Entry<String, MoveInstance> sent = stub.awaitMoveStep(reverted.header("x-openstack-request-id"),
                MoveInstance.Step.REVERT);
        assertEquals(DEST, sent.getKey(), "a revert goes to the destination first");
        as(bob, "2.1").get("/v2.1/servers/" + id).then().body("server.status", equalTo("REVERT_RESIZE"));

        FlavorSpec old = sent.getValue().move().oldFlavor();
        fixture.moveReport(id, move.migrationId(), MoveReport.REVERTED, "active", null, SchedulerStub.HOST, old, null);
        fixture.awaitStatus(bob, id, "ACTIVE");
        stub.awaitRelease(move.migrationId());
        as(bob, "2.47").get("/v2.1/servers/" + id).then().body("server.flavor.original_name", equalTo("m1.tiny"));
        as(keys.admin(), "2.1").get("/v2.1/servers/" + id).then()
                .body("server.OS-EXT-SRV-ATTR:host", equalTo(SchedulerStub.HOST));
        as(keys.admin(), "2.59").get("/v2.1/os-migrations?instance_uuid=" + id).then()
                .body("migrations[0].status", equalTo("reverted"));
    }

    @Test
    void aMoveWithoutDestinationLeavesTheServerAsItWasWithAFault() {
        String cat = keys.member("cat", "p-move-3");
        String id = fixture.activeServer(cat, "stays");
        fixture.report(id, "stopped", null, true, 4, SchedulerStub.HOST, null, null);
        fixture.awaitStatus(cat, id, "SHUTOFF");
        Response migrated = as(keys.admin(), "2.56").body("{\"migrate\": null}")
                .post("/v2.1/servers/" + id + "/action");
        migrated.then().statusCode(202);
        ScheduleMove request = stub.awaitMoveRequest(migrated.header("x-openstack-request-id"));
        assertEquals(InstanceMove.MIGRATION, request.move().migrationType());
        assertEquals("1", request.move().instance().flavor().id());
        assertTrue(request.move().wasStopped());
        assertFalse(request.allowSameHost());

        fixture.moveReport(id, request.move().migrationId(), MoveReport.ERROR, null, null, null, null,
                new InstanceFault(500, "No valid host was found. There are not enough hosts available.", "none"));
        fixture.awaitStatus(cat, id, "SHUTOFF");
        as(cat, "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-STS:task_state", nullValue());
        stub.awaitRelease(request.move().migrationId());
        as(keys.admin(), "2.59").get("/v2.1/os-migrations?instance_uuid=" + id).then()
                .body("migrations[0].status", equalTo("error"));
    }

    @Test
    void deletingAResizedServerConfirmsOnTheSourceAndReturnsItsClaims() {
        String dan = keys.member("dan", "p-move-4");
        String id = fixture.activeServer(dan, "goes");
        Response resized = resize(dan, id, "2");
        InstanceMove move = finishOn(dan, id, stub.awaitMoveRequest(resized.header("x-openstack-request-id")));

        Response deleted = as(dan, "2.1").delete("/v2.1/servers/" + id);
        deleted.then().statusCode(204);
        String requestId = deleted.header("x-openstack-request-id");
        SchedulerStub.await(() -> stub.deletes.stream().filter(d -> d.getValue().instanceId().equals(id)).findFirst()
                .orElse(null), "the delete on the destination");
        assertEquals(SchedulerStub.HOST, stub.awaitMoveStep(requestId, MoveInstance.Step.CONFIRM).getKey());
        // The source's confirm is handled first: the server stays deleting, and the destination's older report
        // still deletes it.
        long older = fixture.nextSequence();
        fixture.moveReport(id, move.migrationId(), MoveReport.CONFIRMED, "active", null, DEST, null, null);
        SchedulerStub.await(() -> "confirmed".equals(as(keys.admin(), "2.59").get("/v2.1/os-migrations?instance_uuid="
                + id).then().extract().path("migrations[0].status")) ? Boolean.TRUE : null, "the confirm");
        as(dan, "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-STS:task_state", equalTo("deleting"));
        fixture.report(id, "deleted", null, true, 0, DEST, null, null, older);
        SchedulerStub.await(() -> as(dan, "2.1").get("/v2.1/servers/" + id).statusCode() == 404 ? Boolean.TRUE : null,
                "the server deleted");
        // The confirm made the destination's claim the instance's, and the instance's goes back now.
        stub.awaitCommit(move.migrationId());
        stub.awaitRelease(id);
    }

    @Test
    void aServerDeletedBeforeTheSourceConfirmedReturnsTheMovesClaimWithItsOwn() {
        String gil = keys.member("gil", "p-move-6");
        String id = fixture.activeServer(gil, "goes-first");
        Response resized = resize(gil, id, "2");
        InstanceMove move = finishOn(gil, id, stub.awaitMoveRequest(resized.header("x-openstack-request-id")));
        as(gil, "2.1").delete("/v2.1/servers/" + id).then().statusCode(204);
        fixture.report(id, "deleted", null, true, 0, DEST, null, null);
        assertTrue(stub.awaitRelease(id).instanceIds().contains(move.migrationId()),
                "the move's claim goes back with the instance's");
        as(keys.admin(), "2.59").get("/v2.1/os-migrations?instance_uuid=" + id).then()
                .body("migrations[0].status", equalTo("confirmed"));
    }

    @Test
    void aGuestMadeByAMoveThatEndsAfterTheDeleteIsDestroyedToo() {
        String hal = keys.member("hal", "p-move-7");
        String id = fixture.activeServer(hal, "late-move");
        Response resized = resize(hal, id, "2");
        InstanceMove move = stub.awaitMoveRequest(resized.header("x-openstack-request-id")).move().to(DEST, DEST);
        fixture.moveReport(id, move.migrationId(), MoveReport.MIGRATING, null, "resize_migrating", SchedulerStub.HOST,
                null, null);
        fixture.awaitStatus(hal, id, "RESIZE");
        as(hal, "2.1").delete("/v2.1/servers/" + id).then().statusCode(204);
        // the destination finishes the move after the delete went to the source
        fixture.moveReport(id, move.migrationId(), MoveReport.FINISHED, "resized", null, DEST,
                move.instance().flavor(), null);
        SchedulerStub.await(() -> stub.deletes.stream().filter(d -> d.getValue().instanceId().equals(id)).findFirst()
                .orElse(null), "the moved guest destroyed on the destination");
        as(hal, "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-STS:task_state", equalTo("deleting"));
    }

    @Test
    void aMoveCarriesItsServerGroupWithoutCountingItself() {
        String ike = keys.member("ike", "p-move-8");
        String group = as(ike, "2.1").body("{\"server_group\": {\"name\": \"apart\", \"policies\":"
                + " [\"anti-affinity\"]}}").post("/v2.1/os-server-groups").then().statusCode(200).extract()
                .path("server_group.id");
        List<String> ids = new java.util.ArrayList<>();
        for (String name : List.of("apart-1", "apart-2")) {
            String id = as(ike, "2.37").body("{\"server\": {\"name\": \"" + name + "\", \"imageRef\": \""
                    + TestImages.ACTIVE + "\", \"flavorRef\": \"1\", \"networks\": \"none\"},"
                    + " \"os:scheduler_hints\": {\"group\": \"" + group + "\"}}").post("/v2.1/servers").then()
                    .statusCode(202).extract().path("server.id");
            stub.awaitSchedule(id);
            fixture.report(id, "active", null, true, 1, SchedulerStub.HOST, null, null);
            fixture.awaitStatus(ike, id, "ACTIVE");
            ids.add(id);
        }
        Response resized = resize(ike, ids.get(0), "2");
        resized.then().statusCode(202);
        SchedulingHints hints = stub.awaitMoveRequest(resized.header("x-openstack-request-id")).spec().hints();
        assertEquals(group, hints.groupId());
        assertEquals("anti-affinity", hints.groupPolicy());
        assertEquals(List.of(ids.get(1)), hints.groupMembers(), "the moving server does not count where it is");
    }

    @Test
    void badMovesAreRefusedAndSendNothing() {
        String eve = keys.member("eve", "p-move-5");
        String id = fixture.activeServer(eve, "keeps");
        resize(eve, id, "1").then().statusCode(400).body("badRequest.message", containsString("must change flavor"));
        resize(eve, id, "no-such-flavor").then().statusCode(400);
        action(eve, id, "{\"resize\": {\"flavorRef\": null}}").then().statusCode(400);
        action(eve, id, "{\"resize\": {}}").then().statusCode(400);
        action(eve, id, "{\"resize\": {\"flavorRef\": \"2\", \"bogus\": 1}}").then().statusCode(400);
        action(eve, id, "{\"confirmResize\": null}").then().statusCode(409);
        action(eve, id, "{\"revertResize\": null}").then().statusCode(409);
        action(eve, id, "{\"migrate\": null}").then().statusCode(403);
        as(keys.admin(), "2.56").body("{\"migrate\": {\"host\": \"no-such-host\"}}")
                .post("/v2.1/servers/" + id + "/action").then().statusCode(400);
        as(keys.admin(), "2.55").body("{\"migrate\": {\"host\": \"x\"}}").post("/v2.1/servers/" + id + "/action")
                .then().statusCode(400);
        resize(keys.member("fay", "p-other"), id, "2").then().statusCode(404);

        as(keys.admin(), "2.1").body("{\"quota_set\": {\"ram\": 1024}}").put("/v2.1/os-quota-sets/p-move-5").then()
                .statusCode(200);
        resize(eve, id, "2").then().statusCode(403).body("forbidden.message", containsString("Quota exceeded for ram"));

        fixture.report(id, "paused", null, true, 3, SchedulerStub.HOST, null, null);
        fixture.awaitStatus(eve, id, "PAUSED");
        resize(eve, id, "2").then().statusCode(409);
        assertFalse(stub.moveRequests.stream().anyMatch(r -> r.move().instanceId().equals(id)), "nothing was sent");
        as(eve, "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-STS:task_state", nullValue());
    }
}
