package dev.stratus.compute.api.servers;

import static dev.stratus.compute.api.servers.ServerFixture.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.ActionEvent;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.DeleteInstance;
import dev.stratus.common.compute.DestroyEvacuated;
import dev.stratus.common.compute.InstanceMove;
import dev.stratus.common.compute.InstanceStateReport;
import dev.stratus.common.compute.MoveReport;
import dev.stratus.compute.api.ComputeTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guests left on hosts that were down: a server deleted while its host is down is deleted at once (Nova's local
 * delete) and its host, once back, destroys the guest; a server evacuated away and then deleted before its source
 * came back has its guest destroyed there too; and a second evacuation settled before the first one's source came
 * back leaves each claim returned once, the live one with the server.
 */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class DownHostGuestsApiTest extends ServerApiTestBase {

    private DownHosts hosts;

    @BeforeEach
    void downHosts() {
        hosts = new DownHosts(keys, messaging, fixture);
    }

    private long releasesOf(String consumer) {
        return stub.releases.stream().filter(r -> r.instanceIds().contains(consumer)).count();
    }

    private long commitsOf(String migrationId) {
        return stub.commits.stream().filter(c -> c.migrationId().equals(migrationId)).count();
    }

    /** What the source, once back, answers a destroy of an evacuated guest with. */
    private void completed(String id, String host, String migrationId) {
        InstanceStateReport none = new InstanceStateReport(id, host, host, null, null, false, null, null, null,
                null, fixture.nextSequence(), Instant.now());
        messaging.cast(ComputeTopics.CONDUCTOR, MoveReport.TYPE,
                new MoveReport(none, migrationId, MoveReport.COMPLETED, null)).join();
    }

    /** Evacuates {@code id} to {@code dest} (named, forced) and lands it there: the evacuation is {@code done}. */
    private InstanceMove evacuateTo(String id, String dest) {
        Response started = hosts.evacuate("2.29", id, "{\"host\": \"" + dest + "\", \"force\": true}");
        started.then().statusCode(200);
        InstanceMove move = stub.awaitMoveRequest(started.header("x-openstack-request-id")).move();
        fixture.moveReport(id, move.migrationId(), MoveReport.DONE, "active", null, dest, null, null);
        hosts.awaitMigration(id, move.migrationId(), "done");
        SchedulerStub.await(() -> dest.equals(as(keys.admin(), "2.1").get("/v2.1/servers/" + id).then().extract()
                .path("server.OS-EXT-SRV-ATTR:host")) ? Boolean.TRUE : null, "server on " + dest);
        return move;
    }

    @Test
    void aServerDeletedWhileItsHostIsDownGoesAtOnceAndItsGuestOnceTheHostIsBack() throws Exception {
        String eve = keys.member("eve", "p-down-1");
        String host = hosts.host("down-del");
        List<DestroyEvacuated> destroys = hosts.destroysOn(host);
        List<DeleteInstance> deletes = new CopyOnWriteArrayList<>();
        messaging.subscribe(ComputeTopics.computeHost(host), DeleteInstance.TYPE, (m, c) -> {
            deletes.add(m);
            return CompletableFuture.completedFuture(null);
        });
        String id = hosts.serverOn(eve, "left-behind", host);
        // A first delete goes to the host, which goes down before it answers.
        String firstDelete = as(eve, "2.1").delete("/v2.1/servers/" + id).then().statusCode(204).extract()
                .header("x-openstack-request-id");
        SchedulerStub.await(() -> deletes.isEmpty() ? null : Boolean.TRUE, "the delete sent to the host");
        as(eve, "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-STS:task_state", equalTo("deleting"));
        hosts.forceDown(host);

        as(eve, "2.1").delete("/v2.1/servers/" + id).then().statusCode(204);
        as(eve, "2.1").get("/v2.1/servers/" + id).then().statusCode(404);
        stub.awaitRelease(id);
        DestroyEvacuated destroy = SchedulerStub.await(() -> destroys.stream().findFirst().orElse(null),
                "the destroy waiting for the host");
        assertEquals(id, destroy.instanceId());
        assertEquals(DestroyEvacuated.DELETED, destroy.reason());
        assertNull(destroy.migrationId());
        assertEquals(1, deletes.size(), "the second delete does not wait for the host");

        // The host, back, works through the first delete (its start, then deleted) and the destroy (deleted): the
        // server stays deleted, its claim is not returned again, and no further delete is asked of the host.
        fixture.report(id, null, null, false, null, host, new ActionEvent(firstDelete, "compute_terminate_instance",
                Instant.now(), null, null, host, null), null);
        fixture.report(id, "deleted", null, true, 0, host, null, null);
        fixture.report(id, "deleted", null, true, 0, host, null, null);
        Thread.sleep(500);
        as(keys.admin(), "2.1").get("/v2.1/servers/" + id).then().statusCode(404);
        assertEquals(1, releasesOf(id), "the claim went back once");
        assertEquals(1, deletes.size(), "a delete's own start does not ask for another delete");
        // A guest of it that still runs there (its power state reported) is destroyed.
        fixture.report(id, null, null, false, 1, host, null, null);
        SchedulerStub.await(() -> deletes.size() == 2 ? Boolean.TRUE : null, "the delete of a guest still running");
    }

    @Test
    void aServerEvacuatedAndDeletedBeforeItsSourceCameBackHasItsSourceGuestDestroyed() throws Exception {
        String fay = keys.member("fay", "p-down-2");
        String source = hosts.host("down-src");
        String dest = hosts.host("down-dst");
        List<DestroyEvacuated> destroys = hosts.destroysOn(source);
        String id = hosts.serverOn(fay, "evacuated-then-deleted", source);
        hosts.forceDown(source);
        InstanceMove move = evacuateTo(id, dest);

        // Deleted on its new host (up), whose report finishes the delete.
        as(fay, "2.1").delete("/v2.1/servers/" + id).then().statusCode(204);
        fixture.report(id, "deleted", null, true, 0, dest, null, null);
        stub.awaitRelease(id);
        stub.awaitRelease(move.migrationId());
        as(fay, "2.1").get("/v2.1/servers/" + id).then().statusCode(404);
        assertEquals("done", hosts.migrationStatus(id, move.migrationId()), "the source has yet to clean up");

        hosts.restarted(source);
        DestroyEvacuated destroy = SchedulerStub.await(() -> destroys.stream().findFirst().orElse(null),
                "the destroy on the source");
        assertEquals(id, destroy.instanceId());
        assertEquals(move.migrationId(), destroy.migrationId());
        assertEquals(DestroyEvacuated.EVACUATED, destroy.reason());
        completed(id, source, move.migrationId());
        hosts.awaitMigration(id, move.migrationId(), "completed");
        Thread.sleep(300);
        assertEquals(0, commitsOf(move.migrationId()), "the delete returned every claim; nothing to commit");
        assertEquals(1, releasesOf(id));
        assertEquals(1, releasesOf(move.migrationId()));
        int before = destroys.size();
        hosts.restarted(source);
        Thread.sleep(300);
        assertEquals(before, destroys.size(), "a completed evacuation is not cleaned up again");
    }

    @Test
    void aSecondEvacuationSettledFirstLeavesTheFirstSourcesCompletedNothingToCommit() throws Exception {
        String gus = keys.member("gus", "p-down-3");
        String first = hosts.host("down-a");
        String second = hosts.host("down-b");
        String third = hosts.host("down-c");
        List<DestroyEvacuated> onFirst = hosts.destroysOn(first);
        List<DestroyEvacuated> onSecond = hosts.destroysOn(second);
        String id = hosts.serverOn(gus, "evacuated-twice", first);
        hosts.forceDown(first);
        InstanceMove away = evacuateTo(id, second);
        hosts.forceDown(second);
        InstanceMove again = evacuateTo(id, third);
        assertEquals(0, commitsOf(away.migrationId()) + commitsOf(again.migrationId()), "both sources may keep guests");

        // The second source comes back first: the server's claim moves to the third host, the second's goes back.
        hosts.restarted(second);
        DestroyEvacuated onB = SchedulerStub.await(() -> onSecond.stream().findFirst().orElse(null), "destroy on B");
        assertEquals(again.migrationId(), onB.migrationId());
        completed(id, second, again.migrationId());
        stub.awaitCommit(again.migrationId());
        stub.awaitRelease(away.migrationId());
        hosts.awaitMigration(id, again.migrationId(), "completed");
        assertEquals("done", hosts.migrationStatus(id, away.migrationId()), "the first source still keeps a guest");

        // The first source comes back: its guest goes, and its completed settles nothing more.
        hosts.restarted(first);
        DestroyEvacuated onA = SchedulerStub.await(() -> onFirst.stream().findFirst().orElse(null), "destroy on A");
        assertEquals(away.migrationId(), onA.migrationId());
        completed(id, first, away.migrationId());
        hosts.awaitMigration(id, away.migrationId(), "completed");
        Thread.sleep(300);
        assertEquals(0, commitsOf(away.migrationId()), "the live claim (on the third host) is not taken back");
        assertEquals(1, releasesOf(away.migrationId()), "the second host's claim went back once");
        assertEquals(0, releasesOf(id), "the server keeps its claim");
        as(keys.admin(), "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-SRV-ATTR:host", equalTo(third))
                .body("server.status", equalTo("ACTIVE"));
    }
}
