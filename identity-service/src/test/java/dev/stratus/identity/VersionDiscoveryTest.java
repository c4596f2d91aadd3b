package dev.stratus.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = IdentityTestResource.class, restrictToAnnotatedClass = false)
class VersionDiscoveryTest {

    @Test
    void rootListsV3WithMultipleChoices() {
        given().when().get("/")
                .then().statusCode(300)
                .header("x-openstack-request-id", matchesPattern("req-[0-9a-f-]{36}"))
                .body("versions.values[0].id", equalTo("v3.14"))
                .body("versions.values[0].status", equalTo("stable"))
                .body("versions.values[0].links[0].href", endsWith("/v3/"))
                .body("versions.values[0].media-types[0].type", equalTo("application/vnd.openstack.identity-v3+json"));
    }

    @Test
    void v3DocumentAnswersWithoutToken() {
        given().when().get("/v3")
                .then().statusCode(200)
                .body("version.id", equalTo("v3.14"));
    }

    @Test
    void unknownPathIsKeystoneStyle404() {
        given().header("X-Auth-Token", Tokens.admin()).when().get("/v3/nothing-here")
                .then().statusCode(404)
                .body("error.code", equalTo(404))
                .body("error.title", equalTo("Not Found"));
    }

    @Test
    void jwksPublishesAtLeastPrimaryAndStagedKeys() {
        given().when().get("/.well-known/jwks.json")
                .then().statusCode(200)
                .body("keys.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(2))
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].alg", equalTo("RS256"));
    }
}
