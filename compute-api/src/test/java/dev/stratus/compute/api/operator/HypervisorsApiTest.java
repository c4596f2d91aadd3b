package dev.stratus.compute.api.operator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.isA;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.stratus.common.messaging.Messaging;
import dev.stratus.compute.api.ComputeTestKeys;
import dev.stratus.compute.api.ComputeTestResource;
import dev.stratus.common.persistence.Db;
import dev.stratus.compute.api.servers.SchedulerStub;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** os-hypervisors over the hypervisors that simulated nodes report in their heartbeats. */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class HypervisorsApiTest {

    static final String UUID_FORMAT = ServicesApiTest.UUID_FORMAT;
    static final List<String> SUMMARY = List.of("id", "hypervisor_hostname", "state", "status");
    /** What a detail body holds in every microversion. */
    static final List<String> DETAIL_ALWAYS = List.of("id", "hypervisor_hostname", "state", "status",
            "hypervisor_type", "hypervisor_version", "host_ip", "service");
    /** What 2.88 removed. */
    static final List<String> CAPACITY = List.of("vcpus", "memory_mb", "local_gb", "vcpus_used", "memory_mb_used",
            "local_gb_used", "free_ram_mb", "free_disk_gb", "current_workload", "running_vms",
            "disk_available_least", "cpu_info");
    static final List<String> STATISTICS = List.of("count", "vcpus", "memory_mb", "local_gb", "vcpus_used",
            "memory_mb_used", "local_gb_used", "free_ram_mb", "free_disk_gb", "current_workload", "running_vms",
            "disk_available_least");

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
        return as(keys.admin(), version);
    }

    private static RequestSpecification as(String token, String version) {
        return given().header("X-Auth-Token", token).header("OpenStack-API-Version", "compute " + version)
                .contentType(ContentType.JSON);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /** The item of a hypervisor list that is {@code node}. */
    private static Map<String, Object> item(Response list, String node) {
        List<Map<String, Object>> items = list.jsonPath().getList("hypervisors");
        return items.stream().filter(h -> node.equals(h.get("hypervisor_hostname"))).findFirst()
                .orElseThrow(() -> new AssertionError(node + " is not listed: " + list.asString()));
    }

    private int idOf(String node) {
        return (Integer) item(admin("2.1").get("/v2.1/os-hypervisors"), node).get("id");
    }

    private String uuidOf(String node) {
        return (String) item(admin("2.53").get("/v2.1/os-hypervisors"), node).get("id");
    }

    @Test
    void listsAndDetailsPerMicroversion() {
        String host = hosts.compute("hv-list");
        String node = SimulatedHosts.nodeOf(host);

        Response list = tempest.check("v2_1.hypervisors", "list_search_hypervisors",
                admin("2.1").get("/v2.1/os-hypervisors"));
        list.then().statusCode(200).body("$", not(hasKey("hypervisors_links")));
        Map<String, Object> summary = item(list, node);
        assertEquals(Map.of("id", summary.get("id"), "hypervisor_hostname", node, "state", "up", "status",
                "enabled"), summary);

        Response v21 = tempest.check("v2_1.hypervisors", "list_hypervisors_detail",
                admin("2.1").get("/v2.1/os-hypervisors/detail"));
        v21.then().statusCode(200);
        Map<String, Object> detail = item(v21, node);
        assertEquals(Set.copyOf(concat(DETAIL_ALWAYS, CAPACITY)), detail.keySet());
        assertEquals(summary.get("id"), detail.get("id"));
        assertEquals("QEMU", detail.get("hypervisor_type"));
        assertEquals(8002000, detail.get("hypervisor_version"));
        assertEquals("192.0.2.10", detail.get("host_ip"));
        assertEquals(4, detail.get("vcpus"));
        assertEquals(8192, detail.get("memory_mb"));
        assertEquals(100, detail.get("local_gb"));
        assertEquals(1, detail.get("vcpus_used"));
        assertEquals(1024, detail.get("memory_mb_used"));
        assertEquals(10, detail.get("local_gb_used"));
        assertEquals(7168, detail.get("free_ram_mb"));
        assertEquals(90, detail.get("free_disk_gb"));
        assertEquals(1, detail.get("running_vms"));
        assertEquals(0, detail.get("current_workload"));
        // below 2.28 the CPU description is the JSON text the node reported
        assertEquals("x86_64", JsonPath.from((String) detail.get("cpu_info")).getString("arch"));
        Map<?, ?> service = (Map<?, ?>) detail.get("service");
        assertEquals(host, service.get("host"));
        assertEquals(Integer.class, service.get("id").getClass());
        assertEquals(null, service.get("disabled_reason"));
        assertEquals(Set.of("host", "id", "disabled_reason"), service.keySet());

        Map<String, Object> v228 = item(tempest.check("v2_28.hypervisors", "list_hypervisors_detail",
                admin("2.28").get("/v2.1/os-hypervisors/detail")), node);
        assertEquals("Haswell", ((Map<?, ?>) v228.get("cpu_info")).get("model"));

        tempest.check("v2_33.hypervisors", "list_hypervisors_detail", admin("2.33").get("/v2.1/os-hypervisors/detail"));
        tempest.check("v2_33.hypervisors", "list_search_hypervisors", admin("2.33").get("/v2.1/os-hypervisors"));

        Response v253 = tempest.check("v2_53.hypervisors", "list_hypervisors_detail",
                admin("2.53").get("/v2.1/os-hypervisors/detail"));
        Map<String, Object> uuidDetail = item(v253, node);
        assertEquals(true, ((String) uuidDetail.get("id")).matches(UUID_FORMAT));
        assertEquals(true, ((String) ((Map<?, ?>) uuidDetail.get("service")).get("id")).matches(UUID_FORMAT));
        assertEquals(false, uuidDetail.containsKey("servers"));
        tempest.check("v2_53.hypervisors", "list_search_hypervisors", admin("2.53").get("/v2.1/os-hypervisors"));

        // 2.88 drops what placement now reports, and shows the host's uptime in the detail
        Map<String, Object> v288 = item(admin("2.88").get("/v2.1/os-hypervisors/detail"), node);
        assertEquals(Set.copyOf(concat(DETAIL_ALWAYS, List.of("uptime"))), v288.keySet());
        assertEquals(SimulatedHosts.UPTIME, v288.get("uptime"));
        Map<String, Object> v287 = item(admin("2.87").get("/v2.1/os-hypervisors/detail"), node);
        assertEquals(Set.copyOf(concat(DETAIL_ALWAYS, CAPACITY)), v287.keySet());

        // a disabled service shows on its hypervisor; a silent one is down
        admin("2.1").body("{\"host\": \"" + host + "\", \"binary\": \"nova-compute\", \"disabled_reason\":"
                + " \"disk swap\"}").put("/v2.1/os-services/disable-log-reason").then().statusCode(200);
        hosts.silence(host, Duration.ofMinutes(5));
        Map<String, Object> disabled = item(admin("2.1").get("/v2.1/os-hypervisors/detail"), node);
        assertEquals("disabled", disabled.get("status"));
        assertEquals("down", disabled.get("state"));
        assertEquals("disk swap", ((Map<?, ?>) disabled.get("service")).get("disabled_reason"));
        assertEquals(null, item(admin("2.88").get("/v2.1/os-hypervisors/detail"), node).get("uptime"));
    }

    @Test
    void showAndUptimePerMicroversion() {
        String host = hosts.compute("hv-show");
        String node = SimulatedHosts.nodeOf(host);
        int id = idOf(node);
        String uuid = uuidOf(node);

        tempest.check("v2_1.hypervisors", "get_hypervisor", admin("2.1").get("/v2.1/os-hypervisors/" + id)).then()
                .statusCode(200)
                .body("hypervisor.keySet()", containsInAnyOrder(concat(DETAIL_ALWAYS, CAPACITY).toArray()))
                .body("hypervisor.id", equalTo(id))
                .body("hypervisor.hypervisor_hostname", equalTo(node))
                .body("hypervisor.cpu_info", isA(String.class));
        tempest.check("v2_28.hypervisors", "get_hypervisor", admin("2.28").get("/v2.1/os-hypervisors/" + id))
                .then().statusCode(200).body("hypervisor.cpu_info.vendor", equalTo("Intel"));
        admin("2.1").get("/v2.1/os-hypervisors/abc").then().statusCode(404)
                .body("itemNotFound.message", equalTo("Hypervisor with ID 'abc' could not be found."));
        admin("2.1").get("/v2.1/os-hypervisors/99999999").then().statusCode(404);
        admin("2.1").get("/v2.1/os-hypervisors/" + uuid).then().statusCode(404);

        tempest.check("v2_53.hypervisors", "get_hypervisor", admin("2.53").get("/v2.1/os-hypervisors/" + uuid))
                .then().statusCode(200)
                .body("hypervisor.id", equalTo(uuid))
                .body("hypervisor", not(hasKey("servers")));
        admin("2.53").get("/v2.1/os-hypervisors/" + id).then().statusCode(400)
                .body("badRequest.message", equalTo("Invalid uuid " + id));
        admin("2.53").get("/v2.1/os-hypervisors/" + UUID.randomUUID()).then().statusCode(404);
        // with_servers on a hypervisor without servers: no key until 2.75, an empty list from 2.75
        admin("2.74").get("/v2.1/os-hypervisors/" + uuid + "?with_servers=true").then().statusCode(200)
                .body("hypervisor", not(hasKey("servers")));
        admin("2.75").get("/v2.1/os-hypervisors/" + uuid + "?with_servers=true").then().statusCode(200)
                .body("hypervisor.servers", hasSize(0));
        admin("2.75").get("/v2.1/os-hypervisors/" + uuid + "?with_servers=false").then().statusCode(200)
                .body("hypervisor", not(hasKey("servers")));
        admin("2.53").get("/v2.1/os-hypervisors/" + uuid + "?with_servers=maybe").then().statusCode(400);
        admin("2.53").get("/v2.1/os-hypervisors/" + uuid + "?limit=1").then().statusCode(400);
        admin("2.52").get("/v2.1/os-hypervisors/" + id + "?with_servers=maybe").then().statusCode(200);

        admin("2.88").get("/v2.1/os-hypervisors/" + uuid).then().statusCode(200)
                .body("hypervisor.keySet()", containsInAnyOrder(concat(DETAIL_ALWAYS, List.of("uptime")).toArray()))
                .body("hypervisor.uptime", equalTo(SimulatedHosts.UPTIME));

        // GET /os-hypervisors/{id}/uptime until 2.87
        tempest.check("v2_1.hypervisors", "get_hypervisor_uptime",
                admin("2.1").get("/v2.1/os-hypervisors/" + id + "/uptime")).then().statusCode(200)
                .body("hypervisor.keySet()", containsInAnyOrder("id", "hypervisor_hostname", "state", "status",
                        "uptime"))
                .body("hypervisor.id", equalTo(id))
                .body("hypervisor.uptime", equalTo(SimulatedHosts.UPTIME));
        tempest.check("v2_53.hypervisors", "get_hypervisor_uptime",
                admin("2.87").get("/v2.1/os-hypervisors/" + uuid + "/uptime")).then().statusCode(200)
                .body("hypervisor.id", equalTo(uuid));
        admin("2.88").get("/v2.1/os-hypervisors/" + uuid + "/uptime").then().statusCode(404);
        admin("2.1").get("/v2.1/os-hypervisors/99999999/uptime").then().statusCode(404);

        // a node whose driver cannot tell its uptime, and a host that went silent
        String quiet = SimulatedHosts.uniqueName("hv-no-uptime");
        hosts.heartbeat(quiet, SimulatedHosts.SMALL, null);
        admin("2.1").get("/v2.1/os-hypervisors/" + idOf(SimulatedHosts.nodeOf(quiet)) + "/uptime").then()
                .statusCode(501).body("notImplemented.message", equalTo("The requested functionality is not supported."));
        hosts.silence(host, Duration.ofMinutes(5));
        admin("2.1").get("/v2.1/os-hypervisors/" + id + "/uptime").then().statusCode(400)
                .body("badRequest.message", equalTo("Compute service of " + host + " is unavailable at this time."));
        admin("2.88").get("/v2.1/os-hypervisors/" + uuid).then().statusCode(200)
                .body("hypervisor.state", equalTo("down"))
                .body("hypervisor", hasKey("uptime"))
                .body("hypervisor.uptime", nullValue());
    }

    @Test
    void statisticsSumTheEnabledHypervisorsUntil288() {
        JsonPath before = tempest.check("v2_1.hypervisors", "get_hypervisor_statistics",
                admin("2.1").get("/v2.1/os-hypervisors/statistics")).then().statusCode(200)
                .body("hypervisor_statistics.keySet()", containsInAnyOrder(STATISTICS.toArray()))
                .body("hypervisor_statistics.disk_available_least", isA(Integer.class))
                .extract().jsonPath();
        String host = hosts.compute("hv-stats");
        JsonPath after = admin("2.87").get("/v2.1/os-hypervisors/statistics").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Integer> added = Map.of("count", 1, "vcpus", 4, "memory_mb", 8192, "local_gb", 100,
                "vcpus_used", 1, "memory_mb_used", 1024, "local_gb_used", 10, "free_ram_mb", 7168,
                "free_disk_gb", 90, "running_vms", 1);
        added.forEach((field, delta) -> assertEquals(before.getInt("hypervisor_statistics." + field) + delta,
                after.getInt("hypervisor_statistics." + field), field));

        // a disabled service's hypervisor is not counted
        admin("2.1").body("{\"host\": \"" + host + "\", \"binary\": \"nova-compute\"}")
                .put("/v2.1/os-services/disable").then().statusCode(200);
        JsonPath disabled = admin("2.1").get("/v2.1/os-hypervisors/statistics").then().extract().jsonPath();
        added.keySet().forEach(field -> assertEquals(before.getInt("hypervisor_statistics." + field),
                disabled.getInt("hypervisor_statistics." + field), field));

        admin("2.88").get("/v2.1/os-hypervisors/statistics").then().statusCode(404);
    }

    @Test
    void serversOnAHypervisorAndTheOldSearchRoutes() {
        String host = hosts.compute("hv-servers");
        String node = SimulatedHosts.nodeOf(host);
        String empty = hosts.compute("hv-servers-none");
        String admin = keys.admin();
        String member = keys.member("hv-user", "hv-project");
        String running = servers.create(member, "hv-running");
        servers.active(running, host, node, Instant.now());
        String spawning = servers.create(member, "hv-spawning");
        servers.building(spawning, host, node);
        HostedServers.await(admin, running, host, "ACTIVE");
        HostedServers.await(admin, spawning, host, "BUILD");

        // before 2.53: /os-hypervisors/{pattern}/servers and /search
        Response old = tempest.check("v2_1.hypervisors", "get_hypervisors_servers",
                admin("2.1").get("/v2.1/os-hypervisors/" + host + "/servers"));
        old.then().statusCode(200).body("hypervisors", hasSize(1))
                .body("hypervisors[0].hypervisor_hostname", equalTo(node))
                .body("hypervisors[0].servers.uuid", containsInAnyOrder(running, spawning))
                .body("hypervisors[0].servers.name", containsInAnyOrder("hv-running", "hv-spawning"))
                .body("hypervisors[0].servers[0].keySet()", containsInAnyOrder("name", "uuid"));
        admin("2.52").get("/v2.1/os-hypervisors/" + empty + "/servers").then().statusCode(200)
                .body("hypervisors", hasSize(1)).body("hypervisors[0]", not(hasKey("servers")));
        tempest.check("v2_1.hypervisors", "list_search_hypervisors",
                admin("2.1").get("/v2.1/os-hypervisors/" + host + "/search")).then().statusCode(200)
                .body("hypervisors", hasSize(1))
                .body("hypervisors[0].keySet()", containsInAnyOrder(SUMMARY.toArray()));
        admin("2.1").get("/v2.1/os-hypervisors/no-such-node-anywhere/search").then().statusCode(404)
                .body("itemNotFound.message", equalTo("No hypervisor matching 'no-such-node-anywhere' could be found."));
        admin("2.1").get("/v2.1/os-hypervisors/no-such-node-anywhere/servers").then().statusCode(404);
        admin("2.53").get("/v2.1/os-hypervisors/" + host + "/search").then().statusCode(404);
        admin("2.53").get("/v2.1/os-hypervisors/" + host + "/servers").then().statusCode(404);

        // from 2.53: query parameters on the lists
        tempest.check("v2_53.hypervisors", "list_search_hypervisors",
                admin("2.53").get("/v2.1/os-hypervisors?with_servers=true&hypervisor_hostname_pattern=" + host))
                .then().statusCode(200).body("hypervisors", hasSize(1))
                .body("hypervisors[0].servers.uuid", containsInAnyOrder(running, spawning));
        Response detail = tempest.check("v2_53.hypervisors", "list_hypervisors_detail",
                admin("2.53").get("/v2.1/os-hypervisors/detail?with_servers=1&hypervisor_hostname_pattern=" + host));
        detail.then().statusCode(200).body("hypervisors", hasSize(1))
                .body("hypervisors[0].servers", hasSize(2))
                // one server still spawning is the host's workload
                .body("hypervisors[0].current_workload", equalTo(1));
        admin("2.74").get("/v2.1/os-hypervisors?with_servers=true&hypervisor_hostname_pattern=" + empty).then()
                .statusCode(200).body("hypervisors[0]", not(hasKey("servers")));
        admin("2.75").get("/v2.1/os-hypervisors?with_servers=true&hypervisor_hostname_pattern=" + empty).then()
                .statusCode(200).body("hypervisors[0].servers", hasSize(0));
        admin("2.53").get("/v2.1/os-hypervisors?hypervisor_hostname_pattern=no-such-node-anywhere").then()
                .statusCode(404);
        admin("2.53").get("/v2.1/os-hypervisors?hypervisor_hostname_pattern=" + host + "&limit=1").then()
                .statusCode(400).body("badRequest.message", equalTo("Paging over hypervisors with the "
                        + "hypervisor_hostname_pattern query parameter is not supported."));
        admin("2.53").get("/v2.1/os-hypervisors?sort=name").then().statusCode(400);
        admin("2.52").get("/v2.1/os-hypervisors?hypervisor_hostname_pattern=" + host).then().statusCode(200)
                .body("hypervisors.hypervisor_hostname", hasItem(SimulatedHosts.nodeOf(empty)));
        String uuid = uuidOf(node);
        admin("2.53").get("/v2.1/os-hypervisors/" + uuid + "?with_servers=true").then().statusCode(200)
                .body("hypervisor.servers.uuid", containsInAnyOrder(running, spawning));

        // a compute service still hosting servers cannot be deleted
        int serviceId = admin("2.1").get("/v2.1/os-services?host=" + host).then().extract()
                .path("services[0].id");
        admin("2.1").delete("/v2.1/os-services/" + serviceId).then().statusCode(409)
                .body("conflictingRequest.message", equalTo("Unable to delete compute service that is hosting "
                        + "instances. Migrate or delete the instances first."));
    }

    @Test
    void pagesFrom233() {
        hosts.compute("hv-page");
        hosts.compute("hv-page");
        List<Integer> ids = admin("2.1").get("/v2.1/os-hypervisors").then().extract().path("hypervisors.id");
        // no paging before 2.33: limit is ignored
        admin("2.32").get("/v2.1/os-hypervisors?limit=1").then().statusCode(200)
                .body("hypervisors", hasSize(ids.size())).body("$", not(hasKey("hypervisors_links")));

        Response first = tempest.check("v2_33.hypervisors", "list_search_hypervisors",
                admin("2.33").get("/v2.1/os-hypervisors?limit=1"));
        first.then().statusCode(200).body("hypervisors", hasSize(1))
                .body("hypervisors[0].id", equalTo(ids.get(0)))
                .body("hypervisors_links[0].rel", equalTo("next"))
                .body("hypervisors_links[0].href", containsString("marker=" + ids.get(0)));
        admin("2.33").get("/v2.1/os-hypervisors/detail?limit=1&marker=" + ids.get(0)).then().statusCode(200)
                .body("hypervisors", hasSize(1)).body("hypervisors[0].id", equalTo(ids.get(1)));
        // the last page has no next link
        admin("2.33").get("/v2.1/os-hypervisors?marker=" + ids.get(ids.size() - 2)).then().statusCode(200)
                .body("hypervisors", hasSize(1)).body("$", not(hasKey("hypervisors_links")));
        admin("2.33").get("/v2.1/os-hypervisors?marker=99999999").then().statusCode(400)
                .body("badRequest.message", equalTo("marker [99999999] not found"));
        admin("2.33").get("/v2.1/os-hypervisors?limit=-1").then().statusCode(400);

        List<String> uuids = admin("2.53").get("/v2.1/os-hypervisors").then().extract().path("hypervisors.id");
        tempest.check("v2_53.hypervisors", "list_hypervisors_detail",
                admin("2.53").get("/v2.1/os-hypervisors/detail?limit=1&marker=" + uuids.get(0))).then()
                .statusCode(200).body("hypervisors[0].id", equalTo(uuids.get(1)))
                .body("hypervisors_links[0].href", containsString("marker=" + uuids.get(1)));
        assertNotEquals(uuids.get(0), uuids.get(1));
    }

    @Test
    void everyCallIsForOperatorsOnly() {
        String host = hosts.compute("hv-policy");
        int id = idOf(SimulatedHosts.nodeOf(host));
        String member = keys.member("hv-member", "hv-project");
        String denied = "Policy doesn't allow os_compute_api:os-hypervisors:%s to be performed.";
        Map.of("/v2.1/os-hypervisors", "list", "/v2.1/os-hypervisors/detail", "list-detail",
                "/v2.1/os-hypervisors/statistics", "statistics", "/v2.1/os-hypervisors/" + id, "show",
                "/v2.1/os-hypervisors/" + id + "/uptime", "uptime", "/v2.1/os-hypervisors/" + host + "/search",
                "search", "/v2.1/os-hypervisors/" + host + "/servers", "servers")
                .forEach((path, rule) -> as(member, "2.1").get(path).then().statusCode(403)
                        .body("forbidden.message", equalTo(denied.formatted(rule))));
        admin("2.1").get("/v2.1/os-hypervisors/" + id).then().statusCode(200)
                .body("hypervisor.status", matchesPattern("enabled"));
    }
}
