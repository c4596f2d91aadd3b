package dev.stratus.compute.api.operator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stratus.common.messaging.Messaging;
import dev.stratus.common.persistence.Db;
import dev.stratus.compute.api.ComputeTestKeys;
import dev.stratus.compute.api.ComputeTestResource;
import dev.stratus.compute.api.servers.SchedulerStub;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deprecated os-hosts API over hosts that report as in production: the list with zones, a host's resources
 * from its node's report and its servers' flavors, and the status and power calls that the drivers cannot honour.
 */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class HostsApiTest {

    @Inject
    ComputeTestKeys keys;

    @Inject
    Messaging messaging;

    @Inject
    Db db;

    private SimulatedHosts hosts;
    private HostedServers servers;
    private final TempestSchemas tempest = new TempestSchemas();

    @BeforeEach
    void attach() throws Exception {
        hosts = new SimulatedHosts(messaging, db);
        servers = new HostedServers(messaging);
        SchedulerStub.attach(messaging);
        SchedulerTopic.attach(messaging);
    }

    @AfterEach
    void bodiesMatchTempestSchemas() throws Exception {
        tempest.verify();
    }

    private RequestSpecification admin(String version) {
        return given().header("X-Auth-Token", keys.admin()).header("OpenStack-API-Version", "compute " + version)
                .contentType(ContentType.JSON);
    }

    @Test
    void theListShowsEnabledServicesHostsWithTheirZonesAndFiltersByZone() {
        String host = hosts.compute("os-hosts");
        hosts.controlPlane(host, "nova-conductor");
        Response all = tempest.check("v2_1.hosts", "list_hosts", admin("2.1").get("/v2.1/os-hosts"));
        all.then().statusCode(200)
                .body("hosts", hasItem(Map.of("host_name", host, "service", "compute", "zone", "nova")))
                .body("hosts", hasItem(Map.of("host_name", host, "service", "conductor", "zone", "internal")));
        admin("2.42").get("/v2.1/os-hosts?zone=nova").then().statusCode(200)
                .body("hosts", hasItem(Map.of("host_name", host, "service", "compute", "zone", "nova")))
                .body("hosts.zone", not(hasItem("internal")));
        admin("2.1").get("/v2.1/os-hosts?zone=").then().statusCode(200)
                .body("hosts", hasItem(Map.of("host_name", host, "service", "conductor", "zone", "internal")));
        admin("2.1").get("/v2.1/os-hosts?zone=xxx").then().statusCode(200).body("hosts", empty());

        String disabled = hosts.compute("os-hosts-off");
        admin("2.1").body("{\"host\": \"" + disabled + "\", \"binary\": \"nova-compute\"}")
                .put("/v2.1/os-services/disable").then().statusCode(200);
        admin("2.1").get("/v2.1/os-hosts").then().statusCode(200).body("hosts.host_name", not(hasItem(disabled)));
    }

    @Test
    void aHostsResourcesAreItsTotalsItsUseAndItsServersFlavorsPerProject() {
        String host = hosts.compute("os-hosts-res");
        String node = SimulatedHosts.nodeOf(host);
        String member = keys.member("os-hosts-user", "os-hosts-project");
        String admin = keys.admin();
        for (String name : List.of("a", "b")) {
            String id = servers.create(member, "os-hosts-" + name);
            servers.active(id, host, node, Instant.now());
            HostedServers.await(admin, id, host, "ACTIVE");
        }
        Response shown = tempest.check("v2_1.hosts", "get_host_detail", admin("2.1").get("/v2.1/os-hosts/" + host));
        shown.then().statusCode(200).body("host", hasSize(4));
        List<Map<String, Object>> lines = shown.path("host.resource");
        assertEquals(Map.of("host", host, "project", "(total)", "cpu", 4, "memory_mb", 8192, "disk_gb", 100),
                lines.get(0));
        assertEquals(Map.of("host", host, "project", "(used_now)", "cpu", 1, "memory_mb", 1024, "disk_gb", 10),
                lines.get(1));
        assertEquals(Map.of("host", host, "project", "(used_max)", "cpu", 2, "memory_mb", 1024, "disk_gb", 2),
                lines.get(2));
        assertEquals(Map.of("host", host, "project", "os-hosts-project", "cpu", 2, "memory_mb", 1024, "disk_gb", 2),
                lines.get(3));

        admin("2.1").get("/v2.1/os-hosts/nonexistent-host").then().statusCode(404)
                .body("itemNotFound.message", equalTo("Compute host nonexistent-host could not be found."));
    }

    @Test
    void statusMaintenanceAndPowerAreNotSupportedButCheckedAsInNova() {
        String host = hosts.compute("os-hosts-put");
        String body = "{\"status\": \"enable\", \"maintenance_mode\": \"disable\"}";
        admin("2.1").body(body).put("/v2.1/os-hosts/" + host).then().statusCode(501);
        admin("2.1").body(body).put("/v2.1/os-hosts/nonexistent-host").then().statusCode(404);
        admin("2.1").body("{\"status\": \"invalid\"}").put("/v2.1/os-hosts/" + host).then().statusCode(400);
        admin("2.1").body("{\"maintenance_mode\": \"on\"}").put("/v2.1/os-hosts/" + host).then().statusCode(400);
        admin("2.1").body("{}").put("/v2.1/os-hosts/" + host).then().statusCode(400);
        admin("2.1").body("{\"status\": \"enable\", \"host\": \"x\"}").put("/v2.1/os-hosts/" + host).then()
                .statusCode(400);
        for (String action : List.of("startup", "shutdown", "reboot")) {
            admin("2.1").get("/v2.1/os-hosts/" + host + "/" + action).then().statusCode(501);
            admin("2.1").get("/v2.1/os-hosts/nonexistent-host/" + action).then().statusCode(404);
        }
    }

    @Test
    void onlyAdminsBelow243() {
        String host = hosts.compute("os-hosts-policy");
        String member = keys.member("os-hosts-user", "os-hosts-project");
        for (String path : List.of("", "/" + host, "/" + host + "/startup", "/" + host + "/reboot")) {
            given().header("X-Auth-Token", member).get("/v2.1/os-hosts" + path).then().statusCode(403);
        }
        given().header("X-Auth-Token", member).contentType(ContentType.JSON).body("{\"status\": \"enable\"}")
                .put("/v2.1/os-hosts/" + host).then().statusCode(403);
        admin("2.43").get("/v2.1/os-hosts").then().statusCode(404);
        admin("2.43").get("/v2.1/os-hosts/" + host).then().statusCode(404);
    }
}
