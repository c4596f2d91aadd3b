package dev.stratus.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Keystone's password expiry, change upon first use and minimum password age: a password an administrator sets is
 * expired at once and only lets its user change it; one the user sets lasts 90 days and must be kept a day.
 */
@QuarkusTest
@TestProfile(PasswordExpiryTest.Enabled.class)
class PasswordExpiryTest {

    public static class Enabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "stratus.identity.security-compliance.change-password-upon-first-use", "true",
                    "stratus.identity.security-compliance.password-expires-days", "90",
                    "stratus.identity.security-compliance.minimum-password-age", "1");
        }
    }

    private static RequestSpecification as(String token) {
        return given().header("X-Auth-Token", token).contentType(ContentType.JSON);
    }

    private static Instant expiresAt(ValidatableResponse user) {
        return LocalDateTime.parse(user.extract().<String>path("user.password_expires_at")).toInstant(ZoneOffset.UTC);
    }

    @Test
    void adminSetPasswordsMustBeChangedAndSelfSetOnesKeptADay() {
        String admin = Tokens.admin();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String name = "pe-" + suffix;
        String project = as(admin).body("{\"project\": {\"name\": \"" + name + "\"}}").post("/v3/projects")
                .then().statusCode(201).extract().path("project.id");
        ValidatableResponse created = as(admin).body("{\"user\": {\"name\": \"" + name + "\", \"password\": \"first-"
                + suffix + "\"}}").post("/v3/users").then().statusCode(201);
        String user = created.extract().path("user.id");
        assertThat(expiresAt(created), lessThan(Instant.now().plusSeconds(5)));
        String member = as(admin).queryParam("name", "member").get("/v3/roles").then().statusCode(200)
                .extract().path("roles[0].id");
        as(admin).put("/v3/projects/" + project + "/users/" + user + "/roles/" + member).then().statusCode(204);

        String expired = "The password is expired and needs to be changed for user: " + user + ".";
        authenticate(name, "first-" + suffix).statusCode(401).body("error.message", equalTo(expired));
        change(user, "first-" + suffix, "second-" + suffix).statusCode(204);
        Instant expiry = expiresAt(as(admin).get("/v3/users/" + user).then().statusCode(200));
        assertThat(expiry, greaterThan(Instant.now().plus(Duration.ofDays(89))));
        authenticate(name, "second-" + suffix).statusCode(201)
                .body("token.user.password_expires_at", equalTo(as(admin).get("/v3/users/" + user).then()
                        .extract().path("user.password_expires_at")));

        change(user, "second-" + suffix, "third-" + suffix).statusCode(400).body("error.message", equalTo(
                "You cannot change your password at this time due to the minimum password age. Once you change your"
                        + " password, it must be used for 1 day(s) before it can be changed. Please try again in 0"
                        + " day(s) or contact your administrator to reset your password."));

        // An administrator's reset is neither held to the minimum age nor lasting: the user must change it.
        as(admin).body("{\"user\": {\"password\": \"reset-" + suffix + "\"}}").patch("/v3/users/" + user).then()
                .statusCode(200);
        authenticate(name, "reset-" + suffix).statusCode(401).body("error.message", equalTo(expired));
        change(user, "reset-" + suffix, "fourth-" + suffix).statusCode(204);
        authenticate(name, "fourth-" + suffix).statusCode(201);
    }

    /** A member of a project of its name, created by an administrator with {@code options}; its id. */
    private static String memberWithOptions(String admin, String name, String password, String options) {
        String project = as(admin).body("{\"project\": {\"name\": \"" + name + "\"}}").post("/v3/projects")
                .then().statusCode(201).extract().path("project.id");
        String user = as(admin).body("{\"user\": {\"name\": \"" + name + "\", \"password\": \"" + password
                + "\", \"options\": " + options + "}}").post("/v3/users").then().statusCode(201)
                .extract().path("user.id");
        String member = as(admin).queryParam("name", "member").get("/v3/roles").then().statusCode(200)
                .extract().path("roles[0].id");
        as(admin).put("/v3/projects/" + project + "/users/" + user + "/roles/" + member).then().statusCode(204);
        return user;
    }

    @Test
    void ignoreChangePasswordUponFirstUseKeepsAnAdministratorsPasswordUsable() {
        String admin = Tokens.admin();
        String name = "pe-first-" + UUID.randomUUID().toString().substring(0, 8);
        String user = memberWithOptions(admin, name, "pw-" + name,
                "{\"ignore_change_password_upon_first_use\": true}");
        assertThat(expiresAt(as(admin).get("/v3/users/" + user).then().statusCode(200)),
                greaterThan(Instant.now().plus(Duration.ofDays(89))));
        authenticate(name, "pw-" + name).statusCode(201);
        // An administrator's reset follows the option too.
        as(admin).body("{\"user\": {\"password\": \"reset-" + name + "\"}}").patch("/v3/users/" + user).then()
                .statusCode(200);
        authenticate(name, "reset-" + name).statusCode(201);
    }

    @Test
    void ignorePasswordExpiryKeepsAnExpiredPasswordUsable() {
        String admin = Tokens.admin();
        String name = "pe-never-" + UUID.randomUUID().toString().substring(0, 8);
        String user = memberWithOptions(admin, name, "pw-" + name, "{}");
        String expired = "The password is expired and needs to be changed for user: " + user + ".";
        authenticate(name, "pw-" + name).statusCode(401).body("error.message", equalTo(expired));

        as(admin).body("{\"user\": {\"options\": {\"ignore_password_expiry\": true}}}").patch("/v3/users/" + user)
                .then().statusCode(200);
        authenticate(name, "pw-" + name).statusCode(201);
        as(admin).body("{\"user\": {\"options\": {\"ignore_password_expiry\": null}}}").patch("/v3/users/" + user)
                .then().statusCode(200);
        authenticate(name, "pw-" + name).statusCode(401).body("error.message", equalTo(expired));

        // Exempt from both rules, a password set by an administrator gets no expiry at all.
        String both = "pe-both-" + UUID.randomUUID().toString().substring(0, 8);
        String exempt = memberWithOptions(admin, both, "pw-" + both,
                "{\"ignore_password_expiry\": true, \"ignore_change_password_upon_first_use\": true}");
        as(admin).get("/v3/users/" + exempt).then().statusCode(200)
                .body("user.password_expires_at", org.hamcrest.Matchers.nullValue());
        authenticate(both, "pw-" + both).statusCode(201);
    }

    private static ValidatableResponse authenticate(String name, String password) {
        return given().contentType(ContentType.JSON).body(Tokens.passwordBody(name, password, name))
                .post("/v3/auth/tokens").then();
    }

    private static ValidatableResponse change(String user, String original, String password) {
        return given().contentType(ContentType.JSON).body("{\"user\": {\"original_password\": \"" + original
                + "\", \"password\": \"" + password + "\"}}").post("/v3/users/" + user + "/password").then();
    }
}
