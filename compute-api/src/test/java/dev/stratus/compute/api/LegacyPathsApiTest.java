package dev.stratus.compute.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Nova's URL forms with the project id: /v2.1/{project_id}/... and the legacy v2.0 API at /v2/{project_id}/... */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class LegacyPathsApiTest {

    private static final String PROJECT = "0123456789abcdef0123456789abcdef";

    @Inject
    ComputeTestKeys keys;

    @Test
    void projectIdInTheUrlIsServedByTheV21Resources() {
        String token = keys.member("lena", PROJECT);
        given().header("X-Auth-Token", token).get("/v2.1/" + PROJECT + "/flavors/1").then().statusCode(200)
                .body("flavor.name", equalTo("m1.tiny"));
        given().header("X-Auth-Token", token).get("/v2.1/" + PROJECT + "/servers").then().statusCode(200);
        given().header("X-Auth-Token", token).header("OpenStack-API-Version", "compute 2.75")
                .get("/v2.1/" + PROJECT + "/flavors/1").then().statusCode(200)
                .header("OpenStack-API-Version", equalTo("compute 2.75"));
    }

    @Test
    void legacyV20IgnoresMicroversions() {
        String token = keys.member("lena", PROJECT);
        // 2.75 would show swap as 0; v2.0 answers as 2.1 whatever the client asks.
        given().header("X-Auth-Token", token).header("OpenStack-API-Version", "compute 2.75")
                .get("/v2/" + PROJECT + "/flavors/1").then().statusCode(200)
                .body("flavor.swap", equalTo("")).body("flavor.description", nullValue());
        given().header("X-Auth-Token", token).get("/v2/" + PROJECT + "/flavors").then().statusCode(200)
                .body("flavors.id", hasItem("1"));
    }

    @Test
    void anotherProjectsIdIsRefused() {
        String token = keys.member("lena", PROJECT);
        given().header("X-Auth-Token", token).get("/v2.1/fedcba9876543210fedcba9876543210/servers").then()
                .statusCode(400).body("badRequest.message", containsString("doesn't match"));
        given().get("/v2/" + PROJECT + "/servers").then().statusCode(401);
    }
}
