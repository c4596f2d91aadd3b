package dev.stratus.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * OS-INHERIT: a role granted on a domain or a project reaches the projects below it (role assignments,
 * tokens, the user's projects) and never the target itself; revoking it takes it away again.
 */
@QuarkusTest
class InheritedRolesTest {

    private static RequestSpecification as(String token) {
        return given().header("X-Auth-Token", token).contentType(ContentType.JSON);
    }

    private static String create(String admin, String collection, String member, String body) {
        return as(admin).body("{\"" + member + "\": " + body + "}").post("/v3/" + collection).then().statusCode(201)
                .extract().path(member + ".id");
    }

    private static RequestSpecification effective(String admin, String user, String project) {
        return as(admin).queryParam("effective", "").queryParam("user.id", user)
                .queryParam("scope.project.id", project);
    }

    @Test
    void aDomainGrantReachesEveryProjectOfTheDomainButNotTheDomain() {
        String admin = Tokens.admin();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String parent = create(admin, "projects", "project", "{\"name\": \"inh-parent-" + suffix + "\"}");
        String leaf = create(admin, "projects", "project", "{\"name\": \"inh-leaf-" + suffix + "\", \"parent_id\": \""
                + parent + "\"}");
        String user = create(admin, "users", "user", "{\"name\": \"inh-user-" + suffix + "\", \"password\": \"pw\"}");
        String role = create(admin, "roles", "role", "{\"name\": \"inh-role-" + suffix + "\"}");
        String grant = "/v3/OS-INHERIT/domains/default/users/" + user + "/roles/" + role + "/inherited_to_projects";

        as(admin).head(grant).then().statusCode(404);
        as(admin).put(grant).then().statusCode(204);
        as(admin).put(grant).then().statusCode(204);
        as(admin).head(grant).then().statusCode(204);
        as(admin).get("/v3/OS-INHERIT/domains/default/users/" + user + "/roles/inherited_to_projects").then()
                .statusCode(200).body("roles.id", equalTo(java.util.List.of(role)));
        // the plain grant APIs list direct grants only
        as(admin).get("/v3/domains/default/users/" + user + "/roles").then().body("roles", empty());

        as(admin).queryParam("user.id", user).get("/v3/role_assignments").then().statusCode(200)
                .body("role_assignments.size()", equalTo(1))
                .body("role_assignments[0].scope.domain.id", equalTo("default"))
                .body("role_assignments[0].scope.'OS-INHERIT:inherited_to'", equalTo("projects"))
                .body("role_assignments[0].links.assignment", endsWith(grant));
        effective(admin, user, parent).get("/v3/role_assignments").then()
                .body("role_assignments.role.id", hasItem(role));
        effective(admin, user, leaf).get("/v3/role_assignments").then()
                .body("role_assignments.role.id", hasItem(role));
        as(admin).queryParam("effective", "").queryParam("user.id", user).queryParam("scope.domain.id", "default")
                .get("/v3/role_assignments").then().body("role_assignments", empty());

        String token = Tokens.issue("inh-user-" + suffix, "pw", "inh-leaf-" + suffix);
        as(admin).header("X-Subject-Token", token).get("/v3/auth/tokens").then().statusCode(200)
                .body("token.roles.id", hasItem(role));
        as(token).get("/v3/auth/projects").then().body("projects.id", hasItem(leaf)).body("projects.id", hasItem(parent));

        as(admin).delete(grant).then().statusCode(204);
        as(admin).delete(grant).then().statusCode(404);
        as(token).get("/v3/auth/projects").then().statusCode(401);
        effective(admin, user, leaf).get("/v3/role_assignments").then().body("role_assignments", empty());
        given().contentType(ContentType.JSON).body(Tokens.passwordBody("inh-user-" + suffix, "pw", "inh-leaf-" + suffix))
                .post("/v3/auth/tokens").then().statusCode(401);
    }

    @Test
    void aProjectGrantReachesItsSubtreeAndAGroupGrantItsMembers() {
        String admin = Tokens.admin();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String parent = create(admin, "projects", "project", "{\"name\": \"sub-parent-" + suffix + "\"}");
        String leaf = create(admin, "projects", "project", "{\"name\": \"sub-leaf-" + suffix + "\", \"parent_id\": \""
                + parent + "\"}");
        String user = create(admin, "users", "user", "{\"name\": \"sub-user-" + suffix + "\", \"password\": \"pw\"}");
        String group = create(admin, "groups", "group", "{\"name\": \"sub-group-" + suffix + "\"}");
        as(admin).put("/v3/groups/" + group + "/users/" + user).then().statusCode(204);
        String role = create(admin, "roles", "role", "{\"name\": \"sub-role-" + suffix + "\"}");
        String grant = "/v3/OS-INHERIT/projects/" + parent + "/groups/" + group + "/roles/" + role
                + "/inherited_to_projects";

        as(admin).put(grant).then().statusCode(204);
        as(admin).get(grant).then().statusCode(204);
        effective(admin, user, leaf).get("/v3/role_assignments").then().body("role_assignments.role.id", hasItem(role));
        effective(admin, user, parent).get("/v3/role_assignments").then()
                .body("role_assignments.role.id", not(hasItem(role)));
        as(admin).queryParam("scope.OS-INHERIT:inherited_to", "projects").queryParam("group.id", group)
                .get("/v3/role_assignments").then().body("role_assignments.scope.project.id", equalTo(
                        java.util.List.of(parent)));

        // deleting the group takes its inherited grant with it
        as(admin).delete("/v3/groups/" + group).then().statusCode(204);
        effective(admin, user, leaf).get("/v3/role_assignments").then().body("role_assignments", empty());
    }

    @Test
    void unknownPartsAreNotFound() {
        String admin = Tokens.admin();
        String user = create(admin, "users", "user", "{\"name\": \"inh-404-" + UUID.randomUUID().toString()
                .substring(0, 8) + "\"}");
        String role = as(admin).queryParam("name", "member").get("/v3/roles").then().extract().path("roles[0].id");
        as(admin).put("/v3/OS-INHERIT/domains/no-such-domain/users/" + user + "/roles/" + role
                + "/inherited_to_projects").then().statusCode(404);
        as(admin).put("/v3/OS-INHERIT/domains/default/users/" + user + "/roles/no-such-role/inherited_to_projects")
                .then().statusCode(404);
        as(admin).put("/v3/OS-INHERIT/regions/default/users/" + user + "/roles/" + role + "/inherited_to_projects")
                .then().statusCode(404);
        as(Tokens.demo()).put("/v3/OS-INHERIT/domains/default/users/" + user + "/roles/" + role
                + "/inherited_to_projects").then().statusCode(403);
    }
}
