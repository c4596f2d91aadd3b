package dev.stratus.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Role grants on the system, for users and groups, as Keystone keeps and lists them. */
@QuarkusTest
class SystemGrantsTest {

    private static RequestSpecification as(String token) {
        return given().header("X-Auth-Token", token).contentType(ContentType.JSON);
    }

    @Test
    void usersAndGroupsAreGrantedListedCheckedAndRevokedOnTheSystem() {
        String admin = Tokens.admin();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String user = as(admin).body("{\"user\": {\"name\": \"sys-" + suffix + "\"}}").post("/v3/users").then()
                .statusCode(201).extract().path("user.id");
        String group = as(admin).body("{\"group\": {\"name\": \"sys-" + suffix + "\"}}").post("/v3/groups").then()
                .statusCode(201).extract().path("group.id");
        String role = as(admin).body("{\"role\": {\"name\": \"sys-role-" + suffix + "\"}}").post("/v3/roles").then()
                .statusCode(201).extract().path("role.id");

        for (String actor : List.of("users/" + user, "groups/" + group)) {
            String grant = "/v3/system/" + actor + "/roles/" + role;
            as(admin).head(grant).then().statusCode(404);
            as(admin).put(grant).then().statusCode(204);
            as(admin).head(grant).then().statusCode(204);
            as(admin).get("/v3/system/" + actor + "/roles").then().statusCode(200)
                    .body("roles.id", equalTo(List.of(role)));
        }
        as(admin).queryParam("user.id", user).get("/v3/role_assignments").then().statusCode(200)
                .body("role_assignments.size()", equalTo(1))
                .body("role_assignments[0].scope.system.all", equalTo(true))
                .body("role_assignments[0].links.assignment", endsWith("/v3/system/users/" + user + "/roles/" + role));
        as(admin).queryParam("scope.system", "all").queryParam("group.id", group).get("/v3/role_assignments")
                .then().body("role_assignments.role.id", equalTo(List.of(role)));

        for (String actor : List.of("users/" + user, "groups/" + group)) {
            as(admin).delete("/v3/system/" + actor + "/roles/" + role).then().statusCode(204);
            as(admin).get("/v3/system/" + actor + "/roles").then().body("roles", empty());
        }
        as(admin).put("/v3/system/users/no-such-user/roles/" + role).then().statusCode(404);
        as(admin).put("/v3/system/users/" + user + "/roles/no-such-role").then().statusCode(404);
        as(Tokens.demo()).put("/v3/system/users/" + user + "/roles/" + role).then().statusCode(403);
    }
}
