package dev.stratus.compute.api.operator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.isA;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stratus.common.compute.HostAggregates;
import dev.stratus.common.messaging.Messaging;
import dev.stratus.compute.api.ComputeTestKeys;
import dev.stratus.compute.api.ComputeTestResource;
import dev.stratus.common.persistence.Db;
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

/** os-aggregates and the availability zones their metadata gives the hosts in os-availability-zone. */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class AggregatesApiTest {

    static final List<String> CREATED = List.of("availability_zone", "created_at", "deleted", "deleted_at", "id",
            "name", "updated_at");
    static final String NOVA_TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}";

    @Inject
    ComputeTestKeys keys;

    @Inject
    Messaging messaging;

    @Inject
    Db db;

    private SimulatedHosts hosts;
    private SchedulerTopic scheduler;
    private final TempestSchemas tempest = new TempestSchemas();

    @BeforeEach
    void attach() throws Exception {
        hosts = new SimulatedHosts(messaging, db);
        scheduler = SchedulerTopic.attach(messaging);
        SchedulerStub.attach(messaging);
    }

    @AfterEach
    void bodiesMatchTempestSchemas() throws Exception {
        tempest.verify();
    }

    private RequestSpecification admin(String version) {
        return as(keys.admin(), version);
    }

    private static RequestSpecification as(String token, String version) {
        return given().header("X-Auth-Token", token).header("OpenStack-API-Version", "compute " + version)
                .contentType(ContentType.JSON);
    }

    private static List<String> with(List<String> names, String... more) {
        return java.util.stream.Stream.concat(names.stream(), java.util.Arrays.stream(more)).toList();
    }

    private int create(String name, String zone) {
        return admin("2.1").body("{\"aggregate\": {\"name\": \"" + name + "\""
                + (zone == null ? "" : ", \"availability_zone\": \"" + zone + "\"") + "}}")
                .post("/v2.1/os-aggregates").then().statusCode(200).extract().path("aggregate.id");
    }

    private Response action(int id, String body) {
        return admin("2.1").body(body).post("/v2.1/os-aggregates/" + id + "/action");
    }

    private static String addHost(String host) {
        return "{\"add_host\": {\"host\": \"" + host + "\"}}";
    }

    private static String removeHost(String host) {
        return "{\"remove_host\": {\"host\": \"" + host + "\"}}";
    }

    @Test
    void createShowUpdateListAndDeletePerMicroversion() {
        String name = SimulatedHosts.uniqueName("agg-crud");
        int id = tempest.check("v2_1.aggregates", "create_aggregate", admin("2.1")
                .body("{\"aggregate\": {\"name\": \"" + name + "\"}}").post("/v2.1/os-aggregates")).then()
                .statusCode(200)
                .body("aggregate.keySet()", containsInAnyOrder(CREATED.toArray()))
                .body("aggregate.name", equalTo(name))
                .body("aggregate.availability_zone", nullValue())
                .body("aggregate.deleted", equalTo(false))
                .body("aggregate.deleted_at", nullValue())
                .body("aggregate.created_at", matchesPattern(NOVA_TIME))
                .body("aggregate.id", isA(Integer.class))
                .extract().path("aggregate.id");
        tempest.check("v2_41.aggregates", "create_aggregate", admin("2.41")
                .body("{\"aggregate\": {\"name\": \"" + name + "-41\", \"availability_zone\": \"" + name + "-az\"}}")
                .post("/v2.1/os-aggregates")).then().statusCode(200)
                .body("aggregate.keySet()", containsInAnyOrder(with(CREATED, "uuid").toArray()))
                .body("aggregate.uuid", matchesPattern(ServicesApiTest.UUID_FORMAT))
                .body("aggregate.availability_zone", equalTo(name + "-az"));

        tempest.check("v2_1.aggregates", "get_aggregate", admin("2.1").get("/v2.1/os-aggregates/" + id)).then()
                .statusCode(200)
                .body("aggregate.keySet()", containsInAnyOrder(with(CREATED, "hosts", "metadata").toArray()))
                .body("aggregate.hosts", hasSize(0))
                .body("aggregate.metadata", equalTo(Map.of()));
        tempest.check("v2_41.aggregates", "get_aggregate", admin("2.41").get("/v2.1/os-aggregates/" + id)).then()
                .statusCode(200)
                .body("aggregate.keySet()", containsInAnyOrder(with(CREATED, "hosts", "metadata", "uuid").toArray()));
        tempest.check("v2_1.aggregates", "list_aggregates", admin("2.1").get("/v2.1/os-aggregates")).then()
                .statusCode(200).body("aggregates.name", hasItem(name)).body("aggregates[0]", not(hasKey("uuid")));
        tempest.check("v2_41.aggregates", "list_aggregates", admin("2.41").get("/v2.1/os-aggregates")).then()
                .statusCode(200).body("aggregates.name", hasItem(name + "-41"));

        // PUT renames (leading and trailing spaces trimmed) and sets or changes the zone
        tempest.check("v2_1.aggregates", "update_aggregate", admin("2.1")
                .body("{\"aggregate\": {\"name\": \" " + name + "-renamed \"}}").put("/v2.1/os-aggregates/" + id))
                .then().statusCode(200)
                .body("aggregate.name", equalTo(name + "-renamed"))
                .body("aggregate.updated_at", matchesPattern(NOVA_TIME));
        tempest.check("v2_41.aggregates", "update_aggregate", admin("2.41")
                .body("{\"aggregate\": {\"availability_zone\": \"" + name + "-zone\"}}").put("/v2.1/os-aggregates/" + id))
                .then().statusCode(200)
                .body("aggregate.availability_zone", equalTo(name + "-zone"))
                .body("aggregate.metadata.availability_zone", equalTo(name + "-zone"))
                .body("aggregate.name", equalTo(name + "-renamed"));

        // conflicts and bad bodies
        admin("2.1").body("{\"aggregate\": {\"name\": \"" + name + "-41\"}}").post("/v2.1/os-aggregates").then()
                .statusCode(409).body("conflictingRequest.message", equalTo("Aggregate " + name + "-41 already exists."));
        admin("2.1").body("{\"aggregate\": {\"name\": \"" + name + "-41\"}}").put("/v2.1/os-aggregates/" + id)
                .then().statusCode(409);
        admin("2.1").body("{\"aggregate\": {}}").put("/v2.1/os-aggregates/" + id).then().statusCode(400);
        admin("2.1").body("{\"aggregate\": {\"name\": \"x\", \"hosts\": []}}").put("/v2.1/os-aggregates/" + id)
                .then().statusCode(400);
        admin("2.1").body("{\"aggregate\": {\"availability_zone\": \"a:b\"}}").put("/v2.1/os-aggregates/" + id)
                .then().statusCode(400);
        admin("2.1").body("{\"aggregate\": {\"availability_zone\": \"nova\"}}").post("/v2.1/os-aggregates").then()
                .statusCode(400);
        admin("2.1").body("{\"aggregate\": {\"name\": \" edge \"}}").post("/v2.1/os-aggregates").then()
                .statusCode(400);
        admin("2.1").body("{\"aggregate\": {\"name\": \"\"}}").post("/v2.1/os-aggregates").then().statusCode(400);
        admin("2.1").body("{\"aggregate\": \"x\"}").post("/v2.1/os-aggregates").then().statusCode(400);
        admin("2.1").body("{\"aggregate\": {\"name\": \"x\"}, \"extra\": 1}").post("/v2.1/os-aggregates").then()
                .statusCode(400);
        admin("2.1").body("[]").post("/v2.1/os-aggregates").then().statusCode(400);

        // delete answers 200 with no body
        Response deleted = tempest.check("v2_1.aggregates", "delete_aggregate",
                admin("2.1").delete("/v2.1/os-aggregates/" + id));
        deleted.then().statusCode(200).body(emptyString());
        admin("2.1").get("/v2.1/os-aggregates/" + id).then().statusCode(404)
                .body("itemNotFound.message", equalTo("Aggregate " + id + " could not be found."));
        admin("2.1").delete("/v2.1/os-aggregates/" + id).then().statusCode(404);
        admin("2.1").body("{\"aggregate\": {\"name\": \"x\"}}").put("/v2.1/os-aggregates/" + id).then()
                .statusCode(404);
        admin("2.1").get("/v2.1/os-aggregates/abc").then().statusCode(400)
                .body("badRequest.message", equalTo("Invalid input received: id must be an integer"));
        admin("2.1").delete("/v2.1/os-aggregates/abc").then().statusCode(400);
    }

    @Test
    void hostsAndMetadataReachTheScheduler() {
        String host = hosts.compute("agg-host");
        String name = SimulatedHosts.uniqueName("agg-hosts");
        int id = create(name, null);

        tempest.check("v2_1.aggregates", "aggregate_add_remove_host", action(id, addHost(host))).then()
                .statusCode(200).body("aggregate.hosts", contains(host));
        HostAggregates added = scheduler.awaitAggregates(host, a -> a.aggregates().size() == 1);
        assertEquals(name, added.aggregates().get(0).name());
        action(id, addHost(host)).then().statusCode(409)
                .body("conflictingRequest.message", equalTo("Aggregate " + id + " already has host " + host + "."));
        action(id, addHost("no-such-host")).then().statusCode(404)
                .body("itemNotFound.message", equalTo("Compute host no-such-host could not be found."));
        action(999999, addHost(host)).then().statusCode(404);
        action(id, "{\"add_host\": {\"host\": \"bad host\"}}").then().statusCode(400);
        action(id, "{\"add_host\": {}}").then().statusCode(400);

        tempest.check("v2_1.aggregates", "aggregate_set_metadata", action(id,
                "{\"set_metadata\": {\"metadata\": {\"ssd\": \"true\", \"gpu\": \"none\"}}}")).then().statusCode(200)
                .body("aggregate.metadata", equalTo(Map.of("ssd", "true", "gpu", "none")));
        scheduler.awaitAggregates(host, a -> a.aggregates().size() == 1
                && "true".equals(a.aggregates().get(0).metadata().get("ssd")));
        // null removes a key, even one that is not there
        action(id, "{\"set_metadata\": {\"metadata\": {\"gpu\": null, \"absent\": null}}}").then().statusCode(200)
                .body("aggregate.metadata", equalTo(Map.of("ssd", "true")));
        action(id, "{\"set_metadata\": {\"metadata\": {\"bad/key\": \"x\"}}}").then().statusCode(400);
        action(id, "{\"set_metadata\": {\"metadata\": {\"k\": \"" + "v".repeat(256) + "\"}}}").then().statusCode(400);
        action(id, "{\"set_metadata\": {\"metadata\": {\"k\": 1}}}").then().statusCode(400);
        action(id, "{\"set_metadata\": {}}").then().statusCode(400);
        action(id, "{\"reboot\": {}}").then().statusCode(400);
        action(id, addHost(host).replace("}}", "}, \"remove_host\": {\"host\": \"" + host + "\"}}")).then()
                .statusCode(400);

        admin("2.1").delete("/v2.1/os-aggregates/" + id).then().statusCode(400)
                .body("badRequest.message", equalTo("Cannot remove host from aggregate " + id
                        + ". Reason: Host aggregate is not empty."));

        tempest.check("v2_41.aggregates", "aggregate_add_remove_host", admin("2.41").body(removeHost(host))
                .post("/v2.1/os-aggregates/" + id + "/action")).then().statusCode(200)
                .body("aggregate.hosts", hasSize(0));
        scheduler.awaitAggregates(host, a -> a.aggregates().isEmpty());
        action(id, removeHost(host)).then().statusCode(404)
                .body("itemNotFound.message", equalTo("Cannot remove host " + host + " in aggregate " + id));
        action(id, removeHost("no-such-host")).then().statusCode(404);
        admin("2.1").delete("/v2.1/os-aggregates/" + id).then().statusCode(200);
    }

    @Test
    void anAggregateZoneAppearsWithItsHosts() {
        String host = hosts.compute("az-host");
        String other = hosts.compute("az-other");
        String zone = SimulatedHosts.uniqueName("az");
        int id = create(SimulatedHosts.uniqueName("agg-az"), zone);
        // a zone without hosts is no zone yet
        as(keys.member("az-user", "az-project"), "2.1").get("/v2.1/os-availability-zone").then().statusCode(200)
                .body("availabilityZoneInfo.zoneName", not(hasItem(zone)));

        action(id, addHost(host)).then().statusCode(200).body("aggregate.availability_zone", equalTo(zone));
        HostAggregates told = scheduler.awaitAggregates(host, a -> a.aggregates().size() == 1);
        assertEquals(zone, told.aggregates().get(0).metadata().get("availability_zone"));

        Response zones = tempest.check("v2_1.availability_zone", "list_availability_zone_list",
                as(keys.member("az-user", "az-project"), "2.1").get("/v2.1/os-availability-zone"));
        zones.then().statusCode(200)
                .body("availabilityZoneInfo.zoneName", hasItem(zone))
                .body("availabilityZoneInfo.zoneName", hasItem("nova"))
                .body("availabilityZoneInfo.zoneName", not(hasItem("internal")))
                .body("availabilityZoneInfo.find { it.zoneName == '" + zone + "' }.zoneState.available", equalTo(true))
                .body("availabilityZoneInfo.find { it.zoneName == '" + zone + "' }.hosts", nullValue());
        Response detail = tempest.check("v2_1.availability_zone", "list_availability_zone_list_detail",
                admin("2.1").get("/v2.1/os-availability-zone/detail"));
        String ofZone = "availabilityZoneInfo.find { it.zoneName == '" + zone + "' }";
        detail.then().statusCode(200)
                .body(ofZone + ".hosts.keySet()", contains(host))
                .body(ofZone + ".hosts.'" + host + "'.nova-compute.available", equalTo(true))
                .body(ofZone + ".hosts.'" + host + "'.nova-compute.active", equalTo(true))
                .body(ofZone + ".hosts.'" + host + "'.nova-compute.updated_at", matchesPattern(NOVA_TIME))
                .body("availabilityZoneInfo.find { it.zoneName == 'nova' }.hosts.keySet()", hasItem(other))
                .body("availabilityZoneInfo.find { it.zoneName == 'internal' }.hosts", notNullValue());
        admin("2.1").get("/v2.1/os-services?host=" + host).then().body("services[0].zone", equalTo(zone));

        // a host is in one zone only
        int rival = create(SimulatedHosts.uniqueName("agg-rival"), zone + "-b");
        action(rival, addHost(host)).then().statusCode(409)
                .body("conflictingRequest.message", equalTo("Cannot add host to aggregate " + rival
                        + ". Reason: One or more hosts already in availability zone(s) ['" + zone + "']."));
        action(rival, addHost(other)).then().statusCode(200);
        admin("2.1").body("{\"aggregate\": {\"availability_zone\": \"" + zone + "-b\"}}")
                .put("/v2.1/os-aggregates/" + id).then().statusCode(200);
        admin("2.1").get("/v2.1/os-services?host=" + host).then().body("services[0].zone", equalTo(zone + "-b"));
        action(rival, "{\"set_metadata\": {\"metadata\": {\"availability_zone\": \"" + zone + "-c\"}}}").then()
                .statusCode(200);
        action(id, "{\"set_metadata\": {\"metadata\": {\"availability_zone\": null}}}").then().statusCode(400)
                .body("badRequest.message", matchesPattern("Cannot update metadata of aggregate " + id
                        + "\\. Reason: Aggregate .* does not support empty named availability zone\\."));
        admin("2.1").body("{\"aggregate\": {\"availability_zone\": null}}").put("/v2.1/os-aggregates/" + id).then()
                .statusCode(400).body("badRequest.message", matchesPattern("Cannot update aggregate " + id
                        + "\\. Reason: Aggregate .* does not support empty named availability zone\\."));
        admin("2.1").get("/v2.1/os-aggregates/" + id).then().body("aggregate.availability_zone", equalTo(zone + "-b"));
        // a host in two aggregates of the same zone is fine
        int twin = create(SimulatedHosts.uniqueName("agg-twin"), zone + "-b");
        action(twin, addHost(host)).then().statusCode(200);
        action(twin, "{\"set_metadata\": {\"metadata\": {\"availability_zone\": \"" + zone + "-d\"}}}").then()
                .statusCode(400).body("badRequest.message", equalTo("Cannot update metadata of aggregate " + twin
                        + ". Reason: One or more hosts already in availability zone(s) ['" + zone + "-b']."));
        action(twin, removeHost(host)).then().statusCode(200);

        // a zone whose every service is disabled is listed as not available, after the available ones
        admin("2.1").body("{\"host\": \"" + host + "\", \"binary\": \"nova-compute\"}")
                .put("/v2.1/os-services/disable").then().statusCode(200);
        Response unavailable = tempest.check("v2_1.availability_zone", "list_availability_zone_list_detail",
                admin("2.1").get("/v2.1/os-availability-zone/detail"));
        List<Map<String, Object>> info = unavailable.jsonPath().getList("availabilityZoneInfo");
        Map<String, Object> gone = info.stream().filter(z -> (zone + "-b").equals(z.get("zoneName"))).findFirst()
                .orElseThrow();
        assertEquals(Map.of("available", false), gone.get("zoneState"));
        assertNull(gone.get("hosts"));
        assertEquals(false, info.get(info.size() - 1).get("zoneState").equals(Map.of("available", true)));
        as(keys.member("az-user", "az-project"), "2.1").get("/v2.1/os-availability-zone").then()
                .body("availabilityZoneInfo.find { it.zoneName == '" + zone + "-b' }.zoneState.available",
                        equalTo(false));
    }

    @Test
    void aZoneChangeCannotMoveRunningServers() {
        String host = hosts.compute("az-busy");
        String node = SimulatedHosts.nodeOf(host);
        String member = keys.member("az-busy-user", "az-busy-project");
        HostedServers servers = new HostedServers(messaging);
        String server = servers.create(member, "az-busy-vm");
        servers.active(server, host, node, Instant.now());
        HostedServers.await(keys.admin(), server, host, "ACTIVE");

        String zone = SimulatedHosts.uniqueName("az-busy");
        int id = create(SimulatedHosts.uniqueName("agg-busy"), zone);
        action(id, addHost(host)).then().statusCode(409)
                .body("conflictingRequest.message", matchesPattern("Cannot add host to aggregate " + id
                        + "\\. Reason: The host cannot be added to the aggregate as the availability zone of the host"
                        + " would change from 'None' to '" + zone + "' but the host already has 1 instance\\(s\\)\\..*"));
        int plain = create(SimulatedHosts.uniqueName("agg-plain"), null);
        action(plain, addHost(host)).then().statusCode(200);
        action(plain, "{\"set_metadata\": {\"metadata\": {\"availability_zone\": \"" + zone + "\"}}}").then()
                .statusCode(400).body("badRequest.message", equalTo("Cannot update metadata of aggregate " + plain
                        + ". Reason: One or more hosts contain instances in this zone."));
        admin("2.1").body("{\"aggregate\": {\"availability_zone\": \"" + zone + "\"}}")
                .put("/v2.1/os-aggregates/" + plain).then().statusCode(400)
                .body("badRequest.message", equalTo("Cannot update aggregate " + plain
                        + ". Reason: One or more hosts contain instances in this zone."));
        action(plain, removeHost(host)).then().statusCode(200);

        // nor can taking a host with servers out of its zone
        String zoned = hosts.compute("az-zoned");
        int home = create(SimulatedHosts.uniqueName("agg-home"), zone);
        action(home, addHost(zoned)).then().statusCode(200);
        String placed = servers.create(member, "az-zoned-vm");
        servers.active(placed, zoned, SimulatedHosts.nodeOf(zoned), Instant.now());
        HostedServers.await(keys.admin(), placed, zoned, "ACTIVE");
        action(home, removeHost(zoned)).then().statusCode(409)
                .body("conflictingRequest.message", matchesPattern("Cannot remove host from aggregate " + home
                        + "\\. Reason: The host cannot be removed from the aggregate as the availability zone of the"
                        + " host would change from '" + zone + "' to 'None' but the host already has 1 instance\\(s\\)"
                        + "\\..*"));
        admin("2.1").get("/v2.1/os-aggregates/" + home).then().body("aggregate.hosts", contains(zoned));
    }

    @Test
    void everyCallIsForOperatorsButTheZoneList() {
        int id = create(SimulatedHosts.uniqueName("agg-policy"), null);
        String member = keys.member("agg-member", "agg-project");
        String denied = "Policy doesn't allow os_compute_api:os-aggregates:%s to be performed.";
        as(member, "2.1").get("/v2.1/os-aggregates").then().statusCode(403)
                .body("forbidden.message", equalTo(denied.formatted("index")));
        as(member, "2.1").body("{\"aggregate\": {\"name\": \"m\"}}").post("/v2.1/os-aggregates").then()
                .statusCode(403).body("forbidden.message", equalTo(denied.formatted("create")));
        as(member, "2.1").get("/v2.1/os-aggregates/" + id).then().statusCode(403)
                .body("forbidden.message", equalTo(denied.formatted("show")));
        as(member, "2.1").body("{\"aggregate\": {\"name\": \"m\"}}").put("/v2.1/os-aggregates/" + id).then()
                .statusCode(403).body("forbidden.message", equalTo(denied.formatted("update")));
        as(member, "2.1").delete("/v2.1/os-aggregates/" + id).then().statusCode(403)
                .body("forbidden.message", equalTo(denied.formatted("delete")));
        for (String action : List.of("add_host", "remove_host")) {
            as(member, "2.1").body("{\"" + action + "\": {\"host\": \"h\"}}")
                    .post("/v2.1/os-aggregates/" + id + "/action").then().statusCode(403)
                    .body("forbidden.message", equalTo(denied.formatted(action)));
        }
        as(member, "2.1").body("{\"set_metadata\": {\"metadata\": {}}}").post("/v2.1/os-aggregates/" + id + "/action")
                .then().statusCode(403).body("forbidden.message", equalTo(denied.formatted("set_metadata")));
        as(member, "2.1").get("/v2.1/os-availability-zone/detail").then().statusCode(403)
                .body("forbidden.message", equalTo("Policy doesn't allow os_compute_api:os-availability-zone:detail"
                        + " to be performed."));
        as(member, "2.1").get("/v2.1/os-availability-zone").then().statusCode(200);
        admin("2.1").get("/v2.1/os-aggregates/" + id).then().statusCode(200).body("aggregate.name", notNullValue());
    }
}
