package dev.stratus.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keystone's application credentials: create, authenticate with, list, show, delete; and who may. */
@QuarkusTest
class ApplicationCredentialsTest {

    private String admin;
    private String project;
    private String user;
    private String userName;
    private String token;
    private String member;
    private String reader;

    private static RequestSpecification as(String token) {
        return given().header("X-Auth-Token", token).contentType(ContentType.JSON);
    }

    private String roleId(String name) {
        return as(admin).queryParam("name", name).get("/v3/roles").then().statusCode(200)
                .extract().path("roles[0].id");
    }

    /** A fresh user with the member role on a fresh project, and its project-scoped token. */
    @BeforeEach
    void tenant() {
        admin = Tokens.admin();
        member = roleId("member");
        reader = roleId("reader");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        project = as(admin).body("{\"project\": {\"name\": \"ac-" + suffix + "\"}}").post("/v3/projects")
                .then().statusCode(201).extract().path("project.id");
        userName = "ac-" + suffix;
        user = as(admin).body("{\"user\": {\"name\": \"" + userName + "\", \"password\": \"pw-" + suffix + "\"}}")
                .post("/v3/users").then().statusCode(201).extract().path("user.id");
        as(admin).put("/v3/projects/" + project + "/users/" + user + "/roles/" + member).then().statusCode(204);
        token = Tokens.issue(userName, "pw-" + suffix, "ac-" + suffix);
    }

    private String credentials() {
        return "/v3/users/" + user + "/application_credentials";
    }

    private static String byId(String id, String secret) {
        return """
                {"auth": {"identity": {"methods": ["application_credential"],
                  "application_credential": {"id": "%s", "secret": "%s"}}}}""".formatted(id, secret);
    }

    @Test
    void aCredentialAuthenticatesAsItsUserOnItsProjectWithTheDelegatedRoles() {
        var created = as(token).body("{\"application_credential\": {\"name\": \"ci\", \"roles\": [{\"name\":"
                + " \"reader\"}]}}").post(credentials()).then().statusCode(201)
                .body("application_credential.project_id", equalTo(project))
                .body("application_credential.unrestricted", equalTo(false))
                .body("application_credential.expires_at", nullValue())
                .body("application_credential.roles.name", contains("reader"))
                .extract();
        String id = created.path("application_credential.id");
        String secret = created.path("application_credential.secret");

        as(token).get(credentials() + "/" + id).then().statusCode(200)
                .body("application_credential", not(hasKey("secret")))
                .body("application_credential.name", equalTo("ci"));

        var issued = given().contentType(ContentType.JSON).body(byId(id, secret)).post("/v3/auth/tokens")
                .then().statusCode(201)
                .body("token.methods", contains("application_credential"))
                .body("token.project.id", equalTo(project))
                .body("token.user.id", equalTo(user))
                .body("token.roles.name", contains("reader"))
                .body("token.application_credential.id", equalTo(id))
                .body("token.application_credential.restricted", equalTo(true))
                .extract();
        String credentialToken = issued.header("X-Subject-Token");
        as(admin).header("X-Subject-Token", credentialToken).get("/v3/auth/tokens").then().statusCode(200)
                .body("token.application_credential.name", equalTo("ci"));

        String byName = """
                {"auth": {"identity": {"methods": ["application_credential"], "application_credential": {
                  "name": "ci", "secret": "%s", "user": {"name": "%s", "domain": {"id": "default"}}}}}}"""
                .formatted(secret, userName);
        given().contentType(ContentType.JSON).body(byName).post("/v3/auth/tokens").then().statusCode(201);

        // A restricted credential manages no credentials, and its token is not exchanged for a wider one.
        as(credentialToken).body("{\"application_credential\": {\"name\": \"wider\"}}").post(credentials())
                .then().statusCode(403);
        as(credentialToken).body("{\"auth\": {\"identity\": {\"methods\": [\"token\"], \"token\": {\"id\": \""
                + credentialToken + "\"}}}}").post("/v3/auth/tokens").then().statusCode(403);

        // Deleting it revokes its tokens and it no longer authenticates.
        as(token).delete(credentials() + "/" + id).then().statusCode(204);
        as(admin).header("X-Subject-Token", credentialToken).get("/v3/auth/tokens").then().statusCode(404);
        as(credentialToken).get("/v3/users/" + user).then().statusCode(401);
        given().contentType(ContentType.JSON).body(byId(id, secret)).post("/v3/auth/tokens").then().statusCode(401);
        as(token).get(credentials() + "/" + id).then().statusCode(404);
        as(token).get("/v3/users/" + user).then().statusCode(200);
    }

    @Test
    void wrongSecretsAndBadRequestsAreRefused() {
        String id = as(token).body("{\"application_credential\": {\"name\": \"one\", \"secret\": \"s3cret\"}}")
                .post(credentials()).then().statusCode(201)
                .body("application_credential.secret", equalTo("s3cret"))
                .body("application_credential.roles.name", containsInAnyOrder("member", "reader"))
                .extract().path("application_credential.id");
        given().contentType(ContentType.JSON).body(byId(id, "wrong")).post("/v3/auth/tokens").then()
                .statusCode(401).body("error.message", containsString("Invalid application credential"));
        given().contentType(ContentType.JSON).body(byId(UUID.randomUUID().toString().replace("-", ""), "s3cret"))
                .post("/v3/auth/tokens").then().statusCode(401);
        String scoped = byId(id, "s3cret").replace("}}}}", "}}, \"scope\": {\"project\": {\"id\": \"" + project
                + "\"}}}}");
        given().contentType(ContentType.JSON).body(scoped).post("/v3/auth/tokens").then().statusCode(401)
                .body("error.message", containsString("cannot request a scope"));

        as(token).body("{\"application_credential\": {\"name\": \"one\"}}").post(credentials()).then()
                .statusCode(409);
        as(token).body("{\"application_credential\": {}}").post(credentials()).then().statusCode(400);
        as(token).body("{\"application_credential\": {\"name\": \"x\", \"roles\": [{\"name\": \"admin\"}]}}")
                .post(credentials()).then().statusCode(400).body("error.message", containsString("unassigned role"));
        as(token).body("{\"application_credential\": {\"name\": \"x\", \"expires_at\": \"2001-01-01T00:00:00\"}}")
                .post(credentials()).then().statusCode(400);
        as(token).body("{\"application_credential\": {\"name\": \"x\", \"access_rules\": [{\"path\": \"/v2.1/servers\","
                + " \"method\": \"FETCH\", \"service\": \"compute\"}]}}").post(credentials()).then().statusCode(400)
                .body("error.message", containsString("access_rules"));
        as(token).body("{\"application_credential\": {\"name\": \"x\", \"access_rules\": [{\"id\": \"nope\"}]}}")
                .post(credentials()).then().statusCode(404);
        as(Tokens.demo()).body("{\"application_credential\": {\"name\": \"theirs\"}}").post(credentials()).then()
                .statusCode(403);
        as(Tokens.demo()).get(credentials()).then().statusCode(403);
    }

    @Test
    void expiryListsAndLosingTheRoleEndTheCredential() {
        LocalDateTime later = LocalDateTime.now(ZoneOffset.UTC).plusHours(1).truncatedTo(ChronoUnit.MICROS)
                .withNano(123456000);
        as(token).body("{\"application_credential\": {\"name\": \"expiring\", \"expires_at\": \"" + later + "\"}}")
                .post(credentials()).then().statusCode(201)
                .body("application_credential.expires_at", equalTo(later.toString()));
        String secret = as(token).body("{\"application_credential\": {\"name\": \"second\"}}").post(credentials())
                .then().statusCode(201).extract().path("application_credential.secret");
        as(token).get(credentials()).then().statusCode(200)
                .body("application_credentials.name", containsInAnyOrder("expiring", "second"));
        as(token).queryParam("name", "second").get(credentials()).then().statusCode(200)
                .body("application_credentials.name", contains("second"));
        as(admin).get(credentials()).then().statusCode(200);

        String id = as(token).queryParam("name", "second").get(credentials()).then().extract()
                .path("application_credentials[0].id");
        as(admin).delete("/v3/projects/" + project + "/users/" + user + "/roles/" + member).then().statusCode(204);
        given().contentType(ContentType.JSON).body(byId(id, secret)).post("/v3/auth/tokens").then().statusCode(401);
        as(admin).get(credentials()).then().statusCode(200).body("application_credentials.size()", equalTo(0));
        // reader is implied by member; the test only checks the id is known
        as(admin).get("/v3/roles/" + reader).then().statusCode(200);
    }

    /**
     * A credential's access rules: shared with the user's identical rules, shown in its token, enforced by every
     * service on the request's method and path, and deletable only once no credential allows them.
     */
    @Test
    void accessRulesLimitTheCredentialsTokensToTheNamedRequests() {
        String rules = "/v3/users/" + user + "/access_rules";
        String selfPath = "/v3/users/" + user;
        var created = as(token).body("{\"application_credential\": {\"name\": \"narrow\", \"access_rules\": ["
                + "{\"service\": \"identity\", \"path\": \"/v3/users/*\", \"method\": \"GET\"},"
                + "{\"service\": \"compute\", \"path\": \"/v2.1/servers/**\", \"method\": \"GET\"}]}}")
                .post(credentials()).then().statusCode(201)
                .body("application_credential.access_rules.path", contains("/v3/users/*", "/v2.1/servers/**"))
                .extract();
        String id = created.path("application_credential.id");
        String ruleId = created.path("application_credential.access_rules[0].id");
        // The same rule again is the same rule; by id it is the user's own.
        as(token).body("{\"application_credential\": {\"name\": \"again\", \"access_rules\": ["
                + "{\"service\": \"identity\", \"path\": \"/v3/users/*\", \"method\": \"GET\"}]}}")
                .post(credentials()).then().statusCode(201)
                .body("application_credential.access_rules[0].id", equalTo(ruleId));
        as(token).get(rules).then().statusCode(200).body("access_rules.id", containsInAnyOrder(ruleId,
                created.path("application_credential.access_rules[1].id")));
        as(token).queryParam("service", "compute").get(rules).then().statusCode(200)
                .body("access_rules.method", contains("GET"));
        as(token).get(rules + "/" + ruleId).then().statusCode(200)
                .body("access_rule.path", equalTo("/v3/users/*"))
                .body("access_rule.links.self", containsString(rules + "/" + ruleId));

        String credentialToken = given().contentType(ContentType.JSON)
                .body(byId(id, created.path("application_credential.secret"))).post("/v3/auth/tokens").then()
                .statusCode(201).body("token.application_credential.access_rules.service",
                        contains("identity", "compute"))
                .extract().header("X-Subject-Token");
        as(credentialToken).get(selfPath).then().statusCode(200);
        as(credentialToken).get("/v3/projects").then().statusCode(401)
                .body("error.message", containsString("access rules"));
        as(credentialToken).get(selfPath + "/projects").then().statusCode(401);

        as(token).delete(rules + "/" + ruleId).then().statusCode(403);
        as(Tokens.demo()).get(rules).then().statusCode(403);
        as(token).delete(credentials() + "/" + id).then().statusCode(204);
        as(token).delete(rules + "/" + ruleId).then().statusCode(403);
        as(token).delete(credentials() + "/" + as(token).queryParam("name", "again").get(credentials()).then()
                .extract().path("application_credentials[0].id")).then().statusCode(204);
        as(token).delete(rules + "/" + ruleId).then().statusCode(204);
        as(token).get(rules + "/" + ruleId).then().statusCode(404);
        as(token).get(rules).then().statusCode(200).body("access_rules.service", contains("compute"));
    }
}
