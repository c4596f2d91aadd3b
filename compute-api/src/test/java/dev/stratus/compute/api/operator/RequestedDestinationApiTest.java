package dev.stratus.compute.api.operator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stratus.common.compute.SchedulingHints;
import dev.stratus.common.messaging.Messaging;
import dev.stratus.common.persistence.Db;
import dev.stratus.compute.api.ComputeTestKeys;
import dev.stratus.compute.api.ComputeTestResource;
import dev.stratus.compute.api.servers.SchedulerStub;
import dev.stratus.compute.api.servers.TestImages;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Microversion 2.74: an admin names the host or hypervisor of a new server; the scheduler's filters still apply. */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class RequestedDestinationApiTest {

    @Inject
    ComputeTestKeys keys;

    @Inject
    Messaging messaging;

    @Inject
    Db db;

    private Response create(String token, String version, String destination) {
        return given().header("X-Auth-Token", token).header("OpenStack-API-Version", "compute " + version)
                .contentType(ContentType.JSON)
                .body("{\"server\": {\"name\": \"placed\", \"imageRef\": \"" + TestImages.ACTIVE + "\", \"flavorRef\":"
                        + " \"1\", \"networks\": \"none\", " + destination + "}}")
                .post("/v2.1/servers");
    }

    @Test
    void theHostAndHypervisorAnAdminAsksForGoToTheScheduler() throws Exception {
        SchedulerStub stub = SchedulerStub.attach(messaging);
        String host = new SimulatedHosts(messaging, db).compute("dest");
        String node = SimulatedHosts.nodeOf(host);

        String onHost = create(keys.admin(), "2.74", "\"host\": \"" + host + "\"").then().statusCode(202)
                .extract().path("server.id");
        SchedulingHints hints = stub.awaitSchedule(onHost).spec().hints();
        assertEquals(host, hints.forcedHost());
        assertNull(hints.forcedNode());

        String onNode = create(keys.admin(), "2.74", "\"host\": \"" + host + "\", \"hypervisor_hostname\": \"" + node
                + "\"").then().statusCode(202).extract().path("server.id");
        hints = stub.awaitSchedule(onNode).spec().hints();
        assertEquals(host, hints.forcedHost());
        assertEquals(node, hints.forcedNode());

        String byNode = create(keys.admin(), "2.74", "\"hypervisor_hostname\": \"" + node + "\"").then()
                .statusCode(202).extract().path("server.id");
        assertEquals(node, stub.awaitSchedule(byNode).spec().hints().forcedNode());
    }

    @Test
    void unknownHostsMembersAndOlderMicroversionsAreRefused() {
        create(keys.admin(), "2.74", "\"host\": \"nowhere-at-all\"").then().statusCode(400)
                .body("badRequest.message", equalTo("Compute host nowhere-at-all could not be found."));
        create(keys.admin(), "2.74", "\"hypervisor_hostname\": \"nowhere.example.org\"").then().statusCode(400)
                .body("badRequest.message", equalTo("Compute host nowhere.example.org could not be found."));
        create(keys.member("dee", "p-dest"), "2.74", "\"host\": \"nowhere-at-all\"").then().statusCode(403);
        create(keys.admin(), "2.73", "\"host\": \"nowhere-at-all\"").then().statusCode(400)
                .body("badRequest.message", containsString("'host' was unexpected"));
    }
}
