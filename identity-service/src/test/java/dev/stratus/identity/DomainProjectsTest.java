package dev.stratus.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Keystone's projects acting as domains ({@code is_domain}): domains through the projects API. */
@QuarkusTest
class DomainProjectsTest {

    private static RequestSpecification as(String token) {
        return given().header("X-Auth-Token", token).contentType(ContentType.JSON);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String createDomainProject(String admin, String name) {
        return as(admin).body("{\"project\": {\"name\": \"" + name + "\", \"description\": \"acts as a domain\","
                        + " \"domain_id\": null, \"is_domain\": true}}")
                .post("/v3/projects").then().statusCode(201)
                .body("project.name", equalTo(name))
                .body("project.is_domain", equalTo(true))
                .body("project.domain_id", nullValue())
                .body("project.parent_id", nullValue())
                .body("project.enabled", equalTo(true))
                .body("project.description", equalTo("acts as a domain"))
                .body("project.tags", empty())
                .body("project.links.self", containsString("/v3/projects/"))
                .extract().path("project.id");
    }

    /** Tempest's test_create_is_domain_project, then the rest of the life of such a project. */
    @Test
    void createdDomainProjectIsADomainListedShownUpdatedAndDeleted() {
        String admin = Tokens.admin();
        String name = unique("dom-proj");
        String id = createDomainProject(admin, name);

        as(admin).queryParam("is_domain", "true").get("/v3/projects").then().statusCode(200)
                .body("projects.id", hasItem(id))
                .body("projects.is_domain", not(hasItem(false)))
                .body("projects.find { it.id == '" + id + "' }.domain_id", nullValue());
        as(admin).get("/v3/domains").then().statusCode(200).body("domains.id", hasItem(id));
        as(admin).get("/v3/domains/" + id).then().statusCode(200)
                .body("domain.name", equalTo(name)).body("domain.description", equalTo("acts as a domain"));
        as(admin).get("/v3/projects/" + id).then().statusCode(200)
                .body("project.id", equalTo(id)).body("project.is_domain", equalTo(true))
                .body("project.domain_id", nullValue()).body("project.parent_id", nullValue());

        // A project of the new domain sits under it.
        String child = as(admin).body("{\"project\": {\"name\": \"inside\", \"domain_id\": \"" + id + "\"}}")
                .post("/v3/projects").then().statusCode(201)
                .body("project.is_domain", equalTo(false)).body("project.parent_id", equalTo(id))
                .extract().path("project.id");

        String renamed = unique("dom-renamed");
        as(admin).body("{\"project\": {\"name\": \"" + renamed + "\", \"description\": \"changed\"}}")
                .patch("/v3/projects/" + id).then().statusCode(200)
                .body("project.name", equalTo(renamed)).body("project.description", equalTo("changed"))
                .body("project.is_domain", equalTo(true)).body("project.enabled", equalTo(true));
        as(admin).get("/v3/domains/" + id).then().body("domain.name", equalTo(renamed));

        // Enabled, it stays (as DELETE /v3/domains/{id}).
        as(admin).delete("/v3/projects/" + id).then().statusCode(403)
                .body("error.message", equalTo("Cannot delete a domain that is enabled, please disable it first."));
        as(admin).body("{\"project\": {\"enabled\": false}}").patch("/v3/projects/" + id).then().statusCode(200)
                .body("project.enabled", equalTo(false));
        as(admin).get("/v3/domains/" + id).then().body("domain.enabled", equalTo(false));
        as(admin).queryParam("is_domain", "true").queryParam("enabled", "false").get("/v3/projects")
                .then().body("projects.id", hasItem(id));
        as(admin).queryParam("is_domain", "true").queryParam("enabled", "true").get("/v3/projects")
                .then().body("projects.id", not(hasItem(id)));

        as(admin).delete("/v3/projects/" + id).then().statusCode(204);
        as(admin).get("/v3/projects/" + id).then().statusCode(404)
                .body("error.message", equalTo("Could not find project: " + id + "."));
        as(admin).get("/v3/domains/" + id).then().statusCode(404);
        // As domain deletion does, its projects went with it.
        as(admin).get("/v3/projects/" + child).then().statusCode(404);
        as(admin).delete("/v3/projects/" + id).then().statusCode(404);
    }

    @Test
    void listsHoldDomainsOnlyWithIsDomainTrue() {
        String admin = Tokens.admin();
        String domain = createDomainProject(admin, unique("dom-list"));
        String project = as(admin).body("{\"project\": {\"name\": \"" + unique("plain") + "\"}}")
                .post("/v3/projects").then().statusCode(201).body("project.is_domain", equalTo(false))
                .extract().path("project.id");

        as(admin).get("/v3/projects").then().statusCode(200)
                .body("projects.id", hasItem(project)).body("projects.id", not(hasItem(domain)))
                .body("projects.id", not(hasItem("default"))).body("projects.is_domain", not(hasItem(true)));
        as(admin).queryParam("is_domain", "false").get("/v3/projects").then().statusCode(200)
                .body("projects.id", hasItem(project)).body("projects.id", not(hasItem(domain)));
        as(admin).queryParam("is_domain", "true").get("/v3/projects").then().statusCode(200)
                .body("projects.id", hasItem(domain)).body("projects.id", hasItem("default"))
                .body("projects.id", not(hasItem(project)));
        as(admin).queryParam("is_domain", "1").queryParam("name", "Default").get("/v3/projects").then()
                .statusCode(200).body("projects.id", equalTo(java.util.List.of("default")));
        // A domain has no domain, parent or tags of its own.
        as(admin).queryParam("is_domain", "true").queryParam("domain_id", "default").get("/v3/projects").then()
                .statusCode(200).body("projects", empty());
        as(admin).queryParam("is_domain", "maybe").get("/v3/projects").then().statusCode(400)
                .body("error.message", containsString("is_domain"));
        as(Tokens.demo()).queryParam("is_domain", "true").get("/v3/projects").then().statusCode(403);
    }

    @Test
    void domainProjectRulesAnswerKeystonesErrors() {
        String admin = Tokens.admin();
        String name = unique("dom-rules");
        String id = createDomainProject(admin, name);

        // A domain's name is taken whichever API made it.
        as(admin).body("{\"project\": {\"name\": \"" + name + "\", \"is_domain\": true}}").post("/v3/projects")
                .then().statusCode(409).body("error.message", equalTo("Conflict occurred attempting to store"
                        + " project - it is not permitted to have two projects acting as domains with the same"
                        + " name: " + name + "."));
        as(admin).body("{\"domain\": {\"name\": \"" + name + "\"}}").post("/v3/domains").then().statusCode(409);
        as(admin).body("{\"project\": {\"name\": \"Default\"}}").patch("/v3/projects/" + id).then().statusCode(409);

        // Only a root project may act as a domain.
        as(admin).body("{\"project\": {\"name\": \"" + unique("d") + "\", \"is_domain\": true,"
                        + " \"parent_id\": \"default\"}}").post("/v3/projects").then().statusCode(400)
                .body("error.message", equalTo("only root projects are allowed to act as domains."));
        as(admin).body("{\"project\": {\"name\": \"" + unique("d") + "\", \"is_domain\": true,"
                + " \"domain_id\": \"default\"}}").post("/v3/projects").then().statusCode(400);
        as(admin).body("{\"project\": {\"name\": \"" + unique("d") + "\", \"is_domain\": \"yes\"}}")
                .post("/v3/projects").then().statusCode(400).body("error.message", containsString("is_domain"));
        as(admin).body("{\"project\": {\"name\": \"" + unique("d") + "\", \"is_domain\": true,"
                + " \"tags\": [\"t\"]}}").post("/v3/projects").then().statusCode(400);
        as(Tokens.demo()).body("{\"project\": {\"name\": \"" + unique("d") + "\", \"is_domain\": true}}")
                .post("/v3/projects").then().statusCode(403);

        // What a project acting as a domain may not change.
        as(admin).body("{\"project\": {\"is_domain\": false}}").patch("/v3/projects/" + id).then().statusCode(400)
                .body("error.message", equalTo("Update of `is_domain` is not allowed."));
        as(admin).body("{\"project\": {\"domain_id\": \"default\"}}").patch("/v3/projects/" + id).then()
                .statusCode(400).body("error.message", equalTo("Cannot change Domain ID"));
        as(admin).body("{\"project\": {\"parent_id\": \"default\"}}").patch("/v3/projects/" + id).then()
                .statusCode(403);
        as(admin).body("{\"project\": {\"is_domain\": true, \"domain_id\": null, \"enabled\": false}}")
                .patch("/v3/projects/" + id).then().statusCode(200).body("project.enabled", equalTo(false));

        // Nor may an ordinary project become one.
        String plain = as(admin).body("{\"project\": {\"name\": \"" + unique("plain") + "\"}}")
                .post("/v3/projects").then().statusCode(201).extract().path("project.id");
        as(admin).body("{\"project\": {\"is_domain\": true}}").patch("/v3/projects/" + plain).then()
                .statusCode(400).body("error.message", equalTo("Update of `is_domain` is not allowed."));
        as(admin).body("{\"project\": {\"is_domain\": false, \"parent_id\": \"default\"}}")
                .patch("/v3/projects/" + plain).then().statusCode(200);

        as(admin).delete("/v3/projects/" + id).then().statusCode(204);
        as(admin).delete("/v3/projects/" + plain).then().statusCode(204);
    }

    @Test
    void projectScopedTokensStillSayIsDomainFalse() {
        given().contentType(ContentType.JSON)
                .body(Tokens.passwordBody("admin", IdentityTestResource.ADMIN_PASSWORD, "admin"))
                .post("/v3/auth/tokens").then().statusCode(201).body("token.is_domain", equalTo(false));
    }

    /**
     * As Keystone's domain-disable callback: the tokens of the domain's users, of its projects and scoped to it stop
     * working (one OS-REVOKE event with the domain's id); other tokens go on.
     */
    @Test
    void disablingADomainRevokesTheTokensOfItsUsersAndProjects() {
        String admin = Tokens.admin();
        String domain = as(admin).body("{\"domain\": {\"name\": \"" + unique("dom-off") + "\"}}")
                .post("/v3/domains").then().statusCode(201).extract().path("domain.id");
        String project = as(admin).body("{\"project\": {\"name\": \"work\", \"domain_id\": \"" + domain + "\"}}")
                .post("/v3/projects").then().statusCode(201).extract().path("project.id");
        String user = as(admin).body("{\"user\": {\"name\": \"worker\", \"domain_id\": \"" + domain
                + "\", \"password\": \"secret-1\"}}").post("/v3/users").then().statusCode(201).extract().path("user.id");
        String member = as(admin).queryParam("name", "member").get("/v3/roles").then().statusCode(200)
                .extract().path("roles[0].id");
        as(admin).put("/v3/projects/" + project + "/users/" + user + "/roles/" + member).then().statusCode(204);
        String workersToken = given().contentType(ContentType.JSON).body("{\"auth\": {\"identity\": {\"methods\":"
                + " [\"password\"], \"password\": {\"user\": {\"id\": \"" + user + "\", \"password\": \"secret-1\"}}},"
                + " \"scope\": {\"project\": {\"id\": \"" + project + "\"}}}}").post("/v3/auth/tokens").then()
                .statusCode(201).extract().header("X-Subject-Token");
        as(admin).header("X-Subject-Token", workersToken).get("/v3/auth/tokens").then().statusCode(200);
        String adminId = as(admin).header("X-Subject-Token", admin).get("/v3/auth/tokens").then().statusCode(200)
                .extract().path("token.user.id");
        as(admin).put("/v3/domains/" + domain + "/users/" + adminId + "/roles/" + member).then().statusCode(204);
        String domainScoped = given().contentType(ContentType.JSON).body("{\"auth\": {\"identity\": {\"methods\":"
                + " [\"password\"], \"password\": {\"user\": {\"id\": \"" + adminId + "\", \"password\": \""
                + IdentityTestResource.ADMIN_PASSWORD + "\"}}}, \"scope\": {\"domain\": {\"id\": \"" + domain
                + "\"}}}}").post("/v3/auth/tokens").then().statusCode(201).extract().header("X-Subject-Token");

        as(admin).body("{\"domain\": {\"enabled\": false}}").patch("/v3/domains/" + domain).then().statusCode(200);
        as(admin).header("X-Subject-Token", workersToken).get("/v3/auth/tokens").then().statusCode(404);
        as(admin).header("X-Subject-Token", domainScoped).get("/v3/auth/tokens").then().statusCode(404);
        as(admin).get("/v3/OS-REVOKE/events").then().statusCode(200)
                .body("events.domain_id", hasItem(domain));
        as(admin).header("X-Subject-Token", admin).get("/v3/auth/tokens").then().statusCode(200);
    }
}
