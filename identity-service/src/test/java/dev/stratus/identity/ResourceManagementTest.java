package dev.stratus.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ResourceManagementTest {

    private static RequestSpecification as(String token) {
        return given().header("X-Auth-Token", token).contentType(ContentType.JSON);
    }

    @Test
    void projectLifecycle() {
        String admin = Tokens.admin();
        String id = as(admin).body("{\"project\": {\"name\": \"lifecycle\", \"description\": \"d\"}}")
                .post("/v3/projects").then().statusCode(201)
                .body("project.domain_id", equalTo("default"))
                .body("project.enabled", equalTo(true))
                .body("project.links.self", org.hamcrest.Matchers.containsString("/v3/projects/"))
                .extract().path("project.id");
        as(admin).body("{\"project\": {\"name\": \"lifecycle\"}}").post("/v3/projects")
                .then().statusCode(409).body("error.code", equalTo(409));
        as(admin).queryParam("name", "lifecycle").get("/v3/projects")
                .then().statusCode(200).body("projects.id", hasItem(id));
        as(admin).body("{\"project\": {\"description\": \"changed\", \"enabled\": false}}")
                .patch("/v3/projects/" + id).then().statusCode(200)
                .body("project.description", equalTo("changed")).body("project.enabled", equalTo(false));
        as(admin).delete("/v3/projects/" + id).then().statusCode(204);
        as(admin).get("/v3/projects/" + id).then().statusCode(404)
                .body("error.message", equalTo("Could not find project: " + id + "."));
    }

    @Test
    void userRoleAssignmentAndScopedTokenForNewUser() {
        String admin = Tokens.admin();
        String project = as(admin).body("{\"project\": {\"name\": \"team-a\"}}").post("/v3/projects")
                .then().statusCode(201).extract().path("project.id");
        String user = as(admin).body("{\"user\": {\"name\": \"alice\", \"password\": \"alice-pw\","
                        + " \"email\": \"alice@example.org\"}}")
                .post("/v3/users").then().statusCode(201)
                .body("user.password", org.hamcrest.Matchers.nullValue())
                .body("user.email", equalTo("alice@example.org"))
                .extract().path("user.id");
        String member = as(admin).queryParam("name", "member").get("/v3/roles")
                .then().statusCode(200).extract().path("roles[0].id");

        as(admin).put("/v3/projects/" + project + "/users/" + user + "/roles/" + member).then().statusCode(204);
        as(admin).put("/v3/projects/" + project + "/users/" + user + "/roles/" + member).then().statusCode(204);
        as(admin).head("/v3/projects/" + project + "/users/" + user + "/roles/" + member).then().statusCode(204);
        as(admin).get("/v3/projects/" + project + "/users/" + user + "/roles")
                .then().statusCode(200).body("roles.name", hasItem("member"));
        as(admin).queryParam("user.id", user).queryParam("include_names", "true").get("/v3/role_assignments")
                .then().statusCode(200)
                .body("role_assignments[0].role.name", equalTo("member"))
                .body("role_assignments[0].scope.project.name", equalTo("team-a"))
                .body("role_assignments[0].user.name", equalTo("alice"));
        as(admin).queryParam("user.id", user).queryParam("effective", "true").get("/v3/role_assignments")
                .then().statusCode(200).body("role_assignments.size()", equalTo(2));

        String alice = Tokens.issue("alice", "alice-pw", "team-a");
        as(alice).get("/v3/auth/projects").then().statusCode(200).body("projects.name", hasItem("team-a"));
        as(alice).get("/v3/users/" + user + "/projects").then().statusCode(200)
                .body("projects.name", hasItem("team-a"));

        // Removing the role revokes the tokens that carried it.
        as(admin).delete("/v3/projects/" + project + "/users/" + user + "/roles/" + member).then().statusCode(204);
        as(alice).get("/v3/auth/projects").then().statusCode(401);
        as(admin).head("/v3/projects/" + project + "/users/" + user + "/roles/" + member).then().statusCode(404);
    }

    @Test
    void memberCannotManageIdentity() {
        String demo = Tokens.demo();
        as(demo).body("{\"user\": {\"name\": \"mallory\", \"password\": \"x\"}}").post("/v3/users")
                .then().statusCode(403)
                .body("error.code", equalTo(403))
                .body("error.title", equalTo("Forbidden"))
                .body("error.message", equalTo(
                        "You are not authorized to perform the requested action: identity:create_user."));
        as(demo).get("/v3/users").then().statusCode(403);
        as(demo).body("{\"project\": {\"name\": \"nope\"}}").post("/v3/projects").then().statusCode(403);
        as(Tokens.admin()).queryParam("name", "mallory").get("/v3/users")
                .then().statusCode(200).body("users.name", not(hasItem("mallory")));
    }

    @Test
    void badInputGetsClearErrors() {
        String admin = Tokens.admin();
        as(admin).body("{\"project\": {}}").post("/v3/projects").then().statusCode(400)
                .body("error.message", org.hamcrest.Matchers.containsString("'name'"));
        as(admin).body("{\"nothing\": {}}").post("/v3/users").then().statusCode(400)
                .body("error.message", org.hamcrest.Matchers.startsWith("Expecting to find user"));
        as(admin).body("{\"user\": {\"name\": \"x\", \"enabled\": \"yes\"}}").post("/v3/users").then().statusCode(400);
        as(admin).body("{\"project\": ").post("/v3/projects").then().statusCode(400);
        as(admin).body("{\"endpoint\": {\"service_id\": \"nope\", \"interface\": \"public\","
                + " \"url\": \"http://x:1/\"}}").post("/v3/endpoints").then().statusCode(400);
        as(admin).body("{\"user\": {\"name\": \"y\", \"domain_id\": \"missing\"}}").post("/v3/users")
                .then().statusCode(404);
    }

    @Test
    void catalogManagement() {
        String admin = Tokens.admin();
        String service = as(admin).body("{\"service\": {\"type\": \"compute\", \"name\": \"nova\"}}")
                .post("/v3/services").then().statusCode(201).extract().path("service.id");
        as(admin).body("{\"endpoint\": {\"service_id\": \"" + service + "\", \"interface\": \"public\","
                        + " \"region_id\": \"RegionOne\", \"url\": \"http://127.0.0.1:8774/v2.1\"}}")
                .post("/v3/endpoints").then().statusCode(201).body("endpoint.region", equalTo("RegionOne"));
        // The catalog of a token issued afterwards carries the new service.
        given().contentType(ContentType.JSON)
                .body(Tokens.passwordBody("admin", IdentityTestResource.ADMIN_PASSWORD, "admin"))
                .post("/v3/auth/tokens").then().statusCode(201)
                .body("token.catalog.type", hasItem("compute"));
        as(Tokens.demo()).get("/v3/auth/catalog").then().statusCode(200).body("catalog.type", hasItem("compute"));
        as(admin).delete("/v3/services/" + service).then().statusCode(204);
        as(admin).queryParam("service_id", service).get("/v3/endpoints")
                .then().statusCode(200).body("endpoints.size()", equalTo(0));
    }

    @Test
    void domainsRequireDisablingBeforeDeletion() {
        String admin = Tokens.admin();
        String id = as(admin).body("{\"domain\": {\"name\": \"other\"}}").post("/v3/domains")
                .then().statusCode(201).extract().path("domain.id");
        as(admin).delete("/v3/domains/" + id).then().statusCode(403);
        as(admin).body("{\"domain\": {\"enabled\": false}}").patch("/v3/domains/" + id).then().statusCode(200);
        as(admin).delete("/v3/domains/" + id).then().statusCode(204);
    }

    @Test
    void deletingARoleRevokesTokensThatCarryIt() {
        String admin = Tokens.admin();
        String role = as(admin).body("{\"role\": {\"name\": \"observer\"}}").post("/v3/roles")
                .then().statusCode(201).extract().path("role.id");
        String user = as(admin).body("{\"user\": {\"name\": \"olga\", \"password\": \"olga-pw\"}}")
                .post("/v3/users").then().statusCode(201).extract().path("user.id");
        String demo = as(admin).queryParam("name", "demo").get("/v3/projects").then().extract().path("projects[0].id");
        as(admin).get("/v3/domains/default/users/" + user + "/roles").then().statusCode(200)
                .body("roles.size()", equalTo(0));
        as(admin).put("/v3/projects/" + demo + "/users/" + user + "/roles/" + role).then().statusCode(204);
        String olga = Tokens.issue("olga", "olga-pw", "demo");
        as(olga).get("/v3/auth/projects").then().statusCode(200);
        as(admin).delete("/v3/roles/" + role).then().statusCode(204);
        as(olga).get("/v3/auth/projects").then().statusCode(401);
        as(olga).get("/v3/auth/domains").then().statusCode(401);
    }

    @Test
    void impliedRolesAreListedAndExpandIntoTokens() {
        String admin = Tokens.admin();
        as(admin).get("/v3/role_inferences").then().statusCode(200)
                .body("role_inferences.find { it.prior_role.name == 'admin' }.implies.name", hasItem("member"));
        String auditor = as(admin).body("{\"role\": {\"name\": \"auditor\"}}").post("/v3/roles")
                .then().statusCode(201).extract().path("role.id");
        String reader = as(admin).queryParam("name", "reader").get("/v3/roles").then().extract().path("roles[0].id");
        as(admin).put("/v3/roles/" + auditor + "/implies/" + reader).then().statusCode(201)
                .body("role_inference.implies.name", equalTo("reader"));
        as(admin).head("/v3/roles/" + auditor + "/implies/" + reader).then().statusCode(204);
        as(admin).get("/v3/roles/" + auditor + "/implies").then().statusCode(200)
                .body("role_inference.implies.name", hasItem("reader"));
        String user = as(admin).body("{\"user\": {\"name\": \"audra\", \"password\": \"audra-pw\"}}")
                .post("/v3/users").then().statusCode(201).extract().path("user.id");
        String demo = as(admin).queryParam("name", "demo").get("/v3/projects").then().extract().path("projects[0].id");
        as(admin).put("/v3/projects/" + demo + "/users/" + user + "/roles/" + auditor).then().statusCode(204);
        given().contentType(ContentType.JSON).body(Tokens.passwordBody("audra", "audra-pw", "demo"))
                .post("/v3/auth/tokens").then().statusCode(201)
                .body("token.roles.name", org.hamcrest.Matchers.containsInAnyOrder("auditor", "reader"));
        as(admin).delete("/v3/roles/" + auditor + "/implies/" + reader).then().statusCode(204);
        as(admin).get("/v3/roles/" + auditor + "/implies/" + reader).then().statusCode(404);
    }

    @Test
    void groupGrantsReachMembersAndLeavingRevokes() {
        String admin = Tokens.admin();
        String group = as(admin).body("{\"group\": {\"name\": \"ops\", \"description\": \"operators\"}}")
                .post("/v3/groups").then().statusCode(201).body("group.domain_id", equalTo("default"))
                .extract().path("group.id");
        as(admin).body("{\"group\": {\"name\": \"ops\"}}").post("/v3/groups").then().statusCode(409);
        String project = as(admin).body("{\"project\": {\"name\": \"ops-project\"}}").post("/v3/projects")
                .then().statusCode(201).extract().path("project.id");
        String user = as(admin).body("{\"user\": {\"name\": \"gina\", \"password\": \"gina-pw\"}}")
                .post("/v3/users").then().statusCode(201).extract().path("user.id");
        String member = as(admin).queryParam("name", "member").get("/v3/roles").then().extract().path("roles[0].id");

        as(admin).put("/v3/groups/" + group + "/users/" + user).then().statusCode(204);
        as(admin).head("/v3/groups/" + group + "/users/" + user).then().statusCode(204);
        as(admin).get("/v3/groups/" + group + "/users").then().statusCode(200).body("users.name", hasItem("gina"));
        as(admin).get("/v3/users/" + user + "/groups").then().statusCode(200).body("groups.name", hasItem("ops"));
        as(admin).put("/v3/projects/" + project + "/groups/" + group + "/roles/" + member).then().statusCode(204);
        as(admin).head("/v3/projects/" + project + "/groups/" + group + "/roles/" + member).then().statusCode(204);

        as(admin).queryParam("group.id", group).get("/v3/role_assignments").then().statusCode(200)
                .body("role_assignments[0].group.id", equalTo(group))
                .body("role_assignments[0].scope.project.id", equalTo(project));
        as(admin).queryParam("user.id", user).queryParam("effective", "true").get("/v3/role_assignments")
                .then().statusCode(200).body("role_assignments.size()", equalTo(2))
                .body("role_assignments[0].user.id", equalTo(user));

        String gina = Tokens.issue("gina", "gina-pw", "ops-project");
        as(gina).get("/v3/auth/projects").then().statusCode(200).body("projects.name", hasItem("ops-project"));
        as(admin).delete("/v3/groups/" + group + "/users/" + user).then().statusCode(204);
        as(gina).get("/v3/auth/projects").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Tokens.passwordBody("gina", "gina-pw", "ops-project"))
                .post("/v3/auth/tokens").then().statusCode(401);
        as(admin).delete("/v3/groups/" + group).then().statusCode(204);
        as(admin).get("/v3/groups/" + group).then().statusCode(404);
        as(Tokens.demo()).get("/v3/groups").then().statusCode(403);
    }
}
