package dev.stratus.compute.api.servers;

import static dev.stratus.compute.api.servers.ServerFixture.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.ScheduleInstances;
import dev.stratus.common.compute.ScheduleMove;
import dev.stratus.common.compute.ShelveInstance;
import dev.stratus.compute.api.ComputeTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Availability-zone pinning, as Nova keeps {@code RequestSpec.availability_zone}: a server created in a zone is moved
 * (resize, cold and live migration) and unshelved only within it; an unshelve naming a zone pins the server anew;
 * a server created without a zone may go anywhere; an admin's forced live-migration host bypasses the filters.
 */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class ZonePinningApiTest extends ServerApiTestBase {

    /** A zone of its own (an aggregate with that zone), holding {@code hosts}. */
    private String zone(String... hosts) {
        String name = "zone-" + UUID.randomUUID().toString().substring(0, 8);
        int aggregate = as(keys.admin(), "2.1").body("{\"aggregate\": {\"name\": \"agg-" + name
                + "\", \"availability_zone\": \"" + name + "\"}}").post("/v2.1/os-aggregates").then().statusCode(200)
                .extract().path("aggregate.id");
        for (String host : hosts) {
            fixture.computeHost(host, keys.admin());
            as(keys.admin(), "2.1").body("{\"add_host\": {\"host\": \"" + host + "\"}}")
                    .post("/v2.1/os-aggregates/" + aggregate + "/action").then().statusCode(200);
        }
        return name;
    }

    private static String host() {
        return "zoned-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A server asked into {@code zone} (null: none), built on the stub's host and ACTIVE. */
    private String activeServerIn(String token, String name, String zone) {
        String extra = "\"networks\": \"none\"" + (zone == null ? "" : ", \"availability_zone\": \"" + zone + "\"");
        String id = as(token, "2.37").body(ServerFixture.body(name, TestImages.ACTIVE, extra)).post("/v2.1/servers")
                .then().statusCode(202).extract().path("server.id");
        ScheduleInstances build = stub.awaitSchedule(id);
        assertEquals(zone, build.spec().availabilityZone());
        fixture.report(id, "building", "spawning", false, 0, SchedulerStub.HOST, null, null);
        fixture.report(id, "active", null, true, 1, SchedulerStub.HOST, null, null);
        fixture.awaitStatus(token, id, "ACTIVE");
        return id;
    }

    private ScheduleMove move(String token, String version, String id, String action) {
        Response sent = as(token, version).body(action).post("/v2.1/servers/" + id + "/action");
        sent.then().statusCode(202);
        return stub.awaitMoveRequest(sent.header("x-openstack-request-id"));
    }

    /** The move found no destination: the server is back as it was, ready for the next one. */
    private void noDestination(String id, ScheduleMove request) {
        fixture.moveReport(id, request.move().migrationId(), "error", null, null, SchedulerStub.HOST, null, null);
        fixture.awaitStatus(keys.admin(), id, "ACTIVE");
        SchedulerStub.await(() -> as(keys.admin(), "2.1").get("/v2.1/servers/" + id).then().extract()
                .path("server.OS-EXT-STS:task_state") == null ? Boolean.TRUE : null, "no task on " + id);
    }

    @Test
    void everyMoveOfAServerCreatedInAZoneStaysInIt() {
        String ann = keys.member("ann", "p-zone-1");
        String zone = zone();
        String id = activeServerIn(ann, "pinned", zone);

        ScheduleMove resize = move(ann, "2.1", id, "{\"resize\": {\"flavorRef\": \"2\"}}");
        assertEquals(zone, resize.spec().availabilityZone(), "a resize stays in the zone");
        noDestination(id, resize);

        ScheduleMove migrate = move(keys.admin(), "2.1", id, "{\"migrate\": null}");
        assertEquals(zone, migrate.spec().availabilityZone(), "a cold migration stays in the zone");
        noDestination(id, migrate);

        String elsewhere = host();
        fixture.computeHost(elsewhere, keys.admin());
        ScheduleMove toHost = move(keys.admin(), "2.56", id, "{\"migrate\": {\"host\": \"" + elsewhere + "\"}}");
        assertEquals(elsewhere, toHost.spec().hints().forcedHost());
        assertEquals(zone, toHost.spec().availabilityZone(), "a named host is checked against the zone too");
        assertFalse(toHost.forced(), "a cold migration's host is never forced");
        noDestination(id, toHost);

        ScheduleMove live = move(keys.admin(), "2.68", id, "{\"os-migrateLive\": {\"host\": null,"
                + " \"block_migration\": \"auto\"}}");
        assertEquals(zone, live.spec().availabilityZone(), "a live migration stays in the zone");
        assertFalse(live.forced());
        noDestination(id, live);

        ScheduleMove liveToHost = move(keys.admin(), "2.68", id, "{\"os-migrateLive\": {\"host\": \"" + elsewhere
                + "\", \"block_migration\": \"auto\"}}");
        assertEquals(zone, liveToHost.spec().availabilityZone());
        assertFalse(liveToHost.forced(), "from 2.68 a named host is checked by the scheduler");
        noDestination(id, liveToHost);

        ScheduleMove unforced = move(keys.admin(), "2.30", id, "{\"os-migrateLive\": {\"host\": \"" + elsewhere
                + "\", \"block_migration\": \"auto\", \"force\": false}}");
        assertFalse(unforced.forced(), "2.30 without force: the scheduler checks the host");
        noDestination(id, unforced);
    }

    @Test
    void aForcedLiveMigrationHostBypassesTheFilters() {
        String bo = keys.member("bo", "p-zone-2");
        String zone = zone();
        String id = activeServerIn(bo, "forced", zone);
        String elsewhere = host();
        fixture.computeHost(elsewhere, keys.admin());

        ScheduleMove forced = move(keys.admin(), "2.30", id, "{\"os-migrateLive\": {\"host\": \"" + elsewhere
                + "\", \"block_migration\": \"auto\", \"force\": true}}");
        assertTrue(forced.forced(), "force: true names a forced host");
        assertEquals(elsewhere, forced.spec().hints().forcedHost());
        noDestination(id, forced);

        ScheduleMove old = move(keys.admin(), "2.25", id, "{\"os-migrateLive\": {\"host\": \"" + elsewhere
                + "\", \"block_migration\": false}}");
        assertTrue(old.forced(), "below 2.30 a named host is forced, as in Nova");
        noDestination(id, old);
    }

    @Test
    void aServerIsInTheZoneOfTheHostItLandsOnWithoutBeingPinnedToIt() {
        String dee = keys.member("dee", "p-zone-6");
        String first = host();
        String second = host();
        String firstZone = zone(first);
        String secondZone = zone(second);
        String id = as(dee, "2.37").body(ServerFixture.body("lands", TestImages.ACTIVE, "\"networks\": \"none\""))
                .post("/v2.1/servers").then().statusCode(202).extract().path("server.id");
        stub.awaitSchedule(id);
        fixture.report(id, "building", "spawning", false, 0, first, null, null);
        fixture.report(id, "active", null, true, 1, first, null, null);
        fixture.awaitStatus(dee, id, "ACTIVE");
        as(dee, "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-AZ:availability_zone",
                equalTo(firstZone));
        as(dee, "2.1").get("/v2.1/servers/detail?availability_zone=" + firstZone).then()
                .body("servers.id", org.hamcrest.Matchers.hasItem(id));

        ScheduleMove migrate = move(keys.admin(), "2.1", id, "{\"migrate\": null}");
        assertNull(migrate.spec().availabilityZone(), "the zone it landed in is no pin");
        String migration = migrate.move().migrationId();
        fixture.moveReport(id, migration, "migrating", null, "resize_migrating", first, null, null);
        fixture.moveReport(id, migration, "finished", "resized", null, second, migrate.move().instance().flavor(),
                null);
        fixture.awaitStatus(dee, id, "VERIFY_RESIZE");
        as(dee, "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-AZ:availability_zone",
                equalTo(secondZone));
    }

    @Test
    void aServerCreatedWithoutAZoneGoesAnywhere() {
        String cy = keys.member("cy", "p-zone-3");
        String id = activeServerIn(cy, "free", null);
        as(cy, "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-AZ:availability_zone", equalTo("nova"));
        ScheduleMove resize = move(cy, "2.1", id, "{\"resize\": {\"flavorRef\": \"2\"}}");
        assertNull(resize.spec().availabilityZone(), "the default zone shown is no pin");
        noDestination(id, resize);
        ScheduleMove live = move(keys.admin(), "2.68", id, "{\"os-migrateLive\": {\"host\": null,"
                + " \"block_migration\": \"auto\"}}");
        assertNull(live.spec().availabilityZone());
    }

    /** Shelved and offloaded as a host reports it, the shelved image active. */
    private void offloaded(String token, String id) {
        Response shelve = as(token, "2.1").body("{\"shelve\": null}").post("/v2.1/servers/" + id + "/action");
        shelve.then().statusCode(202);
        ShelveInstance sent = stub.awaitShelve(shelve.header("x-openstack-request-id"));
        fixture.report(id, "shelved_offloaded", null, true, 0, "", null, null);
        fixture.awaitStatus(token, id, "SHELVED_OFFLOADED");
        TestImageService.IMAGES.get(sent.imageId()).put("status", "active");
    }

    private ScheduleInstances unshelve(String token, String version, String id, String body) {
        stub.schedules.removeIf(s -> s.instances().get(0).instanceId().equals(id));
        as(token, version).body("{\"unshelve\": " + body + "}").post("/v2.1/servers/" + id + "/action").then()
                .statusCode(202);
        return SchedulerStub.await(() -> stub.schedules.stream()
                .filter(s -> s.instances().get(0).instanceId().equals(id)).findFirst().orElse(null), "unshelve");
    }

    /** Back on the stub's host, ACTIVE. */
    private void unshelved(String token, String id) {
        fixture.report(id, "active", null, true, 1, SchedulerStub.HOST, null, null);
        fixture.awaitStatus(token, id, "ACTIVE");
    }

    @Test
    void anUnshelveStaysInTheZoneOrRepinsTheServerToTheOneItNames() {
        String dee = keys.member("dee", "p-zone-4");
        String inOther = host();
        String zone = zone();
        String other = zone(inOther);
        String id = activeServerIn(dee, "sleeper", zone);

        offloaded(dee, id);
        assertEquals(zone, unshelve(dee, "2.1", id, "null").spec().availabilityZone(),
                "an unshelve without a zone stays in the server's");
        unshelved(dee, id);

        offloaded(dee, id);
        as(keys.admin(), "2.91").body("{\"unshelve\": {\"host\": \"" + inOther + "\"}}")
                .post("/v2.1/servers/" + id + "/action").then().statusCode(409)
                .body("conflictingRequest.message", containsString("is not in the availability zone"));
        ScheduleInstances repinned = unshelve(dee, "2.77", id, "{\"availability_zone\": \"" + other + "\"}");
        assertEquals(other, repinned.spec().availabilityZone());
        as(dee, "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-AZ:availability_zone", equalTo(other));
        unshelved(dee, id);
        ScheduleMove migrate = move(keys.admin(), "2.1", id, "{\"migrate\": null}");
        assertEquals(other, migrate.spec().availabilityZone(), "the new zone pins the server's later moves");
        noDestination(id, migrate);

        offloaded(dee, id);
        ScheduleInstances unpinned = unshelve(keys.admin(), "2.91", id, "{\"availability_zone\": null}");
        assertNull(unpinned.spec().availabilityZone(), "2.91's null zone unpins the server");
        unshelved(dee, id);
        ScheduleMove anywhere = move(dee, "2.1", id, "{\"resize\": {\"flavorRef\": \"2\"}}");
        assertNull(anywhere.spec().availabilityZone());
    }
}
