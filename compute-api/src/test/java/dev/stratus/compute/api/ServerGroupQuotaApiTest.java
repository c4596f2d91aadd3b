package dev.stratus.compute.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.stratus.common.messaging.Messaging;
import dev.stratus.compute.api.servers.SchedulerStub;
import dev.stratus.compute.api.servers.TestImages;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Server group quotas as Nova counts them: {@code server_groups} per project and per user, each against
 * its own limit; {@code server_group_members} per group, counting only the requesting user's live servers
 * in it, against that user's limit.
 */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class ServerGroupQuotaApiTest {

    private static final String TOO_MANY_GROUPS = "Quota exceeded, too many server groups.";
    private static final String TOO_MANY_MEMBERS = "Quota exceeded, too many servers in group";

    @Inject
    ComputeTestKeys keys;

    @Inject
    Messaging messaging;

    @BeforeEach
    void attach() throws Exception {
        SchedulerStub.attach(messaging);
    }

    private static RequestSpecification as(String token, String version) {
        return given().header("X-Auth-Token", token).header("OpenStack-API-Version", "compute " + version)
                .contentType(ContentType.JSON);
    }

    private static String project(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void limit(String project, String user, String resource, int limit) {
        as(keys.admin(), "2.1").body("{\"quota_set\": {\"" + resource + "\": " + limit + "}}")
                .put("/v2.1/os-quota-sets/" + project + (user == null ? "" : "?user_id=" + user)).then()
                .statusCode(200).body("quota_set." + resource, equalTo(limit));
    }

    private static Response group(String token, String name) {
        return as(token, "2.1").body("{\"server_group\": {\"name\": \"" + name + "\", \"policies\": [\"affinity\"]}}")
                .post("/v2.1/os-server-groups");
    }

    private static Response boot(String token, String group, int count) {
        return as(token, "2.37").body("{\"server\": {\"name\": \"member\", \"imageRef\": \"" + TestImages.ACTIVE
                + "\", \"flavorRef\": \"1\", \"networks\": \"none\", \"min_count\": " + count + ", \"max_count\": "
                + count + "}, \"os:scheduler_hints\": {\"group\": \"" + group + "\"}}").post("/v2.1/servers");
    }

    @Test
    void serverGroupsCountPerProjectAndPerUserAgainstTheirOwnLimits() {
        String project = project("sgq-groups");
        limit(project, null, "server_groups", 4);
        limit(project, "sgq-ann", "server_groups", 2);
        String ann = keys.member("sgq-ann", project);
        String ben = keys.member("sgq-ben", project);

        // Ben's groups count for the project, not against Ann's own limit
        group(ben, "b1").then().statusCode(200);
        group(ben, "b2").then().statusCode(200);
        group(ann, "a1").then().statusCode(200);
        group(ann, "a2").then().statusCode(200);
        // Ann is at her limit of 2
        group(ann, "a3").then().statusCode(403).body("forbidden.message", equalTo(TOO_MANY_GROUPS));
        // the project is at its limit of 4, whatever Ben's own count
        group(ben, "b3").then().statusCode(403).body("forbidden.message", equalTo(TOO_MANY_GROUPS));

        as(ann, "2.1").get("/v2.1/limits").then().statusCode(200)
                .body("limits.absolute.maxServerGroups", equalTo(4))
                .body("limits.absolute.totalServerGroupsUsed", equalTo(4));

        // a user without a limit of their own is held to the project's, counted over the whole project
        limit(project, null, "server_groups", 5);
        String cat = keys.member("sgq-cat", project);
        group(cat, "c1").then().statusCode(200);
        group(cat, "c2").then().statusCode(403).body("forbidden.message", equalTo(TOO_MANY_GROUPS));
    }

    @Test
    void groupMembersCountOnlyTheRequestingUsersServers() {
        String project = project("sgq-members");
        limit(project, null, "server_group_members", 2);
        String dan = keys.member("sgq-dan", project);
        String eve = keys.member("sgq-eve", project);
        String group = group(dan, "spread").then().statusCode(200).extract().path("server_group.id");

        String first = boot(dan, group, 1).then().statusCode(202).extract().path("server.id");
        boot(dan, group, 1).then().statusCode(202);
        boot(dan, group, 1).then().statusCode(403).body("forbidden.message", equalTo(TOO_MANY_MEMBERS));
        // Eve's servers in the same group are counted apart from Dan's
        boot(eve, group, 2).then().statusCode(202);
        boot(eve, group, 1).then().statusCode(403).body("forbidden.message", equalTo(TOO_MANY_MEMBERS));
        as(dan, "2.1").get("/v2.1/os-server-groups/" + group).then().statusCode(200)
                .body("server_group.members", hasSize(4));

        // a deleted server no longer counts
        as(dan, "2.1").delete("/v2.1/servers/" + first).then().statusCode(204);
        boot(dan, group, 2).then().statusCode(403).body("forbidden.message", equalTo(TOO_MANY_MEMBERS));
        boot(dan, group, 1).then().statusCode(202);

        // a user's own limit applies to that user
        limit(project, "sgq-fay", "server_group_members", 1);
        String fay = keys.member("sgq-fay", project);
        boot(fay, group, 1).then().statusCode(202);
        boot(fay, group, 1).then().statusCode(403).body("forbidden.message", equalTo(TOO_MANY_MEMBERS));
    }
}
