package dev.stratus.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TokenIssueTest {

    @Test
    void passwordTokenScopedToProjectCarriesRolesAndCatalog() {
        Response r = given().contentType(ContentType.JSON)
                .body(Tokens.passwordBody("admin", IdentityTestResource.ADMIN_PASSWORD, "admin"))
                .when().post("/v3/auth/tokens");
        r.then().statusCode(201)
                .header("X-Subject-Token", notNullValue())
                .body("token.methods", containsInAnyOrder("password"))
                .body("token.user.name", equalTo("admin"))
                .body("token.user.domain.id", equalTo("default"))
                .body("token.user.domain.name", equalTo("Default"))
                .body("token.project.name", equalTo("admin"))
                .body("token.project.domain.id", equalTo("default"))
                .body("token.roles.name", containsInAnyOrder("admin", "member", "reader"))
                .body("token.expires_at", org.hamcrest.Matchers.matchesPattern(
                        "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"))
                .body("token.audit_ids.size()", equalTo(1))
                .body("token.catalog.type", hasItem("identity"))
                .body("token.catalog.find { it.type == 'identity' }.endpoints.interface",
                        containsInAnyOrder("public", "internal", "admin"))
                .body("token.catalog.find { it.type == 'identity' }.endpoints[0].region", equalTo("RegionOne"));
    }

    @Test
    void userAndProjectById() {
        String admin = Tokens.admin();
        String userId = given().header("X-Auth-Token", admin).queryParam("name", "demo")
                .get("/v3/users").then().statusCode(200).extract().path("users[0].id");
        String projectId = given().header("X-Auth-Token", admin).queryParam("name", "demo")
                .get("/v3/projects").then().statusCode(200).extract().path("projects[0].id");
        given().contentType(ContentType.JSON).body("""
                {"auth": {"identity": {"methods": ["password"], "password": {"user": {"id": "%s",
                 "password": "%s"}}}, "scope": {"project": {"id": "%s"}}}}
                """.formatted(userId, IdentityTestResource.DEMO_PASSWORD, projectId))
                .post("/v3/auth/tokens")
                .then().statusCode(201)
                .body("token.project.id", equalTo(projectId))
                .body("token.roles.name", containsInAnyOrder("member", "reader"));
    }

    @Test
    void wrongPasswordIs401InKeystoneFormat() {
        given().contentType(ContentType.JSON).body(Tokens.passwordBody("admin", "wrong", "admin"))
                .post("/v3/auth/tokens")
                .then().statusCode(401)
                .header("X-Subject-Token", nullValue())
                .body("error.code", equalTo(401))
                .body("error.title", equalTo("Unauthorized"))
                .body("error.message", equalTo("The request you have made requires authentication."));
    }

    @Test
    void unknownUserIsIndistinguishableFromWrongPassword() {
        given().contentType(ContentType.JSON).body(Tokens.passwordBody("nobody", "x", null))
                .post("/v3/auth/tokens")
                .then().statusCode(401)
                .body("error.message", equalTo("The request you have made requires authentication."));
    }

    @Test
    void malformedJsonIs400() {
        given().contentType(ContentType.JSON).body("{\"auth\": {\"identity\": ")
                .post("/v3/auth/tokens")
                .then().statusCode(400)
                .body("error.code", equalTo(400))
                .body("error.title", equalTo("Bad Request"));
    }

    @Test
    void missingIdentityIs400() {
        given().contentType(ContentType.JSON).body("{\"auth\": {}}")
                .post("/v3/auth/tokens")
                .then().statusCode(400)
                .body("error.message", org.hamcrest.Matchers.startsWith("Expecting to find identity in auth"));
    }

    @Test
    void projectWithoutRoleIs401() {
        given().contentType(ContentType.JSON).body(Tokens.passwordBody("demo", IdentityTestResource.DEMO_PASSWORD,
                        "admin"))
                .post("/v3/auth/tokens")
                .then().statusCode(401)
                .body("error.message", org.hamcrest.Matchers.containsString("has no access to project"));
    }

    @Test
    void explicitlyUnscopedTokenHasNoRolesNorCatalog() {
        given().contentType(ContentType.JSON).body("""
                {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "demo",
                 "domain": {"id": "default"}, "password": "%s"}}}, "scope": "unscoped"}}
                """.formatted(IdentityTestResource.DEMO_PASSWORD))
                .post("/v3/auth/tokens")
                .then().statusCode(201)
                .body("token.project", nullValue())
                .body("token.roles", nullValue())
                .body("token.catalog", nullValue());
    }

    @Test
    void tokenMethodRescopesAndKeepsExpiry() {
        Response unscoped = given().contentType(ContentType.JSON).body("""
                {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "demo",
                 "domain": {"id": "default"}, "password": "%s"}}}, "scope": "unscoped"}}
                """.formatted(IdentityTestResource.DEMO_PASSWORD)).post("/v3/auth/tokens");
        unscoped.then().statusCode(201);
        String first = unscoped.header("X-Subject-Token");
        String expires = unscoped.path("token.expires_at");
        Response scoped = given().contentType(ContentType.JSON).body("""
                {"auth": {"identity": {"methods": ["token"], "token": {"id": "%s"}},
                 "scope": {"project": {"name": "demo", "domain": {"name": "Default"}}}}}
                """.formatted(first)).post("/v3/auth/tokens");
        scoped.then().statusCode(201)
                .body("token.methods", containsInAnyOrder("password", "token"))
                .body("token.project.name", equalTo("demo"))
                .body("token.audit_ids.size()", equalTo(2));
        assertEquals(expires, scoped.path("token.expires_at"));
        assertNotEquals(first, scoped.header("X-Subject-Token"));
    }

    @Test
    void defaultProjectScopesWhenNoScopeGiven() {
        given().contentType(ContentType.JSON).body(Tokens.passwordBody("demo", IdentityTestResource.DEMO_PASSWORD,
                        null))
                .post("/v3/auth/tokens")
                .then().statusCode(201)
                .body("token.project.name", equalTo("demo"));
    }
}
