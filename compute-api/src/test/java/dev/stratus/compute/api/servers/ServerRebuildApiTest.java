package dev.stratus.compute.api.servers;

import static dev.stratus.compute.api.servers.ServerFixture.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.ActionEvent;
import dev.stratus.common.compute.CheckRebuildHost;
import dev.stratus.common.compute.RebuildInstance;
import dev.stratus.compute.api.ComputeTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code rebuild} action: what it changes, what it sends to the server's host, and what it refuses. */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class ServerRebuildApiTest extends ServerApiTestBase {

    private Response rebuild(String token, String version, String id, String args) {
        return as(token, version).body("{\"rebuild\": {" + args + "}}").post("/v2.1/servers/" + id + "/action");
    }

    private void finish(String id, RebuildInstance sent, String vmState, int power) {
        fixture.report(id, vmState, null, true, power, SchedulerStub.HOST, new ActionEvent(sent.actionRequestId(),
                "compute_rebuild_instance", Instant.now().minusMillis(40), Instant.now(), "Success",
                SchedulerStub.HOST, null), null);
    }

    @Test
    void rebuildReimagesTheServerOnItsHostAndKeepsItsId() {
        String ann = keys.member("ann", "p-rebuild");
        String id = fixture.activeServer(ann, "before");
        as(ann, "2.1").body("{\"metadata\": {\"old\": \"gone\"}}").post("/v2.1/servers/" + id + "/metadata")
                .then().statusCode(200);

        Response answer = rebuild(ann, "2.1", id, "\"imageRef\": \"" + TestImages.ALT + "\", \"name\": \"after\","
                + " \"metadata\": {\"rebuild\": \"server\"}, \"adminPass\": \"rebuildPassw0rd\","
                + " \"accessIPv4\": \"10.0.0.9\", \"OS-DCF:diskConfig\": \"AUTO\"");
        answer.then().statusCode(202)
                .body("server.id", equalTo(id))
                .body("server.name", equalTo("after"))
                .body("server.status", equalTo("REBUILD"))
                .body("server.image.id", equalTo(TestImages.ALT))
                .body("server.flavor.id", equalTo("1"))
                .body("server.metadata", equalTo(Map.of("rebuild", "server")))
                .body("server.adminPass", equalTo("rebuildPassw0rd"))
                .body("server.accessIPv4", equalTo("10.0.0.9"))
                .body("server.OS-DCF:diskConfig", equalTo("AUTO"))
                .body("server", not(hasKey("key_name")))
                .body("server", not(hasKey("OS-EXT-STS:vm_state")));

        RebuildInstance sent = stub.awaitRebuild(answer.header("x-openstack-request-id"));
        assertEquals(id, sent.instance().instanceId());
        assertEquals(TestImages.ALT, sent.instance().image().id());
        assertEquals("after", sent.instance().name());
        assertEquals(Map.of("rebuild", "server"), sent.instance().metadata());
        assertEquals("rebuildPassw0rd", sent.instance().adminPass());
        assertEquals("1", sent.instance().flavor().id());
        assertFalse(sent.keepStopped());
        as(ann, "2.1").get("/v2.1/servers/" + id).then()
                .body("server.OS-EXT-STS:task_state", equalTo("rebuilding"));
        // nothing else may start meanwhile
        rebuild(ann, "2.1", id, "\"imageRef\": \"" + TestImages.ACTIVE + "\"").then().statusCode(409);

        finish(id, sent, "active", 1);
        fixture.awaitStatus(ann, id, "ACTIVE");
        as(ann, "2.51").get("/v2.1/servers/" + id + "/os-instance-actions/" + sent.actionRequestId()).then()
                .statusCode(200).body("instanceAction.action", equalTo("rebuild"))
                .body("instanceAction.events.event", hasItem("compute_rebuild_instance"));
    }

    /**
     * As Nova: a new image is checked by the scheduler on the server's own host; a host the image does not fit fails
     * the rebuild (ERROR with "No valid host", the old image back, the action's rebuild_server event in error) and
     * nothing reaches the host. The same image is not checked.
     */
    @Test
    void aNewImageTheHostDoesNotFitFailsTheRebuildAsNovaDoes() {
        String cal = keys.member("cal", "p-rebuild-unfit");
        String id = fixture.activeServer(cal, "unfit");
        stub.unfitForRebuild.add(id);

        Response answer = rebuild(cal, "2.1", id, "\"imageRef\": \"" + TestImages.ALT + "\", \"name\": \"renamed\"");
        answer.then().statusCode(202).body("server.status", equalTo("REBUILD"))
                .body("server.image.id", equalTo(TestImages.ALT));
        String requestId = answer.header("x-openstack-request-id");
        CheckRebuildHost check = stub.rebuildChecks.stream().filter(c -> c.instanceId().equals(id)).findFirst()
                .orElseThrow();
        assertEquals(SchedulerStub.HOST, check.host());
        assertEquals(TestImages.ALT, check.spec().image().id());
        assertEquals("1", check.spec().flavor().id());
        as(cal, "2.1").get("/v2.1/servers/" + id).then()
                .body("server.status", equalTo("ERROR"))
                .body("server.OS-EXT-STS:task_state", nullValue())
                .body("server.image.id", equalTo(TestImages.ACTIVE))
                .body("server.name", equalTo("renamed"))
                .body("server.fault.message", containsString("No valid host was found"));
        as(cal, "2.51").get("/v2.1/servers/" + id + "/os-instance-actions/" + requestId).then()
                .statusCode(200).body("instanceAction.action", equalTo("rebuild"))
                .body("instanceAction.message", equalTo("Error"))
                .body("instanceAction.events.event", hasItem("rebuild_server"))
                .body("instanceAction.events.result", hasItem("Error"));
        assertTrue(stub.rebuilds.stream().noneMatch(r -> r.instance().instanceId().equals(id)),
                "nothing was sent to the host");

        // From ERROR, the same image is rebuilt without asking the scheduler; the host gets it.
        stub.rebuildChecks.clear();
        Response same = rebuild(cal, "2.1", id, "\"imageRef\": \"" + TestImages.ACTIVE + "\"");
        same.then().statusCode(202);
        stub.awaitRebuild(same.header("x-openstack-request-id"));
        assertTrue(stub.rebuildChecks.stream().noneMatch(c -> c.instanceId().equals(id)), "the same image: no check");
        stub.unfitForRebuild.remove(id);
    }

    @Test
    void aNewImageThatFitsIsCheckedOnTheServersHost() {
        String dan = keys.member("dan", "p-rebuild-fit");
        String id = fixture.activeServer(dan, "fit");
        Response answer = rebuild(dan, "2.1", id, "\"imageRef\": \"" + TestImages.ALT + "\"");
        answer.then().statusCode(202);
        stub.awaitRebuild(answer.header("x-openstack-request-id"));
        assertTrue(stub.rebuildChecks.stream().anyMatch(c -> c.instanceId().equals(id)
                && c.host().equals(SchedulerStub.HOST) && c.spec().image().id().equals(TestImages.ALT)));
    }

    @Test
    void aStoppedServerStaysStoppedAndTheBodyFollowsTheMicroversion() {
        String bea = keys.member("bea", "p-rebuild-stopped");
        as(bea, "2.1").body("{\"keypair\": {\"name\": \"bea-key\"}}").post("/v2.1/os-keypairs").then()
                .statusCode(200);
        String id = fixture.activeServer(bea, "stopped-one");
        fixture.report(id, "stopped", null, true, 4, SchedulerStub.HOST, null, null);
        fixture.awaitStatus(bea, id, "SHUTOFF");

        Response answer = rebuild(bea, "2.57", id, "\"imageRef\": \"" + TestImages.ALT + "\", \"key_name\":"
                + " \"bea-key\", \"user_data\": \"ZWNobyAiaGVsbG8gd29ybGQi\"");
        answer.then().statusCode(202)
                .body("server.key_name", equalTo("bea-key"))
                .body("server.user_data", equalTo("ZWNobyAiaGVsbG8gd29ybGQi"))
                .body("server.adminPass", org.hamcrest.Matchers.matchesPattern("[A-Za-z0-9]{12}"));
        RebuildInstance sent = stub.awaitRebuild(answer.header("x-openstack-request-id"));
        assertTrue(sent.keepStopped(), "a stopped server is rebuilt stopped");
        assertTrue(sent.instance().keyData().startsWith("ssh-"), sent.instance().keyData());
        assertEquals("ZWNobyAiaGVsbG8gd29ybGQi", sent.instance().userData());
        finish(id, sent, "stopped", 4);
        fixture.awaitStatus(bea, id, "SHUTOFF");

        // 2.75: the show body, the user data as user_data; key_name null unsets the key
        Response full = rebuild(bea, "2.75", id, "\"imageRef\": \"" + TestImages.ACTIVE + "\", \"key_name\": null,"
                + " \"user_data\": null");
        full.then().statusCode(202)
                .body("server.OS-EXT-STS:vm_state", equalTo("stopped"))
                .body("server.OS-EXT-STS:task_state", equalTo("rebuilding"))
                .body("server.key_name", nullValue())
                .body("server.user_data", nullValue())
                .body("server", not(hasKey("OS-EXT-SRV-ATTR:user_data")));
        RebuildInstance second = stub.awaitRebuild(full.header("x-openstack-request-id"));
        assertEquals(null, second.instance().keyData());
        assertEquals(null, second.instance().userData());
        finish(id, second, "stopped", 4);
        fixture.awaitStatus(bea, id, "SHUTOFF");
    }

    @Test
    void aServerInErrorCanBeRebuilt() {
        String cid = keys.member("cid", "p-rebuild-error");
        String id = fixture.activeServer(cid, "broken");
        as(keys.admin(), "2.1").body("{\"os-resetState\": {\"state\": \"error\"}}")
                .post("/v2.1/servers/" + id + "/action").then().statusCode(202);
        fixture.awaitStatus(cid, id, "ERROR");
        Response answer = rebuild(cid, "2.1", id, "\"imageRef\": \"" + TestImages.ALT + "\"");
        answer.then().statusCode(202).body("server.status", equalTo("REBUILD"));
        RebuildInstance sent = stub.awaitRebuild(answer.header("x-openstack-request-id"));
        finish(id, sent, "active", 1);
        fixture.awaitStatus(cid, id, "ACTIVE");
    }

    @Test
    void badRebuildsAreRefusedAndChangeNothing() {
        String dan = keys.member("dan", "p-rebuild-bad");
        String building = fixture.create(dan, "not-yet");
        rebuild(dan, "2.1", building, "\"imageRef\": \"" + TestImages.ALT + "\"").then().statusCode(409)
                .body("conflictingRequest.message", containsString("vm_state building"));
        rebuild(dan, "2.1", "6a0e2f4b-0000-4000-8000-000000000000", "\"imageRef\": \"" + TestImages.ALT + "\"")
                .then().statusCode(404);

        String id = fixture.activeServer(dan, "keep-me");
        rebuild(dan, "2.1", id, "\"name\": \"x\"").then().statusCode(400)
                .body("badRequest.message", containsString("'imageRef' is a required property"));
        rebuild(dan, "2.1", id, "\"imageRef\": \"not-a-uuid\"").then().statusCode(400)
                .body("badRequest.message", equalTo("Invalid imageRef provided."));
        rebuild(dan, "2.1", id, "\"imageRef\": \"" + TestImages.ALT + "\", \"key_name\": \"k\"").then()
                .statusCode(400).body("badRequest.message", containsString("'key_name' was unexpected"));
        rebuild(dan, "2.1", id, "\"imageRef\": \"6a0e2f4b-0000-4000-8000-000000000001\"").then().statusCode(400)
                .body("badRequest.message", equalTo("Cannot find image for rebuild"));
        rebuild(dan, "2.1", id, "\"imageRef\": \"" + TestImages.QUEUED + "\"").then().statusCode(400)
                .body("badRequest.message", containsString("is not active"));
        rebuild(dan, "2.1", id, "\"imageRef\": \"" + TestImages.PRIVATE + "\"").then().statusCode(400);
        rebuild(dan, "2.1", id, "\"imageRef\": \"" + TestImages.HUNGRY + "\", \"name\": \"renamed\"").then()
                .statusCode(400).body("badRequest.message", equalTo("Flavor's memory is too small for requested image."));
        rebuild(dan, "2.54", id, "\"imageRef\": \"" + TestImages.ALT + "\", \"key_name\": \"nobody-has-it\"").then()
                .statusCode(400).body("badRequest.message", containsString("Keypair nobody-has-it not found"));
        rebuild(dan, "2.1", id, "\"imageRef\": \"" + TestImages.ALT + "\", \"personality\": [{\"path\": \"/x\","
                + " \"contents\": \"not base64!\"}]").then().statusCode(400);

        as(keys.admin(), "2.73").body("{\"lock\": {\"locked_reason\": \"audit\"}}")
                .post("/v2.1/servers/" + id + "/action").then().statusCode(202);
        rebuild(dan, "2.1", id, "\"imageRef\": \"" + TestImages.ALT + "\"").then().statusCode(409)
                .body("conflictingRequest.message", containsString("is locked"));

        as(dan, "2.1").get("/v2.1/servers/" + id).then().statusCode(200)
                .body("server.name", equalTo("keep-me"))
                .body("server.status", equalTo("ACTIVE"))
                .body("server.image.id", equalTo(TestImages.ACTIVE))
                .body("server.OS-EXT-STS:task_state", nullValue());
        assertTrue(stub.rebuilds.stream().noneMatch(r -> r.instance().instanceId().equals(id)), "nothing was sent");
    }
}
