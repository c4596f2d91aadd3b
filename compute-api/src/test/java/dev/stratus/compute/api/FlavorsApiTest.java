package dev.stratus.compute.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class FlavorsApiTest {

    @Inject
    ComputeTestKeys keys;

    private RequestSpecification as(String token) {
        return given().header("X-Auth-Token", token).contentType(ContentType.JSON);
    }

    @Test
    void versionsDocuments() {
        given().get("/").then().statusCode(200).body("versions[0].id", equalTo("v2.0"))
                .body("versions[0].status", equalTo("SUPPORTED")).body("versions[0].version", equalTo(""))
                .body("versions[1].id", equalTo("v2.1"))
                .body("versions[1].version", equalTo("2.93")).body("versions[1].min_version", equalTo("2.1"));
        given().get("/v2/").then().statusCode(200).body("version.id", equalTo("v2.0"))
                .body("version.links[0].href", org.hamcrest.Matchers.endsWith("/v2/"))
                .body("version.media-types[0].type", equalTo("application/vnd.openstack.compute+json;version=2"));
        given().get("/v2.1").then().statusCode(200).body("version.id", equalTo("v2.1"))
                .body("version.status", equalTo("CURRENT"))
                .body("version.media-types[0].type", equalTo("application/vnd.openstack.compute+json;version=2.1"));
        given().get("/v2.1/").then().statusCode(200).body("version.id", equalTo("v2.1"));
    }

    @Test
    void standardFlavorsAreSeeded() {
        as(keys.member("alice", "p-a")).get("/v2.1/flavors/detail?is_public=None").then().statusCode(200)
                .body("flavors.id", hasItem("1"))
                .body("flavors.find { it.id == '1' }.name", equalTo("m1.tiny"))
                .body("flavors.find { it.id == '1' }.ram", equalTo(512))
                .body("flavors.find { it.id == '1' }.disk", equalTo(1))
                .body("flavors.find { it.id == '1' }.swap", equalTo(""))
                .body("flavors.find { it.id == '5' }.vcpus", equalTo(8));
        as(keys.member("alice", "p-a")).header("OpenStack-API-Version", "compute 2.75").get("/v2.1/flavors/2")
                .then().statusCode(200).body("flavor.swap", equalTo(0)).body("flavor.description", nullValue())
                .body("flavor.extra_specs", equalTo(java.util.Map.of()));
    }

    @Test
    void filtersAndPaging() {
        as(keys.member("alice", "p-a")).get("/v2.1/flavors?minRam=4096").then().statusCode(200)
                .body("flavors.id", not(hasItem("1"))).body("flavors.id", hasItem("3"));
        as(keys.member("alice", "p-a")).get("/v2.1/flavors?minDisk=x").then().statusCode(400)
                .body("badRequest.message", equalTo("Invalid minDisk filter [x]"));
        as(keys.member("alice", "p-a")).get("/v2.1/flavors?limit=2&minRam=512").then().statusCode(200)
                .body("flavors", hasSize(2)).body("flavors_links[0].rel", equalTo("next"));
        as(keys.member("alice", "p-a")).get("/v2.1/flavors?marker=nope").then().statusCode(400);
        as(keys.member("alice", "p-a")).get("/v2.1/flavors/nope").then().statusCode(404)
                .body("itemNotFound.message", equalTo("Flavor nope could not be found."));
    }

    @Test
    void adminManagesPrivateFlavorsSpecsAndAccess() {
        as(keys.member("alice", "p-a")).body("{\"flavor\":{\"name\":\"x\",\"ram\":1,\"vcpus\":1,\"disk\":1}}")
                .post("/v2.1/flavors").then().statusCode(403)
                .body("forbidden.message", equalTo("Policy doesn't allow os_compute_api:os-flavor-manage:create to be performed."));
        as(keys.admin()).header("OpenStack-API-Version", "compute 2.55")
                .body("{\"flavor\":{\"name\":\"priv\",\"id\":\"priv-1\",\"ram\":256,\"vcpus\":1,\"disk\":0,"
                        + "\"os-flavor-access:is_public\":false,\"description\":\"small\"}}")
                .post("/v2.1/flavors").then().statusCode(200).body("flavor.id", equalTo("priv-1"))
                .body("flavor.os-flavor-access:is_public", equalTo(false)).body("flavor.description", equalTo("small"));
        as(keys.admin()).body("{\"flavor\":{\"name\":\"priv\",\"ram\":256,\"vcpus\":1,\"disk\":0}}")
                .post("/v2.1/flavors").then().statusCode(409)
                .body("conflictingRequest.message", equalTo("Flavor with name priv already exists."));
        as(keys.admin()).body("{\"flavor\":{\"name\":\"bad\",\"ram\":0,\"vcpus\":1,\"disk\":0}}")
                .post("/v2.1/flavors").then().statusCode(400);
        // as Tempest sends them: an integer id, a numeric string ram, a string is_public
        as(keys.admin()).body("{\"flavor\":{\"name\":\"numeric\",\"id\":1044237419,\"ram\":\"1024\",\"vcpus\":1,"
                + "\"disk\":10,\"os-flavor-access:is_public\":\"True\"}}").post("/v2.1/flavors").then().statusCode(200)
                .body("flavor.id", equalTo("1044237419")).body("flavor.ram", equalTo(1024))
                .body("flavor.os-flavor-access:is_public", equalTo(true));
        as(keys.admin()).delete("/v2.1/flavors/1044237419").then().statusCode(202);
        as(keys.member("alice", "p-a")).get("/v2.1/flavors/priv-1").then().statusCode(404);
        as(keys.admin()).body("{\"addTenantAccess\":{\"tenant\":\"p-a\"}}").post("/v2.1/flavors/priv-1/action")
                .then().statusCode(200).body("flavor_access[0].tenant_id", equalTo("p-a"));
        as(keys.admin()).body("{\"addTenantAccess\":{\"tenant\":\"p-a\"}}").post("/v2.1/flavors/priv-1/action")
                .then().statusCode(409);
        as(keys.member("alice", "p-a")).get("/v2.1/flavors/priv-1").then().statusCode(200);
        as(keys.member("alice", "p-a")).get("/v2.1/flavors").then().body("flavors.id", hasItem("priv-1"));
        as(keys.member("bob", "p-b")).get("/v2.1/flavors").then().body("flavors.id", not(hasItem("priv-1")));
        as(keys.admin()).get("/v2.1/flavors/priv-1/os-flavor-access").then().statusCode(200)
                .body("flavor_access.tenant_id", contains("p-a"));
        as(keys.admin()).get("/v2.1/flavors/1/os-flavor-access").then().statusCode(404);
        as(keys.admin()).body("{\"extra_specs\":{\"hw:cpu_policy\":\"shared\"}}")
                .post("/v2.1/flavors/priv-1/os-extra_specs").then().statusCode(200)
                .body("extra_specs.'hw:cpu_policy'", equalTo("shared"));
        as(keys.member("alice", "p-a")).get("/v2.1/flavors/priv-1/os-extra_specs/hw:cpu_policy").then()
                .statusCode(200).body("'hw:cpu_policy'", equalTo("shared"));
        as(keys.admin()).body("{\"other\":\"1\"}").put("/v2.1/flavors/priv-1/os-extra_specs/hw:cpu_policy").then()
                .statusCode(400).body("badRequest.message", equalTo("Request body and URI mismatch"));
        as(keys.admin()).delete("/v2.1/flavors/priv-1/os-extra_specs/hw:cpu_policy").then().statusCode(200);
        as(keys.admin()).delete("/v2.1/flavors/priv-1/os-extra_specs/hw:cpu_policy").then().statusCode(404);
        as(keys.admin()).header("OpenStack-API-Version", "compute 2.55")
                .body("{\"flavor\":{\"description\":\"changed\"}}").put("/v2.1/flavors/priv-1").then()
                .statusCode(200).body("flavor.description", equalTo("changed"));
        as(keys.admin()).delete("/v2.1/flavors/priv-1").then().statusCode(202);
        as(keys.admin()).delete("/v2.1/flavors/priv-1").then().statusCode(404);
    }
}
