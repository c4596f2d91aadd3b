package dev.stratus.scheduler.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import dev.stratus.scheduler.SchedulerTestKeys;
import dev.stratus.scheduler.SchedulerTestResource;
import dev.stratus.scheduler.TestFleet;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = SchedulerTestResource.class, restrictToAnnotatedClass = false)
class PlacementApiTest {

    @Inject
    SchedulerTestKeys keys;

    @Inject
    TestFleet fleet;

    @BeforeEach
    void clean() {
        fleet.reset();
    }

    private RequestSpecification admin(String version) {
        return given().header("X-Auth-Token", keys.admin()).header("OpenStack-API-Version", "placement " + version)
                .contentType(ContentType.JSON);
    }

    @Test
    void versionDocumentNeedsNoToken() {
        given().get("/").then().statusCode(200)
                .body("versions[0].id", equalTo("v1.0"))
                .body("versions[0].min_version", equalTo("1.0"))
                .body("versions[0].max_version", equalTo("1.29"));
    }

    @Test
    void createAndShowProvider() {
        String uuid = "11111111-2222-3333-4444-555555555555";
        admin("1.20").body("{\"name\": \"rp1\", \"uuid\": \"" + uuid + "\"}").post("/resource_providers")
                .then().statusCode(200).body("uuid", equalTo(uuid)).body("generation", equalTo(0))
                .body("root_provider_uuid", equalTo(uuid));
        admin("1.14").get("/resource_providers/" + uuid).then().statusCode(200).body("name", equalTo("rp1"))
                .header("OpenStack-API-Version", equalTo("placement 1.14"));
        admin("1.14").get("/resource_providers").then().statusCode(200).body("resource_providers", hasSize(1));
    }
}
