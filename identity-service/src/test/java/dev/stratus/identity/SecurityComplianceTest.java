package dev.stratus.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keystone's [security_compliance] as Tempest's deployment turns it on: account lockout after 2 failed password
 * authentications (here for 2 s), a history of 2 passwords for self-service changes (not for an administrator's
 * reset), and a password strength rule.
 */
@QuarkusTest
@TestProfile(SecurityComplianceTest.Enabled.class)
class SecurityComplianceTest {

    static final String DESCRIPTION = "at least one letter and one digit, 7 characters or more";

    public static class Enabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "stratus.identity.security-compliance.lockout-failure-attempts", "2",
                    "stratus.identity.security-compliance.lockout-duration", "2",
                    "stratus.identity.security-compliance.unique-last-password-count", "2",
                    "stratus.identity.security-compliance.password-regex", "^(?=.*\\d)(?=.*[a-zA-Z]).{7,}$",
                    "stratus.identity.security-compliance.password-regex-description", DESCRIPTION);
        }
    }

    private String admin;
    private String suffix;
    private String user;
    private String userName;
    private String projectName;

    private static RequestSpecification as(String token) {
        return given().header("X-Auth-Token", token).contentType(ContentType.JSON);
    }

    @BeforeEach
    void aMemberOfAProject() {
        admin = Tokens.admin();
        suffix = UUID.randomUUID().toString().substring(0, 8);
        projectName = "sc-" + suffix;
        String project = as(admin).body("{\"project\": {\"name\": \"" + projectName + "\"}}").post("/v3/projects")
                .then().statusCode(201).extract().path("project.id");
        userName = "sc-user-" + suffix;
        user = as(admin).body("{\"user\": {\"name\": \"" + userName + "\", \"password\": \"" + pw(0) + "\"}}")
                .post("/v3/users").then().statusCode(201).body("user.password_expires_at", nullValue())
                .extract().path("user.id");
        String member = as(admin).queryParam("name", "member").get("/v3/roles").then().statusCode(200)
                .extract().path("roles[0].id");
        as(admin).put("/v3/projects/" + project + "/users/" + user + "/roles/" + member).then().statusCode(204);
    }

    private String pw(int n) {
        return "Passw0rd-" + n + "-" + suffix;
    }

    private ValidatableResponse authenticate(String password) {
        return given().contentType(ContentType.JSON).body(Tokens.passwordBody(userName, password, projectName))
                .post("/v3/auth/tokens").then();
    }

    private ValidatableResponse change(String original, String password) {
        return given().contentType(ContentType.JSON).body("{\"user\": {\"original_password\": \"" + original
                + "\", \"password\": \"" + password + "\"}}").post("/v3/users/" + user + "/password").then();
    }

    private void lockOut() {
        for (int i = 0; i < 2; i++) {
            authenticate("wrong-" + i).statusCode(401)
                    .body("error.message", equalTo("The request you have made requires authentication."));
        }
        authenticate(pw(0)).statusCode(401)
                .body("error.message", equalTo("The account is locked for user: " + user + "."));
    }

    @Test
    void failedAuthenticationsLockTheAccountForTheLockoutDuration() throws InterruptedException {
        authenticate(pw(0)).statusCode(201);
        lockOut();
        // Attempts while locked do not extend the lock.
        authenticate("wrong-again").statusCode(401)
                .body("error.message", equalTo("The account is locked for user: " + user + "."));
        Thread.sleep(2_300);
        authenticate(pw(0)).statusCode(201);
    }

    @Test
    void aSuccessfulAuthenticationResetsTheCount() {
        authenticate("wrong").statusCode(401);
        authenticate(pw(0)).statusCode(201);
        authenticate("wrong").statusCode(401);
        authenticate(pw(0)).statusCode(201);
    }

    @Test
    void enablingTheUserUnlocksIt() {
        lockOut();
        as(admin).body("{\"user\": {\"enabled\": true}}").patch("/v3/users/" + user).then().statusCode(200);
        authenticate(pw(0)).statusCode(201);
    }

    @Test
    void aWrongOriginalPasswordCountsTowardsTheLockout() {
        change("wrong-1", pw(1)).statusCode(401);
        change("wrong-2", pw(1)).statusCode(401);
        change(pw(0), pw(1)).statusCode(401)
                .body("error.message", equalTo("The account is locked for user: " + user + "."));
        authenticate(pw(0)).statusCode(401);
    }

    @Test
    void selfServiceChangesMayNotReuseTheLastTwoPasswords() {
        String history = "The new password cannot be identical to a previous password. The total number which"
                + " includes the new password must be unique is 2.";
        change(pw(0), pw(1)).statusCode(204);
        authenticate(pw(0)).statusCode(401);
        authenticate(pw(1)).statusCode(201);
        change(pw(1), pw(1)).statusCode(400).body("error.message", equalTo(history));
        change(pw(1), pw(0)).statusCode(400).body("error.message", equalTo(history));
        change(pw(1), pw(2)).statusCode(204);
        // pw(0) has left the last two (pw(1), pw(2)).
        change(pw(2), pw(0)).statusCode(204);
        authenticate(pw(0)).statusCode(201);
    }

    @Test
    void anAdministratorsResetIsNotHeldToTheHistory() {
        as(admin).body("{\"user\": {\"password\": \"" + pw(1) + "\"}}").patch("/v3/users/" + user).then()
                .statusCode(200);
        as(admin).body("{\"user\": {\"password\": \"" + pw(1) + "\"}}").patch("/v3/users/" + user).then()
                .statusCode(200);
        as(admin).body("{\"user\": {\"password\": \"" + pw(0) + "\"}}").patch("/v3/users/" + user).then()
                .statusCode(200);
        authenticate(pw(0)).statusCode(201);
        // The resets went into the history: pw(1) is among the last two.
        change(pw(0), pw(1)).statusCode(400);
    }

    @Test
    void weakPasswordsAreRefusedWithTheDescription() {
        String refused = "The password does not match the requirements: " + DESCRIPTION + ".";
        as(admin).body("{\"user\": {\"name\": \"weak-" + suffix + "\", \"password\": \"letters\"}}")
                .post("/v3/users").then().statusCode(400).body("error.message", equalTo(refused));
        as(admin).body("{\"user\": {\"password\": \"1234567\"}}").patch("/v3/users/" + user).then()
                .statusCode(400).body("error.message", equalTo(refused));
        change(pw(0), "short1").statusCode(400).body("error.message", equalTo(refused));
        authenticate(pw(0)).statusCode(201);
    }

    @Test
    void ignoreLockoutFailureAttemptsExemptsTheUserFromCountingAndLocking() {
        as(admin).body("{\"user\": {\"options\": {\"ignore_lockout_failure_attempts\": true}}}")
                .patch("/v3/users/" + user).then().statusCode(200)
                .body("user.options.ignore_lockout_failure_attempts", equalTo(true));
        for (int i = 0; i < 4; i++) {
            authenticate("wrong-" + i).statusCode(401)
                    .body("error.message", equalTo("The request you have made requires authentication."));
        }
        authenticate(pw(0)).statusCode(201);
        // Failures while exempt were not counted: once the option is removed, it takes two new ones to lock.
        as(admin).body("{\"user\": {\"options\": {\"ignore_lockout_failure_attempts\": null}}}")
                .patch("/v3/users/" + user).then().statusCode(200).body("user.options", equalTo(Map.of()));
        authenticate("wrong").statusCode(401);
        authenticate(pw(0)).statusCode(201);
        lockOut();
    }

    @Test
    void exemptingALockedUserLetsItIn() {
        lockOut();
        as(admin).body("{\"user\": {\"options\": {\"ignore_lockout_failure_attempts\": true}}}")
                .patch("/v3/users/" + user).then().statusCode(200);
        authenticate(pw(0)).statusCode(201);
    }

    @Test
    void theServicesAccountFromTheBootstrapFileCannotBeLockedOut() {
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).body(Tokens.passwordBody(IdentityTestResource.SERVICE_USER,
                    "wrong-" + i, "service")).post("/v3/auth/tokens").then().statusCode(401)
                    .body("error.message", equalTo("The request you have made requires authentication."));
        }
        Tokens.issue(IdentityTestResource.SERVICE_USER, IdentityTestResource.SERVICE_PASSWORD, "service");
    }

    @Test
    void lockPasswordComesBeforeTheHistoryRule() {
        as(admin).body("{\"user\": {\"options\": {\"lock_password\": true}}}").patch("/v3/users/" + user).then()
                .statusCode(200);
        change(pw(0), pw(0)).statusCode(400).body("error.message", equalTo("You cannot change your password at"
                + " this time due to password policy disallowing password changes. Please contact your administrator"
                + " to reset your password."));
    }
}
