package dev.stratus.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keystone's OS-TRUST: trusts created by a trustor holding only custom roles (as Tempest's test_trusts does), read,
 * listed and deleted with Keystone's authorization, and trust-scoped tokens with and without impersonation.
 */
@QuarkusTest
class TrustsTest {

    private static final String TRUSTS = "/v3/OS-TRUST/trusts";

    private String admin;
    private String project;
    private String trustor;
    private String trustorName;
    private String trustorToken;
    private String trustee;
    private String trusteeName;
    private String delegated;
    private String delegatedName;
    private String notDelegated;
    private String suffix;

    private static RequestSpecification as(String token) {
        return given().header("X-Auth-Token", token).contentType(ContentType.JSON);
    }

    private String user(String name) {
        return as(admin).body("{\"user\": {\"name\": \"" + name + "\", \"password\": \"pw-" + suffix + "\"}}")
                .post("/v3/users").then().statusCode(201).extract().path("user.id");
    }

    private String role(String name) {
        return as(admin).body("{\"role\": {\"name\": \"" + name + "\"}}").post("/v3/roles").then().statusCode(201)
                .extract().path("role.id");
    }

    @BeforeEach
    void trustorWithTwoCustomRoles() {
        admin = Tokens.admin();
        suffix = UUID.randomUUID().toString().substring(0, 8);
        project = as(admin).body("{\"project\": {\"name\": \"tr-" + suffix + "\"}}").post("/v3/projects")
                .then().statusCode(201).extract().path("project.id");
        trustorName = "trustor-" + suffix;
        trustor = user(trustorName);
        trusteeName = "trustee-" + suffix;
        trustee = user(trusteeName);
        delegatedName = "Delegated-" + suffix;
        delegated = role(delegatedName);
        notDelegated = role("NotDelegated-" + suffix);
        as(admin).put("/v3/projects/" + project + "/users/" + trustor + "/roles/" + delegated).then().statusCode(204);
        as(admin).put("/v3/projects/" + project + "/users/" + trustor + "/roles/" + notDelegated).then()
                .statusCode(204);
        trustorToken = Tokens.issue(trustorName, "pw-" + suffix, "tr-" + suffix);
    }

    private String trustBody(boolean impersonation, String extra) {
        return """
                {"trust": {"trustor_user_id": "%s", "trustee_user_id": "%s", "project_id": "%s",
                  "roles": [{"name": "%s"}], "impersonation": %s%s}}"""
                .formatted(trustor, trustee, project, delegatedName, impersonation, extra);
    }

    private String createTrust(boolean impersonation, String extra) {
        return as(trustorToken).body(trustBody(impersonation, extra)).post(TRUSTS).then().statusCode(201)
                .extract().path("trust.id");
    }

    private String trusteePassword() {
        return Tokens.issue(trusteeName, "pw-" + suffix, null);
    }

    private static String trustScope(String trustId, String userName, String password) {
        return """
                {"auth": {"identity": {"methods": ["password"], "password": {"user": {
                  "name": "%s", "domain": {"id": "default"}, "password": "%s"}}},
                  "scope": {"OS-TRUST:trust": {"id": "%s"}}}}""".formatted(userName, password, trustId);
    }

    private io.restassured.response.ValidatableResponse trustToken(String trustId) {
        return given().contentType(ContentType.JSON).body(trustScope(trustId, trusteeName, "pw-" + suffix))
                .post("/v3/auth/tokens").then();
    }

    @Test
    void theTrustorCreatesShowsListsAndDeletesATrustWithItsRoles() {
        String expires = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        String id = as(trustorToken).body(trustBody(true, ", \"expires_at\": \"" + expires + "\""))
                .post(TRUSTS).then().statusCode(201)
                .body("trust.impersonation", equalTo(true))
                .body("trust.trustor_user_id", equalTo(trustor))
                .body("trust.trustee_user_id", equalTo(trustee))
                .body("trust.project_id", equalTo(project))
                .body("trust.expires_at", equalTo(expires.replace("Z", ".000000Z")))
                .body("trust.remaining_uses", nullValue())
                .body("trust.roles.name", contains(delegatedName))
                .body("trust.links.self", containsString("/v3/OS-TRUST/trusts/"))
                .extract().path("trust.id");

        as(trustorToken).get(TRUSTS + "/" + id).then().statusCode(200)
                .body("trust.roles.id", contains(delegated))
                .body("trust.roles[0].links.self", containsString("/v3/roles/" + delegated));
        as(trustorToken).get(TRUSTS + "/" + id + "/roles").then().statusCode(200)
                .body("roles.id", contains(delegated));
        as(trustorToken).get(TRUSTS + "/" + id + "/roles/" + delegated).then().statusCode(200)
                .body("role.name", equalTo(delegatedName));
        as(trustorToken).head(TRUSTS + "/" + id + "/roles/" + delegated).then().statusCode(200);
        as(trustorToken).get(TRUSTS + "/" + id + "/roles/" + notDelegated).then().statusCode(404);
        as(trustorToken).head(TRUSTS + "/" + id + "/roles/" + notDelegated).then().statusCode(404);

        // Tempest lists with a trailing slash; lists leave the roles out.
        as(trustorToken).queryParam("trustor_user_id", trustor).get(TRUSTS + "/").then().statusCode(200)
                .body("trusts", hasSize(1))
                .body("trusts[0].id", equalTo(id))
                .body("trusts[0]", not(hasKey("roles")));
        as(admin).get(TRUSTS).then().statusCode(200).body("trusts.id", hasItem(id));
        String trusteeToken = trusteePassword();
        as(trusteeToken).queryParam("trustee_user_id", trustee).get(TRUSTS).then().statusCode(200)
                .body("trusts.id", contains(id));
        as(trusteeToken).get(TRUSTS + "/" + id).then().statusCode(200);

        as(trustorToken).delete(TRUSTS + "/" + id).then().statusCode(204);
        as(trustorToken).get(TRUSTS + "/" + id).then().statusCode(404)
                .body("error.message", equalTo("Could not find trust: " + id + "."));
    }

    @Test
    void badRequestsAndOtherUsersAreRefused() {
        as(trustorToken).body(trustBody(true, ", \"expires_at\": \"bad.123Z\"")).post(TRUSTS).then()
                .statusCode(400);
        as(trustorToken).body(trustBody(true, ", \"expires_at\": \"2001-01-01T00:00:00Z\"")).post(TRUSTS).then()
                .statusCode(400);
        as(trustorToken).body(trustBody(true, ", \"remaining_uses\": 0")).post(TRUSTS).then().statusCode(400);
        as(trustorToken).body(trustBody(true, "").replace("\"impersonation\": true", "\"x\": 1")).post(TRUSTS)
                .then().statusCode(400);
        // Someone else cannot be the trustor, roles must be given and held.
        as(admin).body(trustBody(true, "")).post(TRUSTS).then().statusCode(403)
                .body("error.message", containsString("identity:create_trust"));
        as(trustorToken).body(trustBody(true, "").replace("[{\"name\": \"" + delegatedName + "\"}]", "[]"))
                .post(TRUSTS).then().statusCode(403);
        as(trustorToken).body(trustBody(true, "").replace("\"name\": \"" + delegatedName + "\"", "\"name\": \"admin\""))
                .post(TRUSTS).then().statusCode(404);
        as(trustorToken).body(trustBody(true, "").replace(trustee, "nobody")).post(TRUSTS).then().statusCode(404);

        String id = createTrust(false, "");
        String trusteeToken = trusteePassword();
        String stranger = Tokens.demo();
        as(stranger).get(TRUSTS + "/" + id).then().statusCode(403)
                .body("error.message", containsString("identity:get_trust"));
        as(stranger).get(TRUSTS + "/" + id + "/roles").then().statusCode(403);
        as(stranger).get(TRUSTS).then().statusCode(403);
        as(stranger).queryParam("trustor_user_id", trustor).get(TRUSTS).then().statusCode(403);
        as(trustorToken).get(TRUSTS).then().statusCode(403);
        as(trusteeToken).delete(TRUSTS + "/" + id).then().statusCode(403)
                .body("error.message", containsString("identity:delete_trust"));
        as(stranger).delete(TRUSTS + "/" + id).then().statusCode(403);
        as(admin).get(TRUSTS + "/" + id).then().statusCode(200);
        as(admin).get(TRUSTS + "/nope").then().statusCode(404);
    }

    @Test
    void aTrustTokenCarriesTheTrustsProjectAndRolesForTheTrustee() {
        String id = createTrust(false, "");
        String token = trustToken(id).statusCode(201)
                .body("token.user.id", equalTo(trustee))
                .body("token.project.id", equalTo(project))
                .body("token.roles.id", contains(delegated))
                .body("token.'OS-TRUST:trust'.id", equalTo(id))
                .body("token.'OS-TRUST:trust'.impersonation", equalTo(false))
                .body("token.'OS-TRUST:trust'.trustor_user.id", equalTo(trustor))
                .body("token.'OS-TRUST:trust'.trustee_user.id", equalTo(trustee))
                .extract().header("X-Subject-Token");
        as(admin).header("X-Subject-Token", token).get("/v3/auth/tokens").then().statusCode(200)
                .body("token.user.id", equalTo(trustee))
                .body("token.roles.id", contains(delegated))
                .body("token.'OS-TRUST:trust'.trustor_user.id", equalTo(trustor));

        // Not rescoped with the token method; not used by anyone but the trustee.
        as(token).body("{\"auth\": {\"identity\": {\"methods\": [\"token\"], \"token\": {\"id\": \"" + token
                + "\"}}}}").post("/v3/auth/tokens").then().statusCode(403);
        given().contentType(ContentType.JSON).body(trustScope(id, trustorName, "pw-" + suffix))
                .post("/v3/auth/tokens").then().statusCode(403)
                .body("error.message", equalTo("User is not a trustee."));
        trustToken("0123456789abcdef0123456789abcdef").statusCode(401)
                .body("error.message", equalTo("Could not find trust: 0123456789abcdef0123456789abcdef."));

        // Deleting the trust revokes its tokens and ends it.
        as(trustorToken).delete(TRUSTS + "/" + id).then().statusCode(204);
        as(admin).header("X-Subject-Token", token).get("/v3/auth/tokens").then().statusCode(404);
        as(token).get("/v3/users/" + trustee).then().statusCode(401);
        trustToken(id).statusCode(401);
    }

    @Test
    void anImpersonatingTrustTokenIsTheTrustors() {
        String id = createTrust(true, "");
        String token = trustToken(id).statusCode(201)
                .body("token.user.id", equalTo(trustor))
                .body("token.user.name", equalTo(trustorName))
                .body("token.roles.id", contains(delegated))
                .body("token.'OS-TRUST:trust'.impersonation", equalTo(true))
                .body("token.'OS-TRUST:trust'.trustee_user.id", equalTo(trustee))
                .extract().header("X-Subject-Token");
        as(admin).header("X-Subject-Token", token).get("/v3/auth/tokens").then().statusCode(200)
                .body("token.user.id", equalTo(trustor));

        // The trustor losing a delegated role revokes the trust's tokens; new ones are refused.
        as(admin).delete("/v3/projects/" + project + "/users/" + trustor + "/roles/" + delegated).then()
                .statusCode(204);
        as(token).get("/v3/users/" + trustor).then().statusCode(401);
        trustToken(id).statusCode(403).body("error.message", equalTo("Trustee has no delegated roles."));
    }

    @Test
    void remainingUsesCountDownAndAnExpiredTrustIsGone() throws InterruptedException {
        String limited = createTrust(false, ", \"remaining_uses\": 2");
        trustToken(limited).statusCode(201);
        as(trustorToken).get(TRUSTS + "/" + limited).then().statusCode(200).body("trust.remaining_uses", equalTo(1));
        trustToken(limited).statusCode(201);
        trustToken(limited).statusCode(401);
        as(trustorToken).get(TRUSTS + "/" + limited).then().statusCode(404);

        String expires = Instant.now().plusSeconds(3).toString();
        String shortLived = createTrust(false, ", \"expires_at\": \"" + expires + "\"");
        String token = trustToken(shortLived).statusCode(201).extract().header("X-Subject-Token");
        String tokenExpires = as(admin).header("X-Subject-Token", token).get("/v3/auth/tokens").then()
                .statusCode(200).extract().path("token.expires_at");
        org.junit.jupiter.api.Assertions.assertFalse(Instant.parse(tokenExpires).isAfter(Instant.parse(expires)),
                "a trust's token expires with the trust");
        Thread.sleep(3500);
        trustToken(shortLived).statusCode(401);
        as(trustorToken).get(TRUSTS + "/" + shortLived).then().statusCode(404);
    }
}
