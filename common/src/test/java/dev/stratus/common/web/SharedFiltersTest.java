package dev.stratus.common.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import dev.stratus.common.web.app.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SharedFiltersTest {

    @Inject
    TestKeys keys;

    @Test
    void everyResponseCarriesTheRequestIdHeaders() {
        var response = given().get("/v2.1/version").then().statusCode(200)
                .header("x-openstack-request-id", matchesPattern("req-[0-9a-f-]{36}")).extract();
        org.junit.jupiter.api.Assertions.assertEquals(response.header("x-openstack-request-id"),
                response.header("x-compute-request-id"));
        given().get("/v2.1/missing").then().statusCode(404)
                .header("x-openstack-request-id", matchesPattern("req-.*"));
    }

    @Test
    void microversionIsNegotiatedAndEchoed() {
        given().get("/v2.1/version").then().statusCode(200)
                .body("version", equalTo("2.1"))
                .header("OpenStack-API-Version", equalTo("compute 2.1"))
                .header("X-OpenStack-Nova-API-Version", equalTo("2.1"))
                .header("Vary", containsString("OpenStack-API-Version"));
        given().header("OpenStack-API-Version", "compute 2.53").get("/v2.1/version").then()
                .body("version", equalTo("2.53")).header("OpenStack-API-Version", equalTo("compute 2.53"));
        given().header("X-OpenStack-Nova-API-Version", "latest").get("/v2.1/version").then()
                .body("version", equalTo("2.90"));
    }

    @Test
    void badMicroversionsAreNovaFaults() {
        given().header("OpenStack-API-Version", "compute 2.x").get("/v2.1/version").then()
                .statusCode(400).body("badRequest.code", equalTo(400));
        given().header("OpenStack-API-Version", "compute 2.91").get("/v2.1/version").then()
                .statusCode(406).body("notAcceptable.message", containsString("maximum is 2.90"));
    }

    @Test
    void missingAndGarbledTokensAre401() {
        given().get("/v2.1/projects/p1/things").then().statusCode(401)
                .body("unauthorized.message", equalTo("The request you have made requires authentication."));
        given().header("X-Auth-Token", "garbage.garbage.garbage").get("/v2.1/projects/p1/things")
                .then().statusCode(401);
    }

    @Test
    void projectScopingAndRolesAreEnforced() {
        String member = keys.token("u1", "p1", List.of("member", "reader"));
        given().header("X-Auth-Token", member).get("/v2.1/projects/p1/things").then().statusCode(200)
                .body("user", equalTo("u1"));
        given().header("X-Auth-Token", member).get("/v2.1/projects/p2/things").then().statusCode(403)
                .body("forbidden.message", equalTo("Policy doesn't allow os_compute_api:things:list to be performed."));
        String admin = keys.token("root", "p9", List.of("admin", "member", "reader"));
        given().header("X-Auth-Token", admin).get("/v2.1/projects/p2/things").then().statusCode(200);
    }

    @Test
    void malformedJsonIs400AndUnsupportedMediaIs415() {
        String admin = keys.token("root", "p9", List.of("admin"));
        given().header("X-Auth-Token", admin).contentType("application/json").body("{\"a\": ")
                .post("/v2.1/things").then().statusCode(400).body("badRequest.code", equalTo(400));
        given().header("X-Auth-Token", admin).contentType("text/plain").body("x")
                .post("/v2.1/things").then().statusCode(415).body("badMediaType.code", equalTo(415));
        given().header("X-Auth-Token", admin).delete("/v2.1/things").then().statusCode(405)
                .body("badMethod.code", equalTo(405));
    }
}
