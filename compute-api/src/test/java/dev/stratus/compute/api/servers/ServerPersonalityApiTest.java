package dev.stratus.compute.api.servers;

import static dev.stratus.compute.api.servers.ServerFixture.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stratus.common.compute.InjectedFile;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.RebuildInstance;
import dev.stratus.compute.api.ComputeTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Personality files (below 2.57): carried to the host with the build or the rebuild, held to the quota. */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class ServerPersonalityApiTest extends ServerApiTestBase {

    private static String file(String path, String text) {
        return "{\"path\": \"" + path + "\", \"contents\": \""
                + Base64.getEncoder().encodeToString(text.getBytes()) + "\"}";
    }

    private static String files(int count) {
        return IntStream.range(0, count).mapToObj(i -> file("/etc/f" + i, "line " + i))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    @Test
    void theFilesGoToTheHostWithTheBuildAndTheRebuild() {
        String kim = keys.member("kim", "p-personality");
        String id = as(kim, "2.1").body(ServerFixture.body("motd", TestImages.ACTIVE,
                "\"personality\": [" + file("/etc/motd", "hello") + "]")).post("/v2.1/servers").then()
                .statusCode(202).extract().path("server.id");
        InstanceBuild built = stub.awaitSchedule(id).instances().stream().filter(b -> b.instanceId().equals(id))
                .findFirst().orElseThrow();
        assertEquals(List.of(new InjectedFile("/etc/motd", Base64.getEncoder().encodeToString("hello".getBytes()))),
                built.files());
        fixture.report(id, "active", null, true, 1, SchedulerStub.HOST, null, null);
        fixture.awaitStatus(kim, id, "ACTIVE");

        Response rebuilt = as(kim, "2.56").body("{\"rebuild\": {\"imageRef\": \"" + TestImages.ACTIVE
                + "\", \"personality\": [" + file("/etc/issue", "rebuilt") + "]}}").post("/v2.1/servers/" + id
                + "/action");
        rebuilt.then().statusCode(202);
        RebuildInstance sent = stub.awaitRebuild(rebuilt.header("x-openstack-request-id"));
        assertEquals("/etc/issue", sent.instance().files().get(0).path());
        assertEquals(1, sent.instance().files().size());
    }

    @Test
    void theQuotaAndTheSchemaComeFirst() {
        String lee = keys.member("lee", "p-personality-2");
        String limit = as(lee, "2.1").get("/v2.1/limits").then().extract().path("limits.absolute.maxPersonality")
                .toString();
        int max = Integer.parseInt(limit);
        as(lee, "2.1").body(ServerFixture.body("too-many", TestImages.ACTIVE, "\"personality\": " + files(max + 1)))
                .post("/v2.1/servers").then().statusCode(403)
                .body("forbidden.message", equalTo("Personality file limit exceeded"));
        as(lee, "2.1").body(ServerFixture.body("long-path", TestImages.ACTIVE,
                "\"personality\": [" + file("/" + "p".repeat(300), "x") + "]")).post("/v2.1/servers").then()
                .statusCode(403).body("forbidden.message", containsString("Personality file path exceeds maximum"));
        as(lee, "2.1").body(ServerFixture.body("plain", TestImages.ACTIVE,
                "\"personality\": [{\"path\": \"/etc/x\", \"contents\": \"This is a test file.\"}]"))
                .post("/v2.1/servers").then().statusCode(400);
        as(lee, "2.57").body(ServerFixture.body("too-new", TestImages.ACTIVE,
                "\"networks\": \"none\", \"personality\": [" + file("/etc/x", "x") + "]")).post("/v2.1/servers")
                .then().statusCode(400);
        as(lee, "2.1").body(ServerFixture.body("at-max", TestImages.ACTIVE, "\"personality\": " + files(max)))
                .post("/v2.1/servers").then().statusCode(202);
    }
}
