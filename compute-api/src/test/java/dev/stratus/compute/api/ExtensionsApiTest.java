package dev.stratus.compute.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Nova's frozen {@code /v2.1/extensions}: what the CLI's {@code extension list --compute} reads. */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class ExtensionsApiTest {

    private static final String PROJECT = "0123456789abcdef0123456789abcdef";

    @Inject
    ComputeTestKeys keys;

    @Test
    void anyMemberListsTheServedExtensions() {
        given().header("X-Auth-Token", keys.member("lena", PROJECT)).get("/v2.1/extensions").then().statusCode(200)
                .body("extensions.name", hasItem("Hosts"))
                .body("extensions.alias", hasItem("os-consoles"))
                .body("extensions.alias", not(hasItem("os-fixed-ips")))
                .body("extensions.updated", everyItem(equalTo("2014-12-03T00:00:00Z")))
                .body("extensions.links", everyItem(hasSize(0)));
    }

    @Test
    void oneExtensionByAliasAndAnUnknownOne() {
        String token = keys.member("lena", PROJECT);
        given().header("X-Auth-Token", token).get("/v2.1/extensions/os-hosts").then().statusCode(200)
                .body("extension.alias", equalTo("os-hosts")).body("extension.name", equalTo("Hosts"));
        given().header("X-Auth-Token", token).get("/v2.1/extensions/os-cells").then().statusCode(404)
                .body("itemNotFound.code", equalTo(404));
        given().get("/v2.1/extensions").then().statusCode(401);
    }
}
