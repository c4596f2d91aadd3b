package dev.stratus.compute.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import dev.stratus.compute.api.persistence.ServerGroupRepository;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class ServerGroupsApiTest {

    static final String UUID_FORMAT = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Inject
    ComputeTestKeys keys;

    @Inject
    ServerGroupRepository repository;

    private RequestSpecification as(String token, String microversion) {
        return given().header("X-Auth-Token", token).header("OpenStack-API-Version", "compute " + microversion)
                .contentType(ContentType.JSON);
    }

    private static String legacy(String name, String policy) {
        return "{\"server_group\":{\"name\":\"" + name + "\",\"policies\":[\"" + policy + "\"]}}";
    }

    @Test
    void policiesListUpToTwoSixtyThreeWithOwnerFromTwoThirteen() {
        String alice = keys.member("sg-alice", "sg-project");
        String id = as(alice, "2.1").body(legacy("web", "anti-affinity")).post("/v2.1/os-server-groups").then()
                .statusCode(200)
                .body("server_group.keySet()", containsInAnyOrder("id", "name", "policies", "members", "metadata"))
                .body("server_group.id", matchesPattern(UUID_FORMAT))
                .body("server_group.name", equalTo("web"))
                .body("server_group.policies", contains("anti-affinity"))
                .body("server_group.members", hasSize(0))
                .body("server_group.metadata", equalTo(Map.of()))
                .extract().path("server_group.id");

        as(alice, "2.13").get("/v2.1/os-server-groups/" + id).then().statusCode(200)
                .body("server_group.keySet()", containsInAnyOrder("id", "name", "policies", "members", "metadata",
                        "project_id", "user_id"))
                .body("server_group.project_id", equalTo("sg-project"))
                .body("server_group.user_id", equalTo("sg-alice"));
        as(alice, "2.64").get("/v2.1/os-server-groups/" + id).then().statusCode(200)
                .body("server_group.keySet()", containsInAnyOrder("id", "name", "policy", "rules", "members",
                        "project_id", "user_id"))
                .body("server_group.policy", equalTo("anti-affinity"))
                .body("server_group.rules", equalTo(Map.of()));

        as(alice, "2.14").body(legacy("soft", "soft-affinity")).post("/v2.1/os-server-groups").then().statusCode(400)
                .body("badRequest.message", equalTo("Invalid input for field/attribute 0. Value: soft-affinity."
                        + " 'soft-affinity' is not one of ['anti-affinity', 'affinity']"));
        as(alice, "2.15").body(legacy("soft", "soft-affinity")).post("/v2.1/os-server-groups").then().statusCode(200)
                .body("server_group.policies", contains("soft-affinity"));
        as(alice, "2.1").body("{\"server_group\":{\"name\":\"two\",\"policies\":[\"affinity\",\"anti-affinity\"]}}")
                .post("/v2.1/os-server-groups").then().statusCode(400).body("badRequest.message", endsWith("is too long"));
        as(alice, "2.1").body("{\"server_group\":{\"name\":\"none\",\"policies\":[]}}")
                .post("/v2.1/os-server-groups").then().statusCode(400).body("badRequest.message", endsWith("is too short"));
        as(alice, "2.1").body("{\"server_group\":{\"name\":\"none\"}}").post("/v2.1/os-server-groups").then()
                .statusCode(400).body("badRequest.message", endsWith("'policies' is a required property"));
        as(alice, "2.1").body("{\"server_group\":{\"name\":\"x\",\"policy\":\"affinity\"}}")
                .post("/v2.1/os-server-groups").then().statusCode(400)
                .body("badRequest.message", equalTo("Additional properties are not allowed ('policy' was unexpected)"));
        as(alice, "2.1").body(legacy(" lead", "affinity")).post("/v2.1/os-server-groups").then().statusCode(400)
                .body("badRequest.message", equalTo("An invalid 'name' value was provided. The name must be: printable "
                        + "characters. Can not start or end with whitespace."));
    }

    @Test
    void policyAndRulesFromTwoSixtyFour() {
        String bob = keys.member("sg-bob", "sg-project-64");
        as(bob, "2.64").body("{\"server_group\":{\"name\":\"spread\",\"policy\":\"anti-affinity\","
                + "\"rules\":{\"max_server_per_host\":\"2\"}}}").post("/v2.1/os-server-groups").then().statusCode(200)
                .body("server_group.keySet()", containsInAnyOrder("id", "name", "policy", "rules", "members",
                        "project_id", "user_id"))
                .body("server_group.policy", equalTo("anti-affinity"))
                .body("server_group.rules.max_server_per_host", equalTo(2));
        as(bob, "2.64").body("{\"server_group\":{\"name\":\"soft\",\"policy\":\"soft-affinity\"}}")
                .post("/v2.1/os-server-groups").then().statusCode(200)
                .body("server_group.rules", equalTo(Map.of()));
        as(bob, "2.64").body("{\"server_group\":{\"name\":\"x\",\"policy\":\"affinity\","
                + "\"rules\":{\"max_server_per_host\":2}}}").post("/v2.1/os-server-groups").then().statusCode(400)
                .body("badRequest.message", equalTo("Only anti-affinity policy supports rules."));
        as(bob, "2.64").body("{\"server_group\":{\"name\":\"x\",\"policy\":\"anti-affinity\","
                + "\"rules\":{\"max_server_per_host\":0}}}").post("/v2.1/os-server-groups").then().statusCode(400)
                .body("badRequest.message", endsWith("is less than the minimum of 1"));
        as(bob, "2.64").body("{\"server_group\":{\"name\":\"x\",\"policy\":\"anti-affinity\","
                + "\"rules\":{\"other\":1}}}").post("/v2.1/os-server-groups").then().statusCode(400)
                .body("badRequest.message", equalTo("Additional properties are not allowed ('other' was unexpected)"));
        as(bob, "2.64").body("{\"server_group\":{\"name\":\"x\",\"policy\":\"cluster\"}}")
                .post("/v2.1/os-server-groups").then().statusCode(400)
                .body("badRequest.message", endsWith("'cluster' is not one of ['anti-affinity', 'affinity', "
                        + "'soft-anti-affinity', 'soft-affinity']"));
        as(bob, "2.64").body(legacy("x", "affinity")).post("/v2.1/os-server-groups").then().statusCode(400)
                .body("badRequest.message", equalTo("Additional properties are not allowed ('policies' was unexpected)"));
        as(bob, "2.64").body("{\"server_group\":{\"name\":\"x\"}}").post("/v2.1/os-server-groups").then()
                .statusCode(400).body("badRequest.message", endsWith("'policy' is a required property"));
        as(bob, "2.64").get("/v2.1/os-server-groups").then().statusCode(200)
                .body("server_groups.name", contains("spread", "soft"));
        as(bob, "2.63").get("/v2.1/os-server-groups").then().statusCode(200)
                .body("server_groups.policies", contains(List.of("anti-affinity"), List.of("soft-affinity")));
    }

    @Test
    void membersAreShown() {
        String carol = keys.member("sg-carol", "sg-project-members");
        String id = as(carol, "2.1").body(legacy("db", "affinity")).post("/v2.1/os-server-groups").then()
                .statusCode(200).extract().path("server_group.id");
        String first = java.util.UUID.randomUUID().toString();
        String second = java.util.UUID.randomUUID().toString();
        repository.addMembers(id, List.of(first, second));
        as(carol, "2.1").get("/v2.1/os-server-groups/" + id).then().statusCode(200)
                .body("server_group.members", containsInAnyOrder(first, second));
        repository.removeMember(first);
        as(carol, "2.64").get("/v2.1/os-server-groups").then().statusCode(200)
                .body("server_groups[0].members", contains(second));
    }

    @Test
    void groupsBelongToTheirProject() {
        String dave = keys.member("sg-dave", "sg-project-d");
        String ella = keys.member("sg-ella", "sg-project-e");
        String id = as(dave, "2.1").body(legacy("d-group", "affinity")).post("/v2.1/os-server-groups").then()
                .statusCode(200).extract().path("server_group.id");
        as(ella, "2.1").body(legacy("e-group", "affinity")).post("/v2.1/os-server-groups").then().statusCode(200);

        as(ella, "2.1").get("/v2.1/os-server-groups/" + id).then().statusCode(403)
                .body("forbidden.message", equalTo("Policy doesn't allow os_compute_api:os-server-groups:show to be performed."));
        as(ella, "2.1").delete("/v2.1/os-server-groups/" + id).then().statusCode(403);
        as(ella, "2.1").get("/v2.1/os-server-groups").then().statusCode(200)
                .body("server_groups.name", contains("e-group"));
        // a non-admin asking for all projects quietly gets its own, as in Nova
        as(ella, "2.1").get("/v2.1/os-server-groups?all_projects=True").then().statusCode(200)
                .body("server_groups.name", contains("e-group"));
        as(keys.admin(), "2.1").get("/v2.1/os-server-groups?all_projects=True").then().statusCode(200)
                .body("server_groups.name", hasItem("d-group")).body("server_groups.name", hasItem("e-group"));
        as(keys.admin(), "2.1").get("/v2.1/os-server-groups").then().statusCode(200)
                .body("server_groups.name", not(hasItem("d-group")));
        as(keys.admin(), "2.13").get("/v2.1/os-server-groups/" + id).then().statusCode(200)
                .body("server_group.project_id", equalTo("sg-project-d"));

        String reader = keys.reader("sg-reader", "sg-project-d");
        as(reader, "2.1").get("/v2.1/os-server-groups/" + id).then().statusCode(200);
        as(reader, "2.1").delete("/v2.1/os-server-groups/" + id).then().statusCode(403)
                .body("forbidden.message", equalTo("Policy doesn't allow os_compute_api:os-server-groups:delete to be performed."));
        as(reader, "2.1").body(legacy("r-group", "affinity")).post("/v2.1/os-server-groups").then().statusCode(403)
                .body("forbidden.message", equalTo("Policy doesn't allow os_compute_api:os-server-groups:create to be performed."));

        as(dave, "2.1").delete("/v2.1/os-server-groups/" + id).then().statusCode(204);
        as(dave, "2.1").delete("/v2.1/os-server-groups/" + id).then().statusCode(404)
                .body("itemNotFound.message", equalTo("Instance group " + id + " could not be found."));
        as(dave, "2.1").get("/v2.1/os-server-groups/" + id).then().statusCode(404);
        as(dave, "2.1").get("/v2.1/os-server-groups/nope").then().statusCode(404)
                .body("itemNotFound.message", equalTo("Instance group nope could not be found."));
    }

    @Test
    void listTakesLimitAndOffset() {
        String finn = keys.member("sg-finn", "sg-project-page");
        for (String name : List.of("g1", "g2", "g3")) {
            as(finn, "2.1").body(legacy(name, "affinity")).post("/v2.1/os-server-groups").then().statusCode(200);
        }
        as(finn, "2.1").get("/v2.1/os-server-groups?limit=2").then().statusCode(200)
                .body("server_groups.name", contains("g1", "g2"));
        as(finn, "2.1").get("/v2.1/os-server-groups?limit=2&offset=2").then().statusCode(200)
                .body("server_groups.name", contains("g3"));
        as(finn, "2.1").get("/v2.1/os-server-groups?limit=0").then().statusCode(200)
                .body("server_groups", hasSize(3));
        as(finn, "2.1").get("/v2.1/os-server-groups?offset=x").then().statusCode(400)
                .body("badRequest.message", equalTo("Invalid input for query parameters offset. Value: x. 'x' does not"
                        + " match '^[0-9]*$'"));
        as(finn, "2.74").get("/v2.1/os-server-groups?name=g1").then().statusCode(200).body("server_groups", hasSize(3));
        as(finn, "2.75").get("/v2.1/os-server-groups?name=g1").then().statusCode(400)
                .body("badRequest.message", equalTo("Additional properties are not allowed ('name' was unexpected)"));
    }

    @Test
    void serverGroupQuota() {
        as(keys.admin(), "2.1").body("{\"quota_set\":{\"server_groups\":1}}").put("/v2.1/os-quota-sets/sg-quota")
                .then().statusCode(200).body("quota_set.server_groups", equalTo(1));
        String gus = keys.member("sg-gus", "sg-quota");
        as(gus, "2.1").body(legacy("one", "affinity")).post("/v2.1/os-server-groups").then().statusCode(200);
        as(gus, "2.1").body(legacy("two", "affinity")).post("/v2.1/os-server-groups").then().statusCode(403)
                .body("forbidden.message", equalTo("Quota exceeded, too many server groups."));
        as(gus, "2.1").get("/v2.1/limits").then().statusCode(200)
                .body("limits.absolute.maxServerGroups", equalTo(1))
                .body("limits.absolute.totalServerGroupsUsed", equalTo(1));
    }
}
