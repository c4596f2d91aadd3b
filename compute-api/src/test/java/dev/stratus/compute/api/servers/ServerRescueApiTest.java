package dev.stratus.compute.api.servers;

import static dev.stratus.compute.api.servers.ServerFixture.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.ActionEvent;
import dev.stratus.common.compute.InstanceAction;
import dev.stratus.common.compute.RescueInstance;
import dev.stratus.compute.api.ComputeTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The {@code rescue} and {@code unrescue} actions: what they send to the host, and what they refuse. */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class ServerRescueApiTest extends ServerApiTestBase {

    private Response action(String token, String id, String body) {
        return as(token, "2.1").body(body).post("/v2.1/servers/" + id + "/action");
    }

    private void event(String id, String requestId, String name, String vmState, int power) {
        fixture.report(id, vmState, null, true, power, SchedulerStub.HOST, new ActionEvent(requestId, name,
                Instant.now().minusMillis(40), Instant.now(), "Success", SchedulerStub.HOST, null), null);
    }

    @Test
    void rescueBootsTheRescueImageAndUnrescueTheServersOwnDisk() {
        String eve = keys.member("eve", "p-rescue");
        String id = fixture.activeServer(eve, "broken-boot");

        Response rescued = action(eve, id, "{\"rescue\": {\"adminPass\": \"rescuePassw0rd\", \"rescue_image_ref\": \""
                + TestImages.ALT + "\"}}");
        rescued.then().statusCode(200).body("adminPass", equalTo("rescuePassw0rd"));
        String requestId = rescued.header("x-openstack-request-id");
        RescueInstance sent = stub.awaitRescue(requestId);
        assertEquals(id, sent.instance().instanceId());
        assertEquals(TestImages.ALT, sent.instance().image().id());
        assertEquals("rescuePassw0rd", sent.instance().adminPass());
        as(eve, "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-STS:task_state", equalTo("rescuing"))
                .body("server.image.id", equalTo(TestImages.ACTIVE));
        event(id, requestId, "compute_rescue_instance", "rescued", 1);
        fixture.awaitStatus(eve, id, "RESCUE");

        // A rescued server is repaired, then unrescued: reboot and rebuild wait.
        action(eve, id, "{\"reboot\": {\"type\": \"HARD\"}}").then().statusCode(409);
        action(eve, id, "{\"rebuild\": {\"imageRef\": \"" + TestImages.ACTIVE + "\"}}").then().statusCode(409);
        action(eve, id, "{\"rescue\": null}").then().statusCode(409);

        Response unrescued = action(eve, id, "{\"unrescue\": null}");
        unrescued.then().statusCode(202);
        InstanceAction back = stub.awaitAction(id, a -> a.action() == InstanceAction.Kind.UNRESCUE);
        assertEquals(unrescued.header("x-openstack-request-id"), back.actionRequestId());
        event(id, back.actionRequestId(), "compute_unrescue_instance", "active", 1);
        fixture.awaitStatus(eve, id, "ACTIVE");
        as(eve, "2.1").get("/v2.1/servers/" + id + "/os-instance-actions").then()
                .body("instanceActions.action", hasItem("rescue")).body("instanceActions.action", hasItem("unrescue"));
    }

    @Test
    void withoutArgumentsTheServersOwnImageIsUsedAndAPasswordGenerated() {
        String fay = keys.member("fay", "p-rescue-2");
        String id = fixture.activeServer(fay, "plain");
        Response rescued = action(fay, id, "{\"rescue\": null}");
        rescued.then().statusCode(200);
        String password = rescued.path("adminPass");
        assertTrue(password != null && password.length() >= 8, password);
        RescueInstance sent = stub.awaitRescue(rescued.header("x-openstack-request-id"));
        assertEquals(TestImages.ACTIVE, sent.instance().image().id());
        assertEquals(password, sent.instance().adminPass());
    }

    @Test
    void badRescuesAreRefusedAndSendNothing() {
        String gus = keys.member("gus", "p-rescue-3");
        String id = fixture.activeServer(gus, "keep");
        action(gus, id, "{\"unrescue\": null}").then().statusCode(409)
                .body("conflictingRequest.message", containsString("vm_state active"));
        action(gus, id, "{\"rescue\": {\"rescue_image_ref\": \"not-a-uuid\"}}").then().statusCode(400);
        action(gus, id, "{\"rescue\": {\"bogus\": 1}}").then().statusCode(400);
        action(gus, id, "{\"rescue\": {\"rescue_image_ref\": \"" + TestImages.QUEUED + "\"}}").then().statusCode(400);
        action(gus, id, "{\"rescue\": {\"rescue_image_ref\": \"" + java.util.UUID.randomUUID() + "\"}}").then()
                .statusCode(400);
        fixture.report(id, "paused", null, true, 3, SchedulerStub.HOST, null, null);
        fixture.awaitStatus(gus, id, "PAUSED");
        action(gus, id, "{\"rescue\": null}").then().statusCode(409);
        action(keys.member("hal", "p-other"), id, "{\"rescue\": null}").then().statusCode(404);
        action(gus, java.util.UUID.randomUUID().toString(), "{\"rescue\": null}").then().statusCode(404);
        assertFalse(stub.rescues.stream().anyMatch(r -> r.instance().instanceId().equals(id)), "nothing was sent");
        as(gus, "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-STS:task_state",
                org.hamcrest.Matchers.nullValue());
    }

    /**
     * Tempest's ServerStableDeviceRescueTest: the rescue image's {@code hw_rescue_device} and {@code hw_rescue_bus}
     * reach the host, which makes the stable device rescue; the microversion does not matter for a server booted
     * from an image (2.87 only lets volume-backed servers be rescued so).
     */
    @Test
    void aStableDeviceRescueImageReachesTheHostAtAnyMicroversion() {
        String ida = keys.member("ida", "p-rescue-4");
        String id = fixture.activeServer(ida, "stable");
        for (String version : java.util.List.of("2.1", "2.87", "2.93")) {
            Response rescued = as(ida, version).body("{\"rescue\": {\"rescue_image_ref\": \""
                    + TestImages.STABLE_RESCUE + "\"}}").post("/v2.1/servers/" + id + "/action");
            rescued.then().statusCode(200).body("adminPass", org.hamcrest.Matchers.notNullValue());
            String requestId = rescued.header("x-openstack-request-id");
            RescueInstance sent = stub.awaitRescue(requestId);
            assertEquals(TestImages.STABLE_RESCUE, sent.instance().image().id(), version);
            assertEquals("cdrom", sent.instance().image().property("hw_rescue_device"), version);
            assertEquals("ide", sent.instance().image().property("hw_rescue_bus"), version);
            event(id, requestId, "compute_rescue_instance", "rescued", 1);
            fixture.awaitStatus(ida, id, "RESCUE");

            Response unrescued = as(ida, version).body("{\"unrescue\": null}").post("/v2.1/servers/" + id + "/action");
            unrescued.then().statusCode(202);
            InstanceAction back = stub.awaitAction(id, a -> a.action() == InstanceAction.Kind.UNRESCUE
                    && a.actionRequestId().equals(unrescued.header("x-openstack-request-id")));
            event(id, back.actionRequestId(), "compute_unrescue_instance", "active", 1);
            fixture.awaitStatus(ida, id, "ACTIVE");
        }
    }

    /** A value outside Nova's image property types is the 400 of an unusable rescue image; nothing is sent. */
    @Test
    void aRescueBusOutsideNovasTypesIsRefused() {
        String jon = keys.member("jon", "p-rescue-5");
        String id = fixture.activeServer(jon, "odd-bus");
        as(jon, "2.87").body("{\"rescue\": {\"rescue_image_ref\": \"" + TestImages.BAD_RESCUE_BUS + "\"}}")
                .post("/v2.1/servers/" + id + "/action").then().statusCode(400)
                .body("badRequest.message", containsString("Requested rescue image '" + TestImages.BAD_RESCUE_BUS
                        + "' is not supported"))
                .body("badRequest.message", containsString("hw_rescue_bus 'nvme'"));
        assertFalse(stub.rescues.stream().anyMatch(r -> r.instance().instanceId().equals(id)), "nothing was sent");
        as(jon, "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-STS:task_state",
                org.hamcrest.Matchers.nullValue()).body("server.status", equalTo("ACTIVE"));
    }
}
