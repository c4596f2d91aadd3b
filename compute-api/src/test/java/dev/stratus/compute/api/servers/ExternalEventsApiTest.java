package dev.stratus.compute.api.servers;

import static dev.stratus.compute.api.servers.ServerFixture.as;
import static org.hamcrest.Matchers.equalTo;

import dev.stratus.common.messaging.Messaging;
import dev.stratus.compute.api.ComputeTestKeys;
import dev.stratus.compute.api.ComputeTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** os-server-external-events: each event answered by its server's state, the names each microversion takes. */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class ExternalEventsApiTest {

    @Inject
    ComputeTestKeys keys;

    @Inject
    Messaging messaging;

    private ServerFixture fixture;

    @BeforeEach
    void attach() throws Exception {
        fixture = new ServerFixture(messaging, SchedulerStub.attach(messaging));
    }

    private static String event(String name, String server, String extra) {
        return "{\"name\": \"" + name + "\", \"server_uuid\": \"" + server + "\"" + extra + "}";
    }

    @Test
    void eventsForServersOnAHostAreTakenTheOthersFailOneByOne() {
        String owner = keys.member("eve", "p-events");
        String running = fixture.activeServer(owner, "evented");
        String unknown = UUID.randomUUID().toString();
        as(keys.admin(), "2.1").body("{\"events\": [" + event("network-changed", running, "") + "]}")
                .post("/v2.1/os-server-external-events").then().statusCode(200)
                .body("events[0].status", equalTo("completed")).body("events[0].code", equalTo(200))
                .body("events[0].server_uuid", equalTo(running));
        as(keys.admin(), "2.82").body("{\"events\": [" + event("network-vif-plugged", running, ", \"tag\": \"p1\"")
                + ", " + event("network-changed", unknown, "") + ", " + event("power-update", running, "") + "]}")
                .post("/v2.1/os-server-external-events").then().statusCode(207)
                .body("events[0].code", equalTo(200)).body("events[0].tag", equalTo("p1"))
                .body("events[1].code", equalTo(404)).body("events[1].status", equalTo("failed"))
                .body("events[2].code", equalTo(400));
    }

    @Test
    void theSchemaAndThePolicyComeFirst() {
        String server = UUID.randomUUID().toString();
        String admin = keys.admin();
        as(admin, "2.1").body("{\"events\": []}").post("/v2.1/os-server-external-events").then().statusCode(400);
        as(admin, "2.1").body("{\"events\": [" + event("power-update", server, "") + "]}")
                .post("/v2.1/os-server-external-events").then().statusCode(400);
        as(admin, "2.1").body("{\"events\": [" + event("network-changed", "not-a-uuid", "") + "]}")
                .post("/v2.1/os-server-external-events").then().statusCode(400);
        as(admin, "2.1").body("{\"events\": [" + event("network-changed", server, ", \"status\": \"done\"") + "]}")
                .post("/v2.1/os-server-external-events").then().statusCode(400);
        as(keys.member("eve", "p-events"), "2.1").body("{\"events\": [" + event("network-changed", server, "") + "]}")
                .post("/v2.1/os-server-external-events").then().statusCode(403);
    }
}
