package dev.stratus.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.stratus.identity.service.SigningKeyRing;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TokenValidationTest {

    @Inject
    SigningKeyRing ring;

    @Test
    void validateOwnTokenReturnsBodyAndSubjectHeader() {
        String demo = Tokens.demo();
        given().header("X-Auth-Token", demo).header("X-Subject-Token", demo)
                .get("/v3/auth/tokens")
                .then().statusCode(200)
                .header("X-Subject-Token", equalTo(demo))
                .body("token.user.name", equalTo("demo"))
                .body("token.project.name", equalTo("demo"))
                .body("token.catalog.size()", org.hamcrest.Matchers.greaterThan(0));
        given().header("X-Auth-Token", demo).header("X-Subject-Token", demo)
                .head("/v3/auth/tokens").then().statusCode(200);
    }

    @Test
    void memberCannotValidateSomeoneElsesToken() {
        given().header("X-Auth-Token", Tokens.demo()).header("X-Subject-Token", Tokens.admin())
                .get("/v3/auth/tokens")
                .then().statusCode(403)
                .body("error.message", equalTo(
                        "You are not authorized to perform the requested action: identity:validate_token."));
    }

    @Test
    void revokedTokenIsRefusedEverywhere() {
        String admin = Tokens.admin();
        String victim = Tokens.demo();
        given().header("X-Auth-Token", victim).get("/v3/auth/projects").then().statusCode(200);
        given().header("X-Auth-Token", admin).header("X-Subject-Token", victim)
                .delete("/v3/auth/tokens").then().statusCode(204);
        given().header("X-Auth-Token", victim).get("/v3/auth/projects")
                .then().statusCode(401).body("error.code", equalTo(401));
        given().header("X-Auth-Token", admin).header("X-Subject-Token", victim)
                .get("/v3/auth/tokens").then().statusCode(404);
        given().header("X-Auth-Token", admin).header("X-Subject-Token", victim)
                .head("/v3/auth/tokens").then().statusCode(404);
        // A fresh token of the same user still works: only that token was revoked.
        given().header("X-Auth-Token", Tokens.demo()).get("/v3/auth/projects").then().statusCode(200);
    }

    @Test
    void missingGarbledForeignAndExpiredTokensAre401() throws Exception {
        given().get("/v3/auth/projects").then().statusCode(401)
                .body("error.message", equalTo("The request you have made requires authentication."));
        given().header("X-Auth-Token", "not-a-token").get("/v3/auth/projects").then().statusCode(401);
        given().header("X-Auth-Token", "Bearer " + Tokens.demo()).get("/v3/auth/projects").then().statusCode(401);

        var foreignKey = KeyPairGenerator.getInstance("RSA");
        foreignKey.initialize(2048);
        String kid = ring.current().primaryKid();
        String foreign = Jwt.claims().issuer("stratus-identity").subject("someone").claim("jti", "x")
                .claim("roles", List.of("admin")).issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(600))
                .jws().algorithm(SignatureAlgorithm.RS256).keyId(kid).sign(foreignKey.generateKeyPair().getPrivate());
        given().header("X-Auth-Token", foreign).get("/v3/auth/projects").then().statusCode(401);

        String expired = Jwt.claims().issuer("stratus-identity").subject("someone").claim("jti", "y")
                .claim("roles", List.of("admin")).issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600))
                .jws().algorithm(SignatureAlgorithm.RS256).keyId(kid).sign(ring.current().primaryKey());
        given().header("X-Auth-Token", expired).get("/v3/auth/projects").then().statusCode(401);

        String wrongIssuer = Jwt.claims().issuer("someone-else").subject("someone").claim("jti", "z")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(600))
                .jws().algorithm(SignatureAlgorithm.RS256).keyId(kid).sign(ring.current().primaryKey());
        given().header("X-Auth-Token", wrongIssuer).get("/v3/auth/projects").then().statusCode(401);
    }

    @Test
    void passwordChangeRevokesExistingTokens() {
        String admin = Tokens.admin();
        String userId = given().header("X-Auth-Token", admin).contentType("application/json")
                .body("{\"user\": {\"name\": \"pw-changer\", \"password\": \"old-pass\"}}")
                .post("/v3/users").then().statusCode(201).extract().path("user.id");
        String token = Tokens.issue("pw-changer", "old-pass", null);
        given().header("X-Auth-Token", token).contentType("application/json")
                .body("{\"user\": {\"original_password\": \"old-pass\", \"password\": \"new-pass\"}}")
                .post("/v3/users/" + userId + "/password").then().statusCode(204);
        given().header("X-Auth-Token", token).get("/v3/users/" + userId).then().statusCode(401);
        Tokens.issue("pw-changer", "new-pass", null);
        given().contentType("application/json").body(Tokens.passwordBody("pw-changer", "old-pass", null))
                .post("/v3/auth/tokens").then().statusCode(401);
    }

    @Test
    void revocationEventsAreListedForAdmins() {
        String admin = Tokens.admin();
        String victim = Tokens.demo();
        given().header("X-Auth-Token", admin).header("X-Subject-Token", victim)
                .delete("/v3/auth/tokens").then().statusCode(204);
        given().header("X-Auth-Token", admin).get("/v3/OS-REVOKE/events")
                .then().statusCode(200)
                .body("events.size()", org.hamcrest.Matchers.greaterThan(0))
                .body("events[0].issued_before", org.hamcrest.Matchers.notNullValue());
        given().header("X-Auth-Token", Tokens.demo()).get("/v3/OS-REVOKE/events").then().statusCode(403);
    }
}
