package dev.stratus.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KeyRotationTest {

    @Test
    void tokensSignedBeforeRotationStayValidAndNewOnesUseTheStagedKey() {
        String admin = Tokens.admin();
        String before = Tokens.demo();
        String stagedBefore = given().get("/.well-known/jwks.json").then().statusCode(200)
                .extract().jsonPath().getList("keys.kid", String.class).stream()
                .filter(k -> !k.equals(kidOf(before))).findFirst().orElseThrow();

        given().header("X-Auth-Token", Tokens.demo()).post("/v3/OS-STRATUS/signing-keys/rotate")
                .then().statusCode(403);
        given().header("X-Auth-Token", admin).post("/v3/OS-STRATUS/signing-keys/rotate")
                .then().statusCode(200)
                .body("signing_keys.primary", equalTo(stagedBefore))
                .body("signing_keys.published", hasItem(kidOf(before)));

        String after = Tokens.demo();
        assertNotEquals(kidOf(before), kidOf(after));
        org.junit.jupiter.api.Assertions.assertEquals(stagedBefore, kidOf(after));
        given().header("X-Auth-Token", before).get("/v3/auth/projects").then().statusCode(200);
        given().header("X-Auth-Token", after).get("/v3/auth/projects").then().statusCode(200);
        given().header("X-Auth-Token", Tokens.admin()).header("X-Subject-Token", before)
                .get("/v3/auth/tokens").then().statusCode(200);
    }

    private static String kidOf(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        return header.replaceAll(".*\"kid\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }
}
