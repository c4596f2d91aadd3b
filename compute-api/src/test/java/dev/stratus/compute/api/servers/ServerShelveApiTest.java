package dev.stratus.compute.api.servers;

import static dev.stratus.compute.api.servers.ServerFixture.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.ScheduleInstances;
import dev.stratus.common.compute.ShelveInstance;
import dev.stratus.compute.api.ComputeTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * {@code shelve}, {@code unshelve} and {@code shelveOffload}: the shelved image, what goes to the host and the
 * scheduler, the states the host's reports lead to, the image's end, and what is refused.
 */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class ServerShelveApiTest extends ServerApiTestBase {

    private Response action(String token, String id, String body) {
        return as(token, "2.1").body(body).post("/v2.1/servers/" + id + "/action");
    }

    /** Shelved and offloaded as a host reports it; returns the shelved image's id. */
    private String shelved(String token, String id, String name) {
        Response shelve = action(token, id, "{\"shelve\": {}}");
        shelve.then().statusCode(202);
        ShelveInstance sent = stub.awaitShelve(shelve.header("x-openstack-request-id"));
        assertEquals(id, sent.instanceId());
        assertTrue(sent.offload(), "offloaded at once, as Nova's shelved_offload_time = 0");
        assertEquals(name + "-shelved", TestImageService.IMAGES.get(sent.imageId()).path("name").asText());
        as(token, "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-STS:task_state", equalTo("shelving"));
        fixture.report(id, "shelved", "shelving_offloading", false, 4, SchedulerStub.HOST, null, null);
        fixture.awaitStatus(token, id, "SHELVED");
        fixture.report(id, "shelved_offloaded", null, true, 0, "", null, null);
        fixture.awaitStatus(token, id, "SHELVED_OFFLOADED");
        stub.awaitReturn(id);
        return sent.imageId();
    }

    @Test
    void aShelvedServerLeavesItsHostAndComesBackFromItsImage() {
        String ivy = keys.member("ivy", "p-shelve-1");
        String id = fixture.activeServer(ivy, "sleeper");
        String image = shelved(ivy, id, "sleeper");
        as(keys.admin(), "2.1").get("/v2.1/servers/" + id).then()
                .body("server.OS-EXT-SRV-ATTR:host", nullValue())
                .body("server.image.id", equalTo(TestImages.ACTIVE));
        as(ivy, "2.1").get("/v2.1/limits").then().body("limits.absolute.totalInstancesUsed", equalTo(1));

        action(ivy, id, "{\"shelve\": null}").then().statusCode(409);
        TestImageService.IMAGES.get(image).put("status", "active");
        Response unshelved = action(ivy, id, "{\"unshelve\": null}");
        unshelved.then().statusCode(202);
        ScheduleInstances request = SchedulerStub.await(() -> stub.schedules.stream()
                .filter(s -> s.instances().get(0).instanceId().equals(id) && s.spec().image().id().equals(image))
                .findFirst().orElse(null), "the unshelve's build request");
        assertEquals(image, request.instances().get(0).image().id(), "the server boots its shelved disk");
        as(ivy, "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-STS:task_state", equalTo("unshelving"));

        fixture.report(id, "building", "spawning", false, 0, SchedulerStub.HOST, null, null);
        assertTrue(TestImageService.exists(image), "the image stays while the server boots");
        fixture.report(id, "active", null, true, 1, SchedulerStub.HOST, null, null);
        fixture.awaitStatus(ivy, id, "ACTIVE");
        SchedulerStub.await(() -> TestImageService.exists(image) ? null : Boolean.TRUE, "the shelved image deleted");
        as(ivy, "2.1").get("/v2.1/servers/" + id).then().body("server.image.id", equalTo(TestImages.ACTIVE));
        as(ivy, "2.1").get("/v2.1/servers/" + id + "/os-instance-actions").then()
                .body("instanceActions.action", hasItems("shelve", "unshelve"));
    }

    @Test
    void deletingAnOffloadedServerDeletesItsImage() {
        String jon = keys.member("jon", "p-shelve-2");
        String id = fixture.activeServer(jon, "gone-sleeping");
        String image = shelved(jon, id, "gone-sleeping");
        as(jon, "2.1").delete("/v2.1/servers/" + id).then().statusCode(204);
        as(jon, "2.1").get("/v2.1/servers/" + id).then().statusCode(404);
        SchedulerStub.await(() -> TestImageService.exists(image) ? null : Boolean.TRUE, "the shelved image deleted");
    }

    @Test
    void badShelvesAreRefused() {
        String kim = keys.member("kim", "p-shelve-3");
        String id = fixture.activeServer(kim, "awake");
        action(kim, id, "{\"unshelve\": null}").then().statusCode(409)
                .body("conflictingRequest.message", containsString("vm_state active"));
        action(kim, id, "{\"shelveOffload\": null}").then().statusCode(403);
        action(keys.admin(), id, "{\"shelveOffload\": null}").then().statusCode(409);
        as(kim, "2.77").body("{\"unshelve\": {\"bogus\": \"nova\"}}")
                .post("/v2.1/servers/" + id + "/action").then().statusCode(400);
        as(kim, "2.77").body("{\"unshelve\": \"nova\"}").post("/v2.1/servers/" + id + "/action").then()
                .statusCode(400);
        action(kim, java.util.UUID.randomUUID().toString(), "{\"shelve\": null}").then().statusCode(404);
        action(keys.member("lea", "p-other"), id, "{\"shelve\": null}").then().statusCode(404);
        assertFalse(stub.shelves.stream().anyMatch(s -> s.instanceId().equals(id)), "nothing was sent");
        as(kim, "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-STS:task_state", nullValue());
    }

    /**
     * Microversion 2.91: an admin unshelves to a named compute host, which the scheduler must pick (the server
     * group's policy still applies), in the zone asked for; a zone or host needs the server SHELVED_OFFLOADED.
     */
    @Test
    void anAdminUnshelvesToANamedHost() {
        String max = keys.member("max", "p-shelve-4");
        String id = fixture.activeServer(max, "wanderer");
        String image = shelved(max, id, "wanderer");
        TestImageService.IMAGES.get(image).put("status", "active");
        String host = "unshelve-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        fixture.computeHost(host, keys.admin());

        as(max, "2.91").body("{\"unshelve\": {\"host\": \"" + host + "\"}}").post("/v2.1/servers/" + id + "/action")
                .then().statusCode(403);
        as(keys.admin(), "2.91").body("{\"unshelve\": {\"host\": \"nowhere-at-all\"}}")
                .post("/v2.1/servers/" + id + "/action").then().statusCode(400)
                .body("badRequest.message", equalTo("Compute host nowhere-at-all could not be found."));
        as(keys.admin(), "2.91").body("{\"unshelve\": {\"availability_zone\": \"atlantis\"}}")
                .post("/v2.1/servers/" + id + "/action").then().statusCode(400)
                .body("badRequest.message", containsString("not available"));
        as(keys.admin(), "2.90").body("{\"unshelve\": {\"host\": \"" + host + "\"}}")
                .post("/v2.1/servers/" + id + "/action").then().statusCode(400);
        as(keys.admin(), "2.91").body("{\"unshelve\": {}}").post("/v2.1/servers/" + id + "/action").then()
                .statusCode(202);
        ScheduleInstances anywhere = SchedulerStub.await(() -> stub.schedules.stream()
                .filter(s -> s.instances().get(0).instanceId().equals(id)).findFirst().orElse(null), "unshelve");
        assertEquals(null, anywhere.spec().hints().forcedHost(), "no host named, the scheduler chooses");
        fixture.report(id, "shelved_offloaded", null, true, 0, "", null, null);
        stub.schedules.clear();

        Response toHost = as(keys.admin(), "2.91").body("{\"unshelve\": {\"availability_zone\": null, \"host\": \""
                + host + "\"}}").post("/v2.1/servers/" + id + "/action");
        toHost.then().statusCode(202);
        ScheduleInstances request = SchedulerStub.await(() -> stub.schedules.stream()
                .filter(s -> s.instances().get(0).instanceId().equals(id)).findFirst().orElse(null),
                "the unshelve to " + host);
        assertEquals(host, request.spec().hints().forcedHost());
        assertEquals(null, request.spec().availabilityZone(), "unpinned");
        as(keys.admin(), "2.91").get("/v2.1/servers/" + id).then()
                .body("server.OS-EXT-AZ:availability_zone", equalTo("nova"));
    }

    @Test
    void aZoneOrHostNeedsAnOffloadedServer() {
        String ned = keys.member("ned", "p-shelve-5");
        String id = fixture.activeServer(ned, "half-asleep");
        Response shelve = action(ned, id, "{\"shelve\": {}}");
        shelve.then().statusCode(202);
        stub.awaitShelve(shelve.header("x-openstack-request-id"));
        fixture.report(id, "shelved", null, true, 4, SchedulerStub.HOST, null, null);
        fixture.awaitStatus(ned, id, "SHELVED");
        as(keys.admin(), "2.91").body("{\"unshelve\": {\"availability_zone\": \"nova\"}}")
                .post("/v2.1/servers/" + id + "/action").then().statusCode(409)
                .body("conflictingRequest.message", containsString("must be SHELVED_OFFLOADED"));
    }
}
