package dev.stratus.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keystone's user options through the API: stored on create and update (a null removes one), shown by every user
 * view, refused with Keystone's schema messages, {@code lock_password}, and the bootstrap file's accounts.
 * The effects on lockout and expiry are in {@link SecurityComplianceTest} and {@link PasswordExpiryTest}, under
 * their settings.
 */
@QuarkusTest
class UserOptionsTest {

    private String admin;
    private String suffix;

    private static RequestSpecification as(String token) {
        return given().header("X-Auth-Token", token).contentType(ContentType.JSON);
    }

    @BeforeEach
    void adminToken() {
        admin = Tokens.admin();
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    private ValidatableResponse create(String name, String fields) {
        return as(admin).body("{\"user\": {\"name\": \"" + name + "\"" + fields + "}}").post("/v3/users").then();
    }

    private ValidatableResponse patch(String user, String fields) {
        return as(admin).body("{\"user\": {" + fields + "}}").patch("/v3/users/" + user).then();
    }

    @Test
    void optionsRoundTripThroughCreateUpdateShowAndList() {
        String name = "opt-" + suffix;
        String user = create(name, ", \"options\": {\"ignore_password_expiry\": true, \"multi_factor_auth_enabled\":"
                + " false, \"multi_factor_auth_rules\": [[\"password\", \"totp\"], [\"password\", \"token\"]]}")
                .statusCode(201)
                .body("user.options", equalTo(Map.of("ignore_password_expiry", true, "multi_factor_auth_enabled", false,
                        "multi_factor_auth_rules", List.of(List.of("password", "totp"), List.of("password", "token")))))
                .extract().path("user.id");
        as(admin).get("/v3/users/" + user).then().statusCode(200)
                .body("user.options.ignore_password_expiry", equalTo(true))
                .body("user.options.multi_factor_auth_enabled", equalTo(false))
                .body("user.options.multi_factor_auth_rules[1]", equalTo(List.of("password", "token")));

        patch(user, "\"options\": {\"lock_password\": true, \"ignore_password_expiry\": null,"
                + " \"multi_factor_auth_rules\": [[\"password\"]]}").statusCode(200)
                .body("user.options", equalTo(Map.of("lock_password", true, "multi_factor_auth_enabled", false,
                        "multi_factor_auth_rules", List.of(List.of("password")))));
        // An update without options leaves them alone.
        patch(user, "\"description\": \"kept\"").statusCode(200).body("user.options.lock_password", equalTo(true));
        as(admin).queryParam("name", name).get("/v3/users").then().statusCode(200)
                .body("users[0].options", equalTo(Map.of("lock_password", true, "multi_factor_auth_enabled", false,
                        "multi_factor_auth_rules", List.of(List.of("password")))));

        patch(user, "\"options\": {\"lock_password\": null, \"multi_factor_auth_enabled\": null,"
                + " \"multi_factor_auth_rules\": null, \"ignore_lockout_failure_attempts\": null}").statusCode(200)
                .body("user.options", equalTo(Map.of()));
        as(admin).get("/v3/users/" + user).then().statusCode(200).body("user.options", equalTo(Map.of()));
    }

    @Test
    void usersWithoutOptionsShowAnEmptyObject() {
        create("plain-" + suffix, "").statusCode(201).body("user.options", equalTo(Map.of()));
        create("empty-" + suffix, ", \"options\": {}").statusCode(201).body("user.options", equalTo(Map.of()));
    }

    @Test
    void unknownOptionsAndWrongTypesAreRefusedWithKeystonesMessages() {
        String user = create("bad-" + suffix, ", \"options\": {\"lock_password\": true}").statusCode(201)
                .extract().path("user.id");
        Map<String, String> refused = Map.ofEntries(
                Map.entry("{\"bogus\": true}",
                        "'user/options': Additional properties are not allowed ('bogus' was unexpected)"),
                Map.entry("{\"bogus\": true, \"other\": 1}",
                        "'user/options': Additional properties are not allowed ('bogus', 'other' were unexpected)"),
                Map.entry("{\"lock_password\": \"yes\"}",
                        "'user/options/lock_password': 'yes' is not of type 'boolean', 'null'"),
                Map.entry("{\"ignore_lockout_failure_attempts\": 1}",
                        "'user/options/ignore_lockout_failure_attempts': 1 is not of type 'boolean', 'null'"),
                Map.entry("{\"multi_factor_auth_rules\": \"password\"}",
                        "'user/options/multi_factor_auth_rules': 'password' is not of type 'array', 'null'"),
                Map.entry("{\"multi_factor_auth_rules\": [\"password\"]}",
                        "'user/options/multi_factor_auth_rules/0': 'password' is not of type 'array'"),
                Map.entry("{\"multi_factor_auth_rules\": [[\"password\", 1]]}",
                        "'user/options/multi_factor_auth_rules/0/1': 1 is not of type 'string'"),
                Map.entry("{\"multi_factor_auth_rules\": [[]]}",
                        "'user/options/multi_factor_auth_rules/0': [] should be non-empty"),
                Map.entry("{\"multi_factor_auth_rules\": [[\"totp\", \"totp\"]]}",
                        "'user/options/multi_factor_auth_rules/0': ['totp', 'totp'] has non-unique elements"),
                Map.entry("{\"multi_factor_auth_rules\": [[\"password\"], [\"password\"]]}",
                        "'user/options/multi_factor_auth_rules': [['password'], ['password']] has non-unique elements"),
                Map.entry("null", "'user/options': None is not of type 'object'"),
                Map.entry("[true]", "'user/options': [True] is not of type 'object'"));
        refused.forEach((options, message) -> {
            String expected = "Invalid input for field " + message;
            create("refused-" + suffix, ", \"options\": " + options).statusCode(400)
                    .body("error.code", equalTo(400)).body("error.title", equalTo("Bad Request"))
                    .body("error.message", equalTo(expected));
            patch(user, "\"enabled\": false, \"options\": " + options).statusCode(400)
                    .body("error.message", equalTo(expected));
        });
        as(admin).queryParam("name", "refused-" + suffix).get("/v3/users").then().body("users.size()", equalTo(0));
        as(admin).get("/v3/users/" + user).then().statusCode(200).body("user.enabled", equalTo(true))
                .body("user.options", equalTo(Map.of("lock_password", true)));
    }

    @Test
    void lockPasswordRefusesSelfServiceChangesButNotAdministratorResets() {
        String name = "locked-pw-" + suffix;
        String user = create(name, ", \"password\": \"first-" + suffix + "\", \"options\": {\"lock_password\": true}")
                .statusCode(201).extract().path("user.id");
        change(user, "first-" + suffix, "second-" + suffix).statusCode(400)
                .body("error.title", equalTo("Bad Request"))
                .body("error.message", equalTo("You cannot change your password at this time due to password policy"
                        + " disallowing password changes. Please contact your administrator to reset your password."));
        // The original password is still proved first: a wrong one is a 401, not the policy's 400.
        change(user, "wrong", "second-" + suffix).statusCode(401);
        authenticate(name, "first-" + suffix).statusCode(201);

        patch(user, "\"password\": \"reset-" + suffix + "\"").statusCode(200)
                .body("user.options.lock_password", equalTo(true));
        authenticate(name, "first-" + suffix).statusCode(401);
        authenticate(name, "reset-" + suffix).statusCode(201);

        patch(user, "\"options\": {\"lock_password\": false}").statusCode(200);
        change(user, "reset-" + suffix, "second-" + suffix).statusCode(204);
        authenticate(name, "second-" + suffix).statusCode(201);
    }

    @Test
    void theBootstrapFilesServiceAccountIsExemptFromLockoutAndExpiryAndTheAdminIsNot() {
        as(admin).queryParam("name", IdentityTestResource.SERVICE_USER).get("/v3/users").then().statusCode(200)
                .body("users[0].options", equalTo(Map.of("ignore_lockout_failure_attempts", true,
                        "ignore_password_expiry", true)))
                .body("users[0].password_expires_at", nullValue());
        as(admin).queryParam("name", "admin").get("/v3/users").then().statusCode(200)
                .body("users[0].options", equalTo(Map.of()));
        as(admin).queryParam("name", IdentityTestResource.OPERATOR_USER).get("/v3/users").then().statusCode(200)
                .body("users[0].options", equalTo(Map.of("lock_password", true,
                        "ignore_lockout_failure_attempts", true)));
        Tokens.issue(IdentityTestResource.SERVICE_USER, IdentityTestResource.SERVICE_PASSWORD, "service");
    }

    @Test
    void tokensNeedTheMethodsOfOneMultiFactorRule() {
        String name = "mfa-" + suffix;
        String project = as(admin).body("{\"project\": {\"name\": \"" + name + "\"}}").post("/v3/projects")
                .then().statusCode(201).extract().path("project.id");
        String user = create(name, ", \"password\": \"pw-" + suffix + "\"").statusCode(201).extract().path("user.id");
        String member = as(admin).queryParam("name", "member").get("/v3/roles").then().statusCode(200)
                .extract().path("roles[0].id");
        as(admin).put("/v3/projects/" + project + "/users/" + user + "/roles/" + member).then().statusCode(204);
        String token = Tokens.issue(name, "pw-" + suffix, name);
        var credential = as(token).body("{\"application_credential\": {\"name\": \"mfa\"}}")
                .post("/v3/users/" + user + "/application_credentials").then().statusCode(201).extract();
        String byCredential = """
                {"auth": {"identity": {"methods": ["application_credential"],
                  "application_credential": {"id": "%s", "secret": "%s"}}}}""".formatted(
                credential.path("application_credential.id"), credential.path("application_credential.secret"));

        // Only application credentials: the password alone satisfies no rule.
        patch(user, "\"options\": {\"multi_factor_auth_rules\": [[\"application_credential\"]]}").statusCode(200);
        authenticate(name, "pw-" + suffix).statusCode(401)
                .header("x-openstack-request-id", org.hamcrest.Matchers.notNullValue())
                .body("error.code", equalTo(401)).body("error.title", equalTo("Unauthorized"))
                .body("error.message", equalTo("Insufficient auth methods received for " + user
                        + ". Auth Methods Provided [password]."))
                .body("required_auth_methods", equalTo(List.of(List.of("application_credential"))));
        given().contentType(ContentType.JSON).body(byCredential).post("/v3/auth/tokens").then().statusCode(201);

        // Any one rule will do; a method this service does not have (totp) is not required.
        patch(user, "\"options\": {\"multi_factor_auth_rules\": [[\"application_credential\"],"
                + " [\"password\", \"totp\"]]}").statusCode(200);
        authenticate(name, "pw-" + suffix).statusCode(201);

        // Rules are not applied when multi_factor_auth_enabled is false.
        patch(user, "\"options\": {\"multi_factor_auth_rules\": [[\"application_credential\"]],"
                + " \"multi_factor_auth_enabled\": false}").statusCode(200);
        authenticate(name, "pw-" + suffix).statusCode(201);
        patch(user, "\"options\": {\"multi_factor_auth_enabled\": true}").statusCode(200);
        authenticate(name, "pw-" + suffix).statusCode(401);
    }

    private static ValidatableResponse authenticate(String name, String password) {
        return given().contentType(ContentType.JSON).body(Tokens.passwordBody(name, password, null))
                .post("/v3/auth/tokens").then();
    }

    private static ValidatableResponse change(String user, String original, String password) {
        return given().contentType(ContentType.JSON).body("{\"user\": {\"original_password\": \"" + original
                + "\", \"password\": \"" + password + "\"}}").post("/v3/users/" + user + "/password").then();
    }
}
