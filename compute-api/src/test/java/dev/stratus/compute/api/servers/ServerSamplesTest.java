package dev.stratus.compute.api.servers;

import static io.restassured.RestAssured.given;

import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.InstanceStateReport;
import dev.stratus.common.messaging.Messaging;
import dev.stratus.compute.api.ComputeTestKeys;
import dev.stratus.compute.api.ComputeTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The server samples under {@code src/test/resources/api-samples/}: requests sent, responses compared. */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class ServerSamplesTest {

    @Inject
    ComputeTestKeys keys;

    @Inject
    Messaging messaging;

    private RequestSpecification as(String token, String version) {
        return given().header("X-Auth-Token", token).header("OpenStack-API-Version", "compute " + version)
                .contentType(ContentType.JSON);
    }

    private String createFromSample(String token, String version) throws Exception {
        String body = as(token, version).body(ApiSamples.request("server-create-v" + version).replace("%(image)s",
                TestImages.ACTIVE)).post("/v2.1/servers").then().statusCode(202).extract().asString();
        ApiSamples.assertResponse("server-create-v" + version, body);
        return com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(body).path("server")
                .path("id").asText();
    }

    private void makeActive(String id) {
        SchedulerStub.await(() -> {
            messaging.cast(ComputeTopics.CONDUCTOR, InstanceStateReport.TYPE, new InstanceStateReport(id,
                    SchedulerStub.HOST, SchedulerStub.HOST, "active", null, true, 1, Instant.now(), null, null,
                    System.currentTimeMillis() * 1000, Instant.now())).join();
            return "ACTIVE".equals(given().header("X-Auth-Token", keys.admin()).get("/v2.1/servers/" + id)
                    .then().extract().path("server.status")) ? Boolean.TRUE : null;
        }, "server " + id + " ACTIVE");
    }

    @Test
    void serverAtTheFirstMicroversion() throws Exception {
        String token = keys.member("sample-user", "sample-project-1");
        SchedulerStub.attach(messaging);
        String id = createFromSample(token, "2.1");
        makeActive(id);
        ApiSamples.assertResponse("server-get-v2.1", as(token, "2.1").get("/v2.1/servers/" + id).then()
                .statusCode(200).extract().asString());
    }

    @Test
    void serverAtTheLatestMicroversion() throws Exception {
        String token = keys.member("sample-user", "sample-project-2");
        SchedulerStub.attach(messaging);
        String id = createFromSample(token, "2.90");
        makeActive(id);
        ApiSamples.assertResponse("server-get-v2.90", as(token, "2.90").get("/v2.1/servers/" + id).then()
                .statusCode(200).extract().asString());
        ApiSamples.assertResponse("servers-detail-v2.90", as(token, "2.90").get("/v2.1/servers/detail").then()
                .statusCode(200).extract().asString());
    }
}
