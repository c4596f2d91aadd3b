package dev.stratus.compute.api.operator;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.messaging.Messaging;
import dev.stratus.common.persistence.Db;
import dev.stratus.compute.api.ComputeTestKeys;
import dev.stratus.compute.api.ComputeTestResource;
import dev.stratus.compute.api.operator.service.AvailabilityZones;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AvailabilityZones#isAvailable} and {@link AvailabilityZones#zoneOfHost}, the single-zone questions an
 * unshelve asks, give the answers the full listing ({@code zones(false)}, {@code services}) gives.
 */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class AvailabilityZonesTest {

    @Inject
    ComputeTestKeys keys;

    @Inject
    Messaging messaging;

    @Inject
    Db db;

    @Inject
    AvailabilityZones zones;

    private SimulatedHosts hosts;

    @BeforeEach
    void attach() {
        hosts = new SimulatedHosts(messaging, db);
    }

    private RequestSpecification admin() {
        return given().header("X-Auth-Token", keys.admin()).header("OpenStack-API-Version", "compute 2.1")
                .contentType(ContentType.JSON);
    }

    /** What the listing says about {@code zone}, as the unshelve check read it before. */
    private boolean listedAvailable(String zone) {
        return zones.zones(false).stream().anyMatch(z -> z.available() && z.name().equals(zone));
    }

    @Test
    void aZoneIsAvailableWhileAnEnabledServiceIsInIt() {
        String host = hosts.compute("az-one");
        String bystander = hosts.compute("az-bystander");
        String zone = SimulatedHosts.uniqueName("zone");
        int aggregate = admin().body("{\"aggregate\": {\"name\": \"" + SimulatedHosts.uniqueName("agg") + "\","
                + " \"availability_zone\": \"" + zone + "\"}}").post("/v2.1/os-aggregates").then().statusCode(200)
                .extract().path("aggregate.id");
        assertFalse(zones.isAvailable(zone), "a zone without hosts is no zone yet");
        assertEquals(Optional.of("nova"), zones.zoneOfHost(host), "a host outside aggregates is in the default zone");

        admin().body("{\"add_host\": {\"host\": \"" + host + "\"}}")
                .post("/v2.1/os-aggregates/" + aggregate + "/action").then().statusCode(200);
        assertTrue(zones.isAvailable(zone));
        assertEquals(listedAvailable(zone), zones.isAvailable(zone));
        assertEquals(Optional.of(zone), zones.zoneOfHost(host));
        assertEquals(Optional.of("nova"), zones.zoneOfHost(bystander));
        assertTrue(zones.isAvailable("nova"), "the bystander is enabled in the default zone");

        admin().body("{\"host\": \"" + host + "\", \"binary\": \"nova-compute\"}").put("/v2.1/os-services/disable")
                .then().statusCode(200);
        assertFalse(zones.isAvailable(zone), "every service of the zone is disabled");
        assertEquals(listedAvailable(zone), zones.isAvailable(zone));
        assertEquals(Optional.of(zone), zones.zoneOfHost(host), "a disabled host keeps its zone");
    }

    @Test
    void theInternalZoneAndUnknownNamesAreNotAvailable() {
        hosts.controlPlane(SimulatedHosts.uniqueName("control"), "nova-scheduler");
        assertFalse(zones.isAvailable(zones.internalZone()), "control-plane services host no servers");
        assertEquals(listedAvailable(zones.internalZone()), zones.isAvailable(zones.internalZone()));
        assertFalse(zones.isAvailable("atlantis"));
        assertFalse(zones.isAvailable(null));
    }

    @Test
    void aHostWithoutAComputeServiceHasNoZone() {
        String control = SimulatedHosts.uniqueName("control");
        hosts.controlPlane(control, "nova-conductor");
        assertEquals(Optional.empty(), zones.zoneOfHost(control));
        assertEquals(Optional.empty(), zones.zoneOfHost("nowhere-at-all"));
    }
}
