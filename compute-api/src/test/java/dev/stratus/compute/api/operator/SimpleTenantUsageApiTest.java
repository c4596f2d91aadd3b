package dev.stratus.compute.api.operator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.messaging.Messaging;
import dev.stratus.compute.api.ComputeTestKeys;
import dev.stratus.compute.api.ComputeTestResource;
import dev.stratus.compute.api.servers.SchedulerStub;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * os-simple-tenant-usage over servers made through POST /servers and launched (and deleted) by the
 * state reports a node sends: hours within a window, weighted by the flavor (m1.tiny: 1 vCPU, 512 MB,
 * 1 GB).
 */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class SimpleTenantUsageApiTest {

    private static final DateTimeFormatter QUERY = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final String HOST = SchedulerStub.HOST;

    @Inject
    ComputeTestKeys keys;

    @Inject
    Messaging messaging;

    private HostedServers servers;
    private final TempestSchemas tempest = new TempestSchemas();

    @BeforeEach
    void attach() throws Exception {
        servers = new HostedServers(messaging);
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
        // hours are fractions: read them as doubles, not floats
        return given().config(RestAssuredConfig.config().jsonConfig(JsonConfig.jsonConfig()
                        .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)))
                .header("X-Auth-Token", token).header("OpenStack-API-Version", "compute " + version)
                .contentType(ContentType.JSON);
    }

    /** A project's servers: three launched at known times (one of them since deleted), one never launched. */
    private record Project(String id, String token, Instant base, String threeHours, String oneHour,
            String deleted, String neverLaunched) {

        String window(Duration fromBase, Duration toBase) {
            return "start=" + QUERY.format(base.minus(fromBase)) + "&end=" + QUERY.format(base.minus(toBase));
        }
    }

    private Project project(String prefix) {
        String projectId = SimulatedHosts.uniqueName(prefix);
        String token = keys.member(prefix + "-user", projectId);
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String a = servers.create(token, "usage-a");
        String b = servers.create(token, "usage-b");
        String d = servers.create(token, "usage-d");
        String c = servers.create(token, "usage-c");
        servers.active(a, HOST, HOST, base.minus(Duration.ofHours(3)));
        servers.active(b, HOST, HOST, base.minus(Duration.ofHours(1)));
        servers.active(d, HOST, HOST, base.minus(Duration.ofHours(4)));
        String admin = keys.admin();
        for (String id : List.of(a, b, d)) {
            HostedServers.await(admin, id, HOST, "ACTIVE");
        }
        as(token, "2.1").delete("/v2.1/servers/" + d).then().statusCode(204);
        servers.deleted(d, HOST, HOST);
        Eventually.until(() -> as(token, "2.1").get("/v2.1/servers/" + d).statusCode() == 404 ? Boolean.TRUE : null,
                "server " + d + " deleted");
        return new Project(projectId, token, base, a, b, d, c);
    }

    private static Map<String, Object> usageOf(JsonPath body, String path, String server) {
        List<Map<String, Object>> usages = body.getList(path);
        return usages.stream().filter(u -> server.equals(u.get("instance_id"))).findFirst()
                .orElseThrow(() -> new AssertionError(server + " not in " + usages));
    }

    @Test
    void aProjectsHoursWithinAWindow() {
        Project p = project("stu-show");
        // from 2 h before the base to 30 min before it
        String window = p.window(Duration.ofHours(2), Duration.ofMinutes(30));
        Response shown = tempest.check("v2_1.tenant_usages", "get_tenant_usage",
                as(p.token(), "2.1").get("/v2.1/os-simple-tenant-usage/" + p.id() + "?" + window));
        shown.then().statusCode(200)
                .body("tenant_usage.keySet()", containsInAnyOrder("tenant_id", "start", "stop", "total_hours",
                        "total_vcpus_usage", "total_memory_mb_usage", "total_local_gb_usage", "server_usages"))
                .body("tenant_usage.tenant_id", equalTo(p.id()))
                .body("tenant_usage.start", equalTo(QUERY.format(p.base().minus(Duration.ofHours(2))) + ".000000"))
                .body("tenant_usage.stop", equalTo(QUERY.format(p.base().minus(Duration.ofMinutes(30))) + ".000000"))
                // 1.5 h of the server launched 3 h before, 0.5 h of the one launched 1 h before, 1.5 h of the
                // one deleted since; the server that never launched is not charged
                .body("tenant_usage.total_hours", closeTo(3.5, 1e-6))
                .body("tenant_usage.total_vcpus_usage", closeTo(3.5, 1e-6))
                .body("tenant_usage.total_memory_mb_usage", closeTo(3.5 * 512, 1e-3))
                .body("tenant_usage.total_local_gb_usage", closeTo(3.5, 1e-6))
                .body("tenant_usage.server_usages", hasSize(3))
                .body("tenant_usage.server_usages.instance_id", not(org.hamcrest.Matchers.hasItem(p.neverLaunched())));
        JsonPath body = shown.jsonPath();
        Map<String, Object> a = usageOf(body, "tenant_usage.server_usages", p.threeHours());
        assertEquals(java.util.Set.of("instance_id", "name", "tenant_id", "flavor", "hours", "vcpus", "memory_mb",
                "local_gb", "started_at", "ended_at", "state", "uptime"), a.keySet());
        assertEquals("usage-a", a.get("name"));
        assertEquals(p.id(), a.get("tenant_id"));
        assertEquals("m1.tiny", a.get("flavor"));
        assertEquals(1.5, ((Number) a.get("hours")).doubleValue(), 1e-6);
        assertEquals(1, a.get("vcpus"));
        assertEquals(512, a.get("memory_mb"));
        assertEquals(1, a.get("local_gb"));
        assertEquals(QUERY.format(p.base().minus(Duration.ofHours(3))) + ".000000", a.get("started_at"));
        assertEquals(null, a.get("ended_at"));
        assertEquals("active", a.get("state"));
        long uptime = ((Number) a.get("uptime")).longValue();
        assertTrue(uptime >= 3 * 3600 && uptime < 3 * 3600 + 120, "uptime " + uptime);
        assertEquals(0.5, ((Number) usageOf(body, "tenant_usage.server_usages", p.oneHour()).get("hours"))
                .doubleValue(), 1e-6);
        Map<String, Object> d = usageOf(body, "tenant_usage.server_usages", p.deleted());
        assertEquals("terminated", d.get("state"));
        assertEquals(1.5, ((Number) d.get("hours")).doubleValue(), 1e-6);
        Instant ended = LocalDateTime.parse((String) d.get("ended_at")).toInstant(ZoneOffset.UTC);
        assertTrue(ended.isAfter(p.base().minusSeconds(1)), "ended at " + ended);

        // a window before every launch, and a project without servers: an empty object
        as(p.token(), "2.1").get("/v2.1/os-simple-tenant-usage/" + p.id() + "?"
                + p.window(Duration.ofHours(6), Duration.ofHours(5))).then().statusCode(200)
                .body("tenant_usage", equalTo(Map.of()));
        // (Tempest's schema has no room for Nova's empty object, so it is not checked against it)
        admin("2.1").get("/v2.1/os-simple-tenant-usage/" + UUID.randomUUID().toString().replace("-", "")).then()
                .statusCode(200).body("tenant_usage", equalTo(Map.of()));
        // an empty project id is nobody's usage, not the index
        admin("2.1").get("/v2.1/os-simple-tenant-usage/?" + p.window(Duration.ofHours(6), Duration.ofHours(5)))
                .then().statusCode(404);

        // the other accepted time formats
        String microseconds = "start=" + QUERY.format(p.base().minus(Duration.ofHours(2))) + ".000000&end="
                + QUERY.format(p.base().minus(Duration.ofMinutes(30))).replace('T', ' ') + ".000000";
        as(p.token(), "2.1").get("/v2.1/os-simple-tenant-usage/" + p.id() + "?" + microseconds).then()
                .statusCode(200).body("tenant_usage.total_hours", closeTo(3.5, 1e-6));
    }

    @Test
    void theWindowEndsNowAtTheLatest() {
        Project p = project("stu-now");
        Instant asked = Instant.now();
        JsonPath body = as(p.token(), "2.1").get("/v2.1/os-simple-tenant-usage/" + p.id()
                + "?start=" + QUERY.format(p.base().minus(Duration.ofHours(5))) + "&end=2100-01-01T00:00:00").then()
                .statusCode(200).extract().jsonPath();
        Instant stop = LocalDateTime.parse(body.getString("tenant_usage.stop")).toInstant(ZoneOffset.UTC);
        assertTrue(!stop.isBefore(asked.minusSeconds(1)) && stop.isBefore(Instant.now().plusSeconds(1)),
                "stop " + stop);
        double hours = ((Number) usageOf(body, "tenant_usage.server_usages", p.threeHours()).get("hours"))
                .doubleValue();
        assertTrue(hours > 2.99 && hours < 3.1, "hours " + hours);
        // no start and no end: an empty window ending now
        as(p.token(), "2.1").get("/v2.1/os-simple-tenant-usage/" + p.id()).then().statusCode(200);
    }

    @Test
    void everyProjectForOperatorsWithDetailsOnRequest() {
        Project p = project("stu-index");
        String window = p.window(Duration.ofHours(2), Duration.ofMinutes(30));
        Response summary = tempest.check("v2_1.tenant_usages", "list_tenant_usage",
                admin("2.1").get("/v2.1/os-simple-tenant-usage?" + window));
        summary.then().statusCode(200);
        List<Map<String, Object>> projects = summary.jsonPath().getList("tenant_usages");
        Map<String, Object> mine = projects.stream().filter(u -> p.id().equals(u.get("tenant_id"))).findFirst()
                .orElseThrow();
        assertEquals(java.util.Set.of("tenant_id", "start", "stop", "total_hours", "total_vcpus_usage",
                "total_memory_mb_usage", "total_local_gb_usage"), mine.keySet());
        assertEquals(3.5, ((Number) mine.get("total_hours")).doubleValue(), 1e-6);

        Response detailed = tempest.check("v2_1.tenant_usages", "list_tenant_usage",
                admin("2.1").get("/v2.1/os-simple-tenant-usage?detailed=1&" + window));
        List<Map<String, Object>> withServers = detailed.jsonPath().getList("tenant_usages");
        Map<String, Object> mineDetailed = withServers.stream().filter(u -> p.id().equals(u.get("tenant_id")))
                .findFirst().orElseThrow();
        assertEquals(3, ((List<?>) mineDetailed.get("server_usages")).size());
        admin("2.1").get("/v2.1/os-simple-tenant-usage?detailed=0&" + window).then()
                .body("tenant_usages[0]", not(hasKey("server_usages")));
    }

    @Test
    void pagesOverServersFrom240() {
        Project p = project("stu-page");
        String window = p.window(Duration.ofHours(2), Duration.ofMinutes(30));
        List<String> ordered = java.util.stream.Stream.of(p.threeHours(), p.oneHour(), p.deleted()).sorted().toList();
        String path = "/v2.1/os-simple-tenant-usage/" + p.id() + "?" + window;

        // before 2.40 there is no paging: limit is ignored
        as(p.token(), "2.39").get(path + "&limit=1").then().statusCode(200)
                .body("tenant_usage.server_usages", hasSize(3)).body("$", not(hasKey("tenant_usage_links")));

        Response first = as(p.token(), "2.40").get(path + "&limit=2");
        first.then().statusCode(200)
                .body("tenant_usage.server_usages.instance_id", equalTo(ordered.subList(0, 2)))
                .body("tenant_usage.total_hours", closeTo(hoursOf(ordered.subList(0, 2), p), 1e-6))
                .body("tenant_usage_links[0].rel", equalTo("next"))
                .body("tenant_usage_links[0].href", containsString("/os-simple-tenant-usage/" + p.id()))
                .body("tenant_usage_links[0].href", containsString("marker=" + ordered.get(1)));
        Response last = as(p.token(), "2.40").get(path + "&limit=2&marker=" + ordered.get(1));
        last.then().statusCode(200)
                .body("tenant_usage.server_usages.instance_id", equalTo(ordered.subList(2, 3)))
                .body("$", not(hasKey("tenant_usage_links")));
        as(p.token(), "2.40").get(path + "&marker=" + UUID.randomUUID()).then().statusCode(400)
                .body("badRequest.message", containsString("could not be found"));
        as(p.token(), "2.40").get(path + "&limit=x").then().statusCode(400);

        Response index = admin("2.40").get("/v2.1/os-simple-tenant-usage?limit=1&" + window);
        index.then().statusCode(200).body("tenant_usages", hasSize(1))
                .body("tenant_usages_links[0].rel", equalTo("next"));
    }

    private static double hoursOf(List<String> ids, Project p) {
        double sum = 0;
        for (String id : ids) {
            sum += id.equals(p.oneHour()) ? 0.5 : 1.5;
        }
        return sum;
    }

    @Test
    void badWindowsAndParameters() {
        String token = keys.member("stu-bad-user", "stu-bad");
        String path = "/v2.1/os-simple-tenant-usage/stu-bad";
        String order = "Invalid start time. The start time cannot occur after the end time.";
        as(token, "2.1").get(path + "?start=2024-01-02T00:00:00&end=2024-01-01T00:00:00").then().statusCode(400)
                .body("badRequest.message", equalTo(order));
        as(token, "2.1").get(path + "?start=2024-01-01T00:00:00&end=2024-01-01T00:00:00").then().statusCode(400)
                .body("badRequest.message", equalTo(order));
        as(token, "2.1").get(path + "?start=2100-01-01T00:00:00").then().statusCode(400)
                .body("badRequest.message", equalTo(order));
        for (String bad : List.of("2024-01-01", "yesterday", "2024-01-01T00:00:00Z")) {
            as(token, "2.1").get(path + "?start=" + bad + "&end=2024-02-01T00:00:00").then().statusCode(400)
                    .body("badRequest.message", equalTo("Invalid datetime string: Datetime is in invalid format"));
        }
        as(token, "2.74").get(path + "?start=2024-01-01T00:00:00&end=2024-02-01T00:00:00&sort=x").then()
                .statusCode(200);
        as(token, "2.75").get(path + "?start=2024-01-01T00:00:00&end=2024-02-01T00:00:00&sort=x").then()
                .statusCode(400).body("badRequest.message", equalTo("Additional properties are not allowed ('sort' "
                        + "was unexpected)"));
        admin("2.75").get("/v2.1/os-simple-tenant-usage?detailed=1&sort=x").then().statusCode(400);
        as(token, "2.39").get(path + "?start=2024-01-01T00:00:00&end=2024-02-01T00:00:00&limit=1&marker=x").then()
                .statusCode(200).body("tenant_usage", equalTo(Map.of()));
    }

    @Test
    void projectsSeeTheirOwnUsageOnly() {
        String token = keys.member("stu-own-user", "stu-own");
        as(token, "2.1").get("/v2.1/os-simple-tenant-usage").then().statusCode(403)
                .body("forbidden.message", equalTo("Policy doesn't allow os_compute_api:os-simple-tenant-usage:list"
                        + " to be performed."));
        as(token, "2.1").get("/v2.1/os-simple-tenant-usage/stu-own").then().statusCode(200)
                .body("tenant_usage", equalTo(Map.of()));
        as(keys.reader("stu-own-reader", "stu-own"), "2.1").get("/v2.1/os-simple-tenant-usage/stu-own").then()
                .statusCode(200);
        as(token, "2.1").get("/v2.1/os-simple-tenant-usage/stu-other").then().statusCode(403)
                .body("forbidden.message", equalTo("Policy doesn't allow os_compute_api:os-simple-tenant-usage:show"
                        + " to be performed."));
        admin("2.1").get("/v2.1/os-simple-tenant-usage/stu-other").then().statusCode(200)
                .body("tenant_usage", equalTo(Map.of()))
                .body("$", not(hasKey("tenant_usage_links")));
        admin("2.1").get("/v2.1/os-simple-tenant-usage").then().statusCode(200)
                .body("tenant_usages", org.hamcrest.Matchers.notNullValue());
        admin("2.1").get("/v2.1/os-simple-tenant-usage/stu-other?detailed=1").then().statusCode(200)
                .body("tenant_usage.server_usages", nullValue());
    }
}
