package dev.stratus.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OS-EP-FILTER: project-endpoint associations and endpoint groups, and their effect on the catalog of the project's
 * tokens and of {@code GET /v3/auth/catalog}, as Keystone's sql catalog driver filters it.
 */
@QuarkusTest
class EndpointFilterTest {

    private static final String EP = "/v3/OS-EP-FILTER";

    private String admin;
    private String suffix;
    private String project;
    private String projectName;
    private String service;
    private String publicEp;
    private String internalEp;
    private String adminEp;

    private static RequestSpecification as(String token) {
        return given().header("X-Auth-Token", token).contentType(ContentType.JSON);
    }

    @BeforeEach
    void projectWithAMemberAndAServiceWithThreeEndpoints() {
        admin = Tokens.admin();
        suffix = UUID.randomUUID().toString().substring(0, 8);
        projectName = "epf-" + suffix;
        project = newProject(projectName);
        service = as(admin).body("{\"service\": {\"type\": \"epf-" + suffix + "\", \"name\": \"epf\"}}")
                .post("/v3/services").then().statusCode(201).extract().path("service.id");
        publicEp = endpoint("public");
        internalEp = endpoint("internal");
        adminEp = endpoint("admin");
    }

    private String newProject(String name) {
        String id = as(admin).body("{\"project\": {\"name\": \"" + name + "\"}}").post("/v3/projects")
                .then().statusCode(201).extract().path("project.id");
        String user = as(admin).body("{\"user\": {\"name\": \"u-" + name + "\", \"password\": \"pw-" + suffix + "\"}}")
                .post("/v3/users").then().statusCode(201).extract().path("user.id");
        String member = as(admin).queryParam("name", "member").get("/v3/roles").then().statusCode(200)
                .extract().path("roles[0].id");
        as(admin).put("/v3/projects/" + id + "/users/" + user + "/roles/" + member).then().statusCode(204);
        return id;
    }

    private String endpoint(String iface) {
        return as(admin).body("{\"endpoint\": {\"service_id\": \"" + service + "\", \"interface\": \"" + iface
                + "\", \"url\": \"http://epf.example:8080/" + iface + "\", \"region_id\": \"RegionOne\"}}")
                .post("/v3/endpoints").then().statusCode(201).extract().path("endpoint.id");
    }

    /** The catalog of a fresh token of the project's member, and the same from /v3/auth/catalog. */
    private JsonPath catalogOf(String name) {
        String token = Tokens.issue("u-" + name, "pw-" + suffix, name);
        JsonPath fromToken = as(token).header("X-Subject-Token", token).get("/v3/auth/tokens").then().statusCode(200)
                .extract().jsonPath().setRootPath("token");
        JsonPath fromCatalog = as(token).get("/v3/auth/catalog").then().statusCode(200).extract().jsonPath();
        assertEquals(fromToken.getList("catalog"), fromCatalog.getList("catalog"));
        return fromCatalog;
    }

    private static List<String> endpointIds(JsonPath catalog) {
        return catalog.<List<String>>getList("catalog.endpoints.id").stream().flatMap(List::stream).toList();
    }

    @Test
    void aProjectWithoutAssociationsSeesTheFullCatalog() {
        JsonPath catalog = catalogOf(projectName);
        assertThat(catalog.getList("catalog.type"), hasItem("identity"));
        assertThat(endpointIds(catalog), hasItem(publicEp));
        assertThat(endpointIds(catalog), hasItem(internalEp));
    }

    @Test
    void aDirectAssociationLimitsTheProjectsCatalogToIt() {
        as(admin).put(EP + "/projects/" + project + "/endpoints/" + publicEp).then().statusCode(204);
        as(admin).put(EP + "/projects/" + project + "/endpoints/" + publicEp).then().statusCode(409)
                .body("error.message", equalTo(
                        "Conflict occurred attempting to store project_endpoint - Duplicate entry."));
        as(admin).head(EP + "/projects/" + project + "/endpoints/" + publicEp).then().statusCode(204);
        as(admin).get(EP + "/projects/" + project + "/endpoints/" + publicEp).then().statusCode(204);
        as(admin).head(EP + "/projects/" + project + "/endpoints/" + adminEp).then().statusCode(404);
        as(admin).get(EP + "/projects/" + project + "/endpoints").then().statusCode(200)
                .body("endpoints.id", contains(publicEp)).body("endpoints[0].service_id", equalTo(service))
                .body("endpoints[0].links.self", equalTo(baseUrl() + "/v3/endpoints/" + publicEp));
        as(admin).get(EP + "/endpoints/" + publicEp + "/projects").then().statusCode(200)
                .body("projects.id", contains(project));

        JsonPath catalog = catalogOf(projectName);
        assertThat(catalog.getList("catalog.id"), contains(service));
        assertThat(endpointIds(catalog), contains(publicEp));
        assertThat(catalog.getString("catalog[0].endpoints[0].url"),
                equalTo("http://epf.example:8080/public"));

        // Other projects keep the full catalog.
        String other = "epf-other-" + suffix;
        newProject(other);
        assertThat(catalogOf(other).getList("catalog.type"), hasItem("identity"));

        as(admin).delete(EP + "/projects/" + project + "/endpoints/" + publicEp).then().statusCode(204);
        as(admin).delete(EP + "/projects/" + project + "/endpoints/" + publicEp).then().statusCode(404)
                .body("error.message", equalTo("Endpoint " + publicEp + " not found in project " + project));
        assertThat(catalogOf(projectName).getList("catalog.type"), hasItem("identity"));
    }

    @Test
    void aDisabledAssociatedEndpointLeavesTheServiceOutButStillFilters() {
        as(admin).put(EP + "/projects/" + project + "/endpoints/" + publicEp).then().statusCode(204);
        as(admin).body("{\"endpoint\": {\"enabled\": false}}").patch("/v3/endpoints/" + publicEp).then()
                .statusCode(200);
        JsonPath catalog = catalogOf(projectName);
        assertThat(catalog.getList("catalog"), empty());
    }

    @Test
    void anEndpointGroupSelectsEndpointsByItsFilters() {
        String group = as(admin).body("{\"endpoint_group\": {\"name\": \"internal-" + suffix + "\","
                + " \"filters\": {\"service_id\": \"" + service + "\", \"interface\": \"internal\"}}}")
                .post(EP + "/endpoint_groups").then().statusCode(201)
                .body("endpoint_group.filters.service_id", equalTo(service))
                .body("endpoint_group.filters.interface", equalTo("internal"))
                .body("endpoint_group.description", nullValue())
                .body("endpoint_group.links.self", not(nullValue()))
                .extract().path("endpoint_group.id");
        as(admin).get(EP + "/endpoint_groups/" + group + "/endpoints").then().statusCode(200)
                .body("endpoints.id", contains(internalEp));
        as(admin).get(EP + "/endpoint_groups/" + group + "/projects").then().statusCode(200)
                .body("projects", empty());

        as(admin).put(EP + "/endpoint_groups/" + group + "/projects/" + project).then().statusCode(204);
        as(admin).put(EP + "/endpoint_groups/" + group + "/projects/" + project).then().statusCode(409);
        as(admin).get(EP + "/endpoint_groups/" + group + "/projects/" + project).then().statusCode(200)
                .body("project_endpoint_group.endpoint_group_id", equalTo(group))
                .body("project_endpoint_group.project_id", equalTo(project))
                .body("project_endpoint_group.links.self", equalTo(baseUrl() + EP + "/endpoint_groups/" + group
                        + "/projects/" + project));
        as(admin).head(EP + "/endpoint_groups/" + group + "/projects/" + project).then().statusCode(200);
        as(admin).get(EP + "/endpoint_groups/" + group + "/projects").then().statusCode(200)
                .body("projects.id", contains(project));
        as(admin).get(EP + "/projects/" + project + "/endpoint_groups").then().statusCode(200)
                .body("endpoint_groups.id", contains(group));

        assertThat(endpointIds(catalogOf(projectName)), contains(internalEp));

        // A direct association adds to the group's endpoints, in the catalog and in the project's endpoint list.
        as(admin).put(EP + "/projects/" + project + "/endpoints/" + adminEp).then().statusCode(204);
        as(admin).get(EP + "/projects/" + project + "/endpoints").then().statusCode(200)
                .body("endpoints.id", contains(adminEp, internalEp));
        assertThat(endpointIds(catalogOf(projectName)),
                containsInAnyOrder(adminEp, internalEp));

        // The filters follow an update: now every endpoint of the service.
        as(admin).body("{\"endpoint_group\": {\"filters\": {\"service_id\": \"" + service + "\"},"
                + " \"description\": \"all of it\"}}").patch(EP + "/endpoint_groups/" + group).then()
                .statusCode(200).body("endpoint_group.description", equalTo("all of it"))
                .body("endpoint_group.name", equalTo("internal-" + suffix))
                .body("endpoint_group.filters.interface", nullValue());
        assertThat(endpointIds(catalogOf(projectName)),
                containsInAnyOrder(publicEp, adminEp, internalEp));

        as(admin).delete(EP + "/endpoint_groups/" + group + "/projects/" + project).then().statusCode(204);
        as(admin).get(EP + "/endpoint_groups/" + group + "/projects/" + project).then().statusCode(404)
                .body("error.message", equalTo("Endpoint Group Project Association not found"));
        assertThat(endpointIds(catalogOf(projectName)), contains(adminEp));
    }

    @Test
    void endpointGroupsAreCreatedListedShownCheckedUpdatedAndDeleted() {
        String name = "crud-" + suffix;
        JsonPath created = as(admin).body("{\"endpoint_group\": {\"name\": \"" + name + "\", \"description\": \"d\","
                + " \"filters\": {\"region_id\": \"RegionOne\"}}}").post(EP + "/endpoint_groups").then()
                .statusCode(201).extract().jsonPath();
        String id = created.getString("endpoint_group.id");
        as(admin).get(EP + "/endpoint_groups").then().statusCode(200)
                .body("endpoint_groups", hasItem(created.getMap("endpoint_group")));
        as(admin).queryParam("name", name).get(EP + "/endpoint_groups").then().statusCode(200)
                .body("endpoint_groups.id", contains(id));
        as(admin).get(EP + "/endpoint_groups/" + id).then().statusCode(200)
                .body("endpoint_group", equalTo(created.getMap("endpoint_group")));
        as(admin).head(EP + "/endpoint_groups/" + id).then().statusCode(200);
        as(admin).get(EP + "/endpoint_groups/" + id + "/endpoints").then().statusCode(200)
                .body("endpoints.id", hasItem(publicEp));
        as(admin).body("{\"endpoint_group\": {\"name\": \"renamed-" + suffix + "\"}}")
                .patch(EP + "/endpoint_groups/" + id).then().statusCode(200)
                .body("endpoint_group.name", equalTo("renamed-" + suffix))
                .body("endpoint_group.filters.region_id", equalTo("RegionOne"));
        as(admin).put(EP + "/endpoint_groups/" + id + "/projects/" + project).then().statusCode(204);

        as(admin).delete(EP + "/endpoint_groups/" + id).then().statusCode(204);
        as(admin).get(EP + "/endpoint_groups/" + id).then().statusCode(404)
                .body("error.message", equalTo("Could not find Endpoint Group: " + id + "."));
        as(admin).head(EP + "/endpoint_groups/" + id).then().statusCode(404);
        as(admin).delete(EP + "/endpoint_groups/" + id).then().statusCode(404);
        as(admin).get(EP + "/endpoint_groups/" + id + "/endpoints").then().statusCode(404);
        // The group's association went with it.
        as(admin).get(EP + "/projects/" + project + "/endpoint_groups").then().statusCode(200)
                .body("endpoint_groups", empty());
        assertThat(catalogOf(projectName).getList("catalog.type"), hasItem("identity"));
    }

    @Test
    void deletingAnEndpointOrAProjectDeletesItsAssociations() {
        as(admin).put(EP + "/projects/" + project + "/endpoints/" + publicEp).then().statusCode(204);
        String other = newProject("epf-gone-" + suffix);
        as(admin).put(EP + "/projects/" + other + "/endpoints/" + internalEp).then().statusCode(204);
        String group = as(admin)
                .body("{\"endpoint_group\": {\"name\": \"g\", \"filters\": {\"interface\": \"admin\"}}}")
                .post(EP + "/endpoint_groups").then().statusCode(201).extract().path("endpoint_group.id");
        as(admin).put(EP + "/endpoint_groups/" + group + "/projects/" + other).then().statusCode(204);

        as(admin).delete("/v3/endpoints/" + publicEp).then().statusCode(204);
        as(admin).get(EP + "/endpoints/" + publicEp + "/projects").then().statusCode(404)
                .body("error.message", equalTo("Could not find endpoint: " + publicEp + "."));
        as(admin).get(EP + "/projects/" + project + "/endpoints").then().statusCode(200).body("endpoints", empty());

        as(admin).delete("/v3/projects/" + other).then().statusCode(204);
        as(admin).get(EP + "/endpoints/" + internalEp + "/projects").then().statusCode(200).body("projects", empty());
        as(admin).get(EP + "/endpoint_groups/" + group + "/projects").then().statusCode(200).body("projects", empty());
        as(admin).delete(EP + "/endpoint_groups/" + group).then().statusCode(204);
    }

    @Test
    void unknownThingsAre404sAsInKeystone() {
        String nope = "0123456789abcdef0123456789abcdef";
        as(admin).put(EP + "/projects/" + project + "/endpoints/" + nope).then().statusCode(404)
                .body("error.message", equalTo("Could not find endpoint: " + nope + "."));
        as(admin).put(EP + "/projects/" + nope + "/endpoints/" + publicEp).then().statusCode(404)
                .body("error.message", equalTo("Could not find project: " + nope + "."));
        as(admin).get(EP + "/projects/" + nope + "/endpoints").then().statusCode(404);
        as(admin).get(EP + "/projects/" + nope + "/endpoint_groups").then().statusCode(404);
        as(admin).get(EP + "/endpoints/" + nope + "/projects").then().statusCode(404);
        as(admin).get(EP + "/endpoint_groups/" + nope).then().statusCode(404);
        as(admin).get(EP + "/endpoint_groups/" + nope + "/projects").then().statusCode(200).body("projects", empty());
        as(admin).put(EP + "/endpoint_groups/" + nope + "/projects/" + project).then().statusCode(404)
                .body("error.message", equalTo("Could not find Endpoint Group: " + nope + "."));
        as(admin).put(EP + "/endpoint_groups/" + nope + "/projects/" + nope).then().statusCode(404)
                .body("error.message", equalTo("Could not find project: " + nope + "."));
        as(admin).body("{\"endpoint_group\": {\"name\": \"x\"}}").patch(EP + "/endpoint_groups/" + nope).then()
                .statusCode(404);
    }

    @Test
    void badEndpointGroupsAre400s() {
        as(admin).body("{\"endpoint_group\": {\"name\": \"x\"}}").post(EP + "/endpoint_groups").then().statusCode(400)
                .body("error.message", equalTo("Invalid input for field 'endpoint_group': 'filters' is a required"
                        + " property"));
        as(admin).body("{\"endpoint_group\": {\"name\": \"x\", \"filters\": {}}}").post(EP + "/endpoint_groups")
                .then().statusCode(400).body("error.message", equalTo("filters field is required and cannot be empty"));
        as(admin).body("{\"endpoint_group\": {\"name\": \"x\", \"filters\": {\"url\": \"http://a\"}}}")
                .post(EP + "/endpoint_groups").then().statusCode(400).body("error.message", equalTo(
                        "Expecting to find service_id or region_id or interface in endpoint_group. The server could"
                                + " not comply with the request since it is either malformed or otherwise incorrect."
                                + " The client is assumed to be in error."));
        as(admin).body("{\"endpoint_group\": {\"name\": \"x\", \"filters\": {\"interface\": \"private\"}}}")
                .post(EP + "/endpoint_groups").then().statusCode(400);
        as(admin).body("{\"endpoint_group\": {\"name\": \"x\", \"filters\": {\"interface\": \"public\"}, \"y\": 1}}")
                .post(EP + "/endpoint_groups").then().statusCode(400);
        as(admin).body("{\"endpoint_group\": {\"name\": \"\", \"filters\": {\"interface\": \"public\"}}}")
                .post(EP + "/endpoint_groups").then().statusCode(400);
        as(admin).body("{\"endpoint_group\": {}}").patch(EP + "/endpoint_groups/whatever").then().statusCode(400);
    }

    @Test
    void onlyAdminsManageEndpointFilters() {
        String member = Tokens.issue("u-" + projectName, "pw-" + suffix, projectName);
        as(member).get(EP + "/endpoint_groups").then().statusCode(403);
        as(member).body("{\"endpoint_group\": {\"name\": \"x\", \"filters\": {\"interface\": \"public\"}}}")
                .post(EP + "/endpoint_groups").then().statusCode(403);
        as(member).put(EP + "/projects/" + project + "/endpoints/" + publicEp).then().statusCode(403);
        as(member).get(EP + "/projects/" + project + "/endpoints").then().statusCode(403);
        as(member).get(EP + "/endpoints/" + publicEp + "/projects").then().statusCode(403);
        as(member).get(EP + "/projects/" + project + "/endpoint_groups").then().statusCode(403);
        as(admin).get(EP + "/projects/" + project + "/endpoints").then().statusCode(200).body("endpoints", hasSize(0));
    }

    private static String baseUrl() {
        return io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port;
    }
}
