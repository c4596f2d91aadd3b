package dev.stratus.compute.api.servers;

import static dev.stratus.compute.api.servers.ServerFixture.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.stratus.compute.api.ComputeTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** {@code changePassword}: the call to the host, its answers as the API's, and what is refused before it. */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class ServerPasswordApiTest extends ServerApiTestBase {

    private Response change(String token, String id, String body) {
        return as(token, "2.1").body("{\"changePassword\": " + body + "}").post("/v2.1/servers/" + id + "/action");
    }

    @Test
    void theHostSetsThePasswordOrSaysWhyNot() {
        String max = keys.member("max", "p-pass-1");
        String id = fixture.activeServer(max, "secret-keeper");
        Response changed = change(max, id, "{\"adminPass\": \"N3w-pass\"}");
        changed.then().statusCode(202);
        String requestId = changed.header("x-openstack-request-id");
        assertEquals("N3w-pass", stub.passwords.stream().filter(p -> p.actionRequestId().equals(requestId))
                .findFirst().orElseThrow().password());
        as(max, "2.1").get("/v2.1/servers/" + id).then().body("server.status", equalTo("ACTIVE"))
                .body("server.OS-EXT-STS:task_state", nullValue());
        as(max, "2.1").get("/v2.1/servers/" + id + "/os-instance-actions").then()
                .body("instanceActions.action", hasItem("changePassword"));

        change(max, id, "{\"adminPass\": \"agentless-pass\"}").then().statusCode(409)
                .body("conflictingRequest.message", containsString("guest agent is not enabled"));
        as(max, "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-STS:task_state", nullValue());
    }

    @Test
    void badChangesAreRefusedBeforeTheHostIsAsked() {
        String ned = keys.member("ned", "p-pass-2");
        String id = fixture.activeServer(ned, "guarded");
        int before = stub.passwords.size();
        change(ned, id, "{}").then().statusCode(400);
        change(ned, id, "null").then().statusCode(400);
        change(ned, id, "{\"adminPass\": 42}").then().statusCode(400);
        change(ned, id, "{\"adminPass\": \"x\", \"other\": 1}").then().statusCode(400);
        change(keys.member("oda", "p-other"), id, "{\"adminPass\": \"x\"}").then().statusCode(404);
        fixture.report(id, "stopped", null, true, 4, SchedulerStub.HOST, null, null);
        fixture.awaitStatus(ned, id, "SHUTOFF");
        change(ned, id, "{\"adminPass\": \"x\"}").then().statusCode(409);
        assertEquals(before, stub.passwords.size(), "the host was not asked");
        assertFalse(stub.passwords.stream().anyMatch(p -> p.instanceId().equals(id)));
    }
}
