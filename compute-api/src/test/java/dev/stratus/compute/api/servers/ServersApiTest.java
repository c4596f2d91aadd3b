package dev.stratus.compute.api.servers;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stratus.common.compute.ActionEvent;
import dev.stratus.common.compute.InstanceAction;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.InstanceFault;
import dev.stratus.common.compute.ScheduleInstances;
import dev.stratus.compute.api.ComputeTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Servers through the Nova API, with a stub where the scheduler and a compute host would be: the build
 * requests and actions the API sends are recorded, and the state reports a node would send are sent to
 * the conductor topic the API listens on.
 */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class ServersApiTest extends ServerApiTestBase {

    private RequestSpecification as(String token, String version) {
        return ServerFixture.as(token, version);
    }

    private static String body(String name, String image, String extra) {
        return ServerFixture.body(name, image, extra);
    }

    private String create(String token, String name) {
        return fixture.create(token, name);
    }

    private void report(String id, String vmState, String taskState, boolean clearTask, Integer power,
            String host, ActionEvent event, InstanceFault fault) {
        fixture.report(id, vmState, taskState, clearTask, power, host, event, fault);
    }

    private void report(String id, String vmState, String taskState, boolean clearTask, Integer power,
            String host, ActionEvent event, InstanceFault fault, long sequence) {
        fixture.report(id, vmState, taskState, clearTask, power, host, event, fault, sequence);
    }

    private String activeServer(String token, String name) {
        return fixture.activeServer(token, name);
    }

    private void awaitStatus(String token, String id, String status) {
        fixture.awaitStatus(token, id, status);
    }

    private static <T> T await(Supplier<T> probe, String what) {
        return SchedulerStub.await(probe, what);
    }

    @Test
    void createAnswers202AndHandsOneBuildRequestToTheScheduler() {
        String alice = keys.member("alice", "p-create");
        Response created = as(alice, "2.37").body(body("web-1", TestImages.ACTIVE, "\"networks\": \"none\","
                + " \"metadata\": {\"role\": \"web\"}")).post("/v2.1/servers");
        created.then().statusCode(202)
                .header("Location", endsWith("/servers/" + created.path("server.id")))
                .body("server.OS-DCF:diskConfig", equalTo("MANUAL"))
                .body("server.security_groups[0].name", equalTo("default"))
                .body("server.links.rel", hasItem("self"))
                .body("server.adminPass", notNullValue());
        String id = created.path("server.id");

        ScheduleInstances schedule = stub.awaitSchedule(id);
        assertEquals(1, schedule.instances().size());
        InstanceBuild build = schedule.instances().get(0);
        assertEquals("web-1", build.name());
        assertEquals("1", build.flavor().id());
        assertEquals(TestImages.ACTIVE, build.image().id());
        assertEquals("web", build.metadata().get("role"));
        assertEquals(3, schedule.maxAttempts());
        assertEquals("p-create", schedule.spec().projectId());

        as(alice, "2.1").get("/v2.1/servers/" + id).then().statusCode(200)
                .body("server.status", equalTo("BUILD"))
                .body("server.OS-EXT-STS:vm_state", equalTo("building"))
                .body("server.OS-EXT-STS:task_state", equalTo("scheduling"))
                .body("server.metadata.role", equalTo("web"))
                .body("server.image.id", equalTo(TestImages.ACTIVE))
                .body("server.flavor.id", equalTo("1"))
                .body("server", not(hasKey("OS-EXT-SRV-ATTR:host")))
                .body("server", not(hasKey("fault")));
    }

    @Test
    void nodeReportsMakeTheServerActiveAndOlderReportsChangeNothing() {
        String bob = keys.member("bob", "p-active");
        String id = create(bob, "db-1");
        stub.awaitSchedule(id);
        String buildRequest = "req-" + UUID.randomUUID();
        Instant started = Instant.now();
        report(id, "building", "spawning", false, 0, SchedulerStub.HOST,
                new ActionEvent(buildRequest, "compute__do_build_and_run_instance", started, null, null,
                        SchedulerStub.HOST, null), null);
        long activeSequence = fixture.nextSequence();
        report(id, "active", null, true, 1, SchedulerStub.HOST, null, null, activeSequence);
        awaitStatus(bob, id, "ACTIVE");
        // A redelivered or overtaken report (lower sequence) must not move the server back.
        report(id, "error", null, true, 0, SchedulerStub.HOST, null, new InstanceFault(500, "late", null),
                activeSequence - 1);
        as(keys.admin(), "2.16").get("/v2.1/servers/" + id).then().statusCode(200)
                .body("server.status", equalTo("ACTIVE"))
                .body("server.OS-EXT-STS:power_state", equalTo(1))
                .body("server.OS-EXT-STS:task_state", nullValue())
                .body("server.OS-EXT-SRV-ATTR:host", equalTo(SchedulerStub.HOST))
                .body("server.OS-SRV-USG:launched_at", notNullValue())
                .body("server.hostId", not(equalTo("")))
                .body("server", not(hasKey("fault")));
        as(bob, "2.51").get("/v2.1/servers/" + id + "/os-instance-actions").then().statusCode(200)
                .body("instanceActions.action", hasItem("create"));
    }

    @Test
    void badCreateBodiesAre400WithTheReason() {
        String carol = keys.member("carol", "p-bad");
        as(carol, "2.37").body("{\"server\": {\"name\": \"x\", \"imageRef\": \"" + TestImages.ACTIVE
                + "\", \"networks\": \"none\"}}").post("/v2.1/servers").then().statusCode(400)
                .body("badRequest.code", equalTo(400));
        as(carol, "2.37").body(body("x", UUID.randomUUID().toString(), "\"networks\": \"none\""))
                .post("/v2.1/servers").then().statusCode(400)
                .body("badRequest.message", equalTo("Can not find requested image"));
        as(carol, "2.37").body(body("x", TestImages.QUEUED, "\"networks\": \"none\"")).post("/v2.1/servers")
                .then().statusCode(400).body("badRequest.message", equalTo("Image " + TestImages.QUEUED
                        + " is not active."));
        as(carol, "2.37").body(body("x", TestImages.PRIVATE, "\"networks\": \"none\"")).post("/v2.1/servers")
                .then().statusCode(400);
        as(carol, "2.37").body("{\"server\": {\"name\": \"x\", \"imageRef\": \"" + TestImages.ACTIVE
                + "\", \"flavorRef\": \"no-such-flavor\", \"networks\": \"none\"}}").post("/v2.1/servers")
                .then().statusCode(400).body("badRequest.message", equalTo("Flavor no-such-flavor could not be found."));
        as(carol, "2.37").body(body("x", TestImages.ACTIVE, "\"networks\": \"none\", \"min_count\": 3,"
                + " \"max_count\": 2")).post("/v2.1/servers").then().statusCode(400);
        // "none" as networks only exists from 2.37
        as(carol, "2.36").body(body("x", TestImages.ACTIVE, "\"networks\": \"none\"")).post("/v2.1/servers")
                .then().statusCode(400);
        as(carol, "2.37").body("{\"server\": [1]}").post("/v2.1/servers").then().statusCode(400);
        as(carol, "2.37").body("not json").post("/v2.1/servers").then().statusCode(400);
        as(carol, "2.37").get("/v2.1/servers").then().statusCode(200).body("servers", hasSize(0));
    }

    @Test
    void accessAddressesAreCanonicalAndSecurityGroupsMustExist() {
        String olga = keys.member("olga", "p-addr");
        String id = as(olga, "2.37").body(body("addr", TestImages.ACTIVE, "\"networks\": \"none\","
                + " \"accessIPv4\": \"1.1.1.1\", \"accessIPv6\": \"0000:0000:0000:0000:0000:babe:220.12.22.2\""))
                .post("/v2.1/servers").then().statusCode(202).extract().path("server.id");
        as(olga, "2.1").get("/v2.1/servers/" + id).then().body("server.accessIPv4", equalTo("1.1.1.1"))
                .body("server.accessIPv6", equalTo("::babe:dc0c:1602"));
        as(olga, "2.1").body("{\"server\": {\"accessIPv6\": \"2001:DB8:0:0:1:0:0:1\"}}").put("/v2.1/servers/" + id)
                .then().statusCode(200).body("server.accessIPv6", equalTo("2001:db8::1:0:0:1"));
        as(olga, "2.1").body("{\"server\": {\"accessIPv4\": \"300.1.1.1\"}}").put("/v2.1/servers/" + id)
                .then().statusCode(400);
        as(olga, "2.1").body("{\"server\": {\"accessIPv6\": \"not-an-address\"}}").put("/v2.1/servers/" + id)
                .then().statusCode(400);
        as(olga, "2.37").body(body("sg", TestImages.ACTIVE, "\"networks\": \"none\","
                + " \"security_groups\": [{\"name\": \"does_not_exist\"}]")).post("/v2.1/servers").then()
                .statusCode(400).body("badRequest.message", equalTo("Security group does_not_exist not found for"
                        + " project p-addr."));
        as(olga, "2.1").body("{\"removeSecurityGroup\": {\"name\": \"default\"}}")
                .post("/v2.1/servers/" + id + "/action").then().statusCode(202);
        // Nova leaves security_groups out of a server in none
        as(olga, "2.1").get("/v2.1/servers/" + id).then().body("server", not(hasKey("security_groups")));
        as(olga, "2.1").body("{\"addSecurityGroup\": {\"name\": \"nope\"}}")
                .post("/v2.1/servers/" + id + "/action").then().statusCode(400);
        as(olga, "2.1").get("/v2.1/servers/" + id + "/os-server-password").then().statusCode(200)
                .body("password", equalTo(""));
        as(olga, "2.1").delete("/v2.1/servers/" + id + "/os-server-password").then().statusCode(204);
    }

    @Test
    void unknownAndForeignServersAre404NeverAnError() {
        String dave = keys.member("dave", "p-own");
        String id = create(dave, "mine");
        String eve = keys.member("eve", "p-other");
        as(eve, "2.1").get("/v2.1/servers/" + id).then().statusCode(404)
                .body("itemNotFound.message", equalTo("Instance " + id + " could not be found."));
        as(eve, "2.1").delete("/v2.1/servers/" + id).then().statusCode(404);
        as(eve, "2.1").body("{\"os-stop\": null}").post("/v2.1/servers/" + id + "/action").then().statusCode(404);
        as(dave, "2.1").get("/v2.1/servers/mine").then().statusCode(404);
        as(dave, "2.1").get("/v2.1/servers/" + UUID.randomUUID()).then().statusCode(404);
        as(dave, "2.1").get("/v2.1/servers/" + UUID.randomUUID() + "/metadata").then().statusCode(404);
        as(keys.admin(), "2.1").get("/v2.1/servers/" + id).then().statusCode(200);
    }

    @Test
    void theEleventhServerIsOverTheInstancesQuota() {
        String frank = keys.member("frank", "p-quota");
        as(frank, "2.37").body(body("q", TestImages.ACTIVE, "\"networks\": \"none\", \"min_count\": 10,"
                + " \"max_count\": 10")).post("/v2.1/servers").then().statusCode(202);
        as(frank, "2.37").body(body("q-11", TestImages.ACTIVE, "\"networks\": \"none\"")).post("/v2.1/servers")
                .then().statusCode(403)
                .body("forbidden.message", equalTo("Quota exceeded for instances: Requested 1, but already used 10"
                        + " of 10 instances"));
        as(frank, "2.1").get("/v2.1/servers?name=^q-").then().statusCode(200).body("servers", hasSize(10));
    }

    @Test
    void multiCreateIsOneBuildRequestWithNumberedNames() {
        String gina = keys.member("gina", "p-multi");
        Response r = as(gina, "2.37").body(body("many", TestImages.ACTIVE, "\"networks\": \"none\","
                + " \"min_count\": 3, \"max_count\": 3, \"return_reservation_id\": true")).post("/v2.1/servers");
        r.then().statusCode(202).body("reservation_id", notNullValue());
        as(gina, "2.1").get("/v2.1/servers?reservation_id=" + r.path("reservation_id")).then().statusCode(200)
                .body("servers", hasSize(3)).body("servers.name", hasItem("many-1")).body("servers.name", hasItem("many-3"));
        String one = as(gina, "2.1").get("/v2.1/servers?name=many-2").then().extract().path("servers[0].id");
        ScheduleInstances schedule = stub.awaitSchedule(one);
        assertEquals(3, schedule.instances().size());
    }

    @Test
    void aServerWithoutHostIsDeletedAtOnceAndItsAllocationsReleased() {
        String hank = keys.member("hank", "p-del");
        String id = create(hank, "short-lived");
        as(hank, "2.1").delete("/v2.1/servers/" + id).then().statusCode(204);
        as(hank, "2.1").get("/v2.1/servers/" + id).then().statusCode(404);
        stub.awaitRelease(id);
        as(hank, "2.1").get("/v2.1/servers").then().body("servers", hasSize(0));
    }

    @Test
    void aServerOnAHostIsDeletedWhenItsNodeSaysSo() {
        String ivy = keys.member("ivy", "p-del-host");
        String id = activeServer(ivy, "on-host");
        as(ivy, "2.1").delete("/v2.1/servers/" + id).then().statusCode(204);
        as(ivy, "2.1").get("/v2.1/servers/" + id).then().statusCode(200)
                .body("server.OS-EXT-STS:task_state", equalTo("deleting"));
        report(id, "deleted", null, true, 0, SchedulerStub.HOST, null, null);
        await(() -> as(ivy, "2.1").get("/v2.1/servers/" + id).statusCode() == 404 ? Boolean.TRUE : null,
                "server " + id + " gone");
        stub.awaitRelease(id);
    }

    @Test
    void anErrorServerShowsItsFaultAndCanBeDeleted() {
        String jack = keys.member("jack", "p-err");
        String id = create(jack, "doomed");
        stub.awaitSchedule(id);
        report(id, "error", null, true, 0, null, null, new InstanceFault(500,
                "No valid host was found. There are not enough hosts available.", "no host had 512 MB free"));
        awaitStatus(jack, id, "ERROR");
        as(jack, "2.1").get("/v2.1/servers/" + id).then().statusCode(200)
                .body("server.fault.code", equalTo(500))
                .body("server.fault.message", equalTo("No valid host was found. There are not enough hosts available."))
                .body("server.fault.created", notNullValue())
                .body("server.fault", not(hasKey("details")));
        as(keys.admin(), "2.1").get("/v2.1/servers/" + id).then()
                .body("server.fault.details", equalTo("no host had 512 MB free"));
        as(jack, "2.1").delete("/v2.1/servers/" + id).then().statusCode(204);
        as(jack, "2.1").get("/v2.1/servers/" + id).then().statusCode(404);
    }

    @Test
    void stopNeedsAnActiveServerAndIsCastToItsHost() {
        String kim = keys.member("kim", "p-stop");
        String building = create(kim, "not-yet");
        as(kim, "2.1").body("{\"os-stop\": null}").post("/v2.1/servers/" + building + "/action").then()
                .statusCode(409).body("conflictingRequest.code", equalTo(409));

        String id = activeServer(kim, "stoppable");
        as(kim, "2.1").body("{\"os-stop\": null}").post("/v2.1/servers/" + id + "/action").then().statusCode(202);
        InstanceAction stop = stub.awaitAction(id, a -> a.action() == InstanceAction.Kind.STOP);
        as(kim, "2.1").get("/v2.1/servers/" + id).then()
                .body("server.OS-EXT-STS:task_state", equalTo("powering-off"));
        // a second stop while the first is under way is refused
        as(kim, "2.1").body("{\"os-stop\": null}").post("/v2.1/servers/" + id + "/action").then().statusCode(409);
        report(id, "stopped", null, true, 4, SchedulerStub.HOST, new ActionEvent(stop.actionRequestId(),
                "compute_stop_instance", Instant.now().minus(Duration.ofMillis(50)), Instant.now(), "Success",
                SchedulerStub.HOST, null), null);
        awaitStatus(kim, id, "SHUTOFF");
        as(kim, "2.51").get("/v2.1/servers/" + id + "/os-instance-actions/" + stop.actionRequestId()).then()
                .statusCode(200).body("instanceAction.action", equalTo("stop"))
                .body("instanceAction.events.event", hasItem("compute_stop_instance"))
                .body("instanceAction.events.find { it.event == 'compute_stop_instance' }.result",
                        equalTo("Success"));
        as(kim, "2.1").body("{\"reboot\": {\"type\": \"SOFT\"}}").post("/v2.1/servers/" + id + "/action").then()
                .statusCode(409);
        as(kim, "2.1").body("{\"no-such-action\": null}").post("/v2.1/servers/" + id + "/action").then()
                .statusCode(400);
    }

    @Test
    void listingFiltersPagesAndRejectsAnUnknownMarker() {
        String lee = keys.member("lee", "p-list");
        String a = create(lee, "pg-a");
        String b = create(lee, "pg-b");
        String c = create(lee, "other");
        as(lee, "2.1").get("/v2.1/servers?name=^pg-").then().statusCode(200).body("servers", hasSize(2))
                .body("servers.id", hasItem(a)).body("servers.id", hasItem(b));
        Response page = as(lee, "2.1").get("/v2.1/servers?limit=2");
        page.then().statusCode(200).body("servers", hasSize(2)).body("servers_links[0].rel", equalTo("next"));
        String marker = page.path("servers[1].id");
        as(lee, "2.1").get("/v2.1/servers?limit=2&marker=" + marker).then().statusCode(200)
                .body("servers", hasSize(1));
        as(lee, "2.1").get("/v2.1/servers?marker=" + UUID.randomUUID()).then().statusCode(400)
                .body("badRequest.message", notNullValue());
        as(lee, "2.1").get("/v2.1/servers/detail?status=BUILD").then().statusCode(200).body("servers", hasSize(3))
                .body("servers[0]", hasKey("OS-EXT-STS:vm_state"));
        as(lee, "2.1").get("/v2.1/servers?status=ACTIVE").then().statusCode(200).body("servers", hasSize(0));
        as(lee, "2.1").get("/v2.1/servers?changes-since=not-a-time").then().statusCode(400);
        as(lee, "2.1").get("/v2.1/servers/detail?image=" + TestImages.ACTIVE + "&flavor=1").then()
                .statusCode(200).body("servers", hasSize(3));
        as(lee, "2.1").get("/v2.1/servers?limit=-1").then().statusCode(400);
        // another project's listing is its own
        as(keys.member("may", "p-list-2"), "2.1").get("/v2.1/servers").then().body("servers", hasSize(0));
        as(keys.admin(), "2.1").get("/v2.1/servers?all_tenants=1&name=^pg-").then().body("servers", hasSize(2));
        // tenant_id narrows an all_tenants listing only (an empty all_tenants counts); alone it is ignored
        as(keys.admin(), "2.1").get("/v2.1/servers?all_tenants=&tenant_id=p-list").then().body("servers", hasSize(3));
        as(keys.admin(), "2.1").get("/v2.1/servers?tenant_id=p-list").then().body("servers.id", not(hasItem(a)));
        assertEquals(c, as(lee, "2.1").get("/v2.1/servers?name=other").then().extract().path("servers[0].id"));
    }

    @Test
    void theViewFollowsTheMicroversion() {
        String nia = keys.member("nia", "p-versions");
        String id = create(nia, "versioned");
        as(nia, "2.1").get("/v2.1/servers/" + id).then()
                .body("server.flavor.id", equalTo("1")).body("server.flavor.links", notNullValue())
                .body("server", not(hasKey("locked"))).body("server", not(hasKey("description")));
        as(nia, "2.9").get("/v2.1/servers/" + id).then().body("server.locked", equalTo(false));
        as(nia, "2.19").get("/v2.1/servers/" + id).then().body("server.description", nullValue())
                .body("server", hasKey("description"));
        as(nia, "2.47").get("/v2.1/servers/" + id).then()
                .body("server.flavor.original_name", equalTo("m1.tiny")).body("server.flavor.ram", equalTo(512))
                .body("server.flavor.vcpus", equalTo(1)).body("server.flavor", not(hasKey("id")));
        as(nia, "2.26").get("/v2.1/servers/" + id).then().body("server.tags", hasSize(0));
        as(nia, "2.94").get("/v2.1/servers/" + id).then().statusCode(406);
        as(nia, "2.93").get("/v2.1/servers/" + id).then().statusCode(200)
                .header("OpenStack-API-Version", equalTo("compute 2.93"));
    }
}
