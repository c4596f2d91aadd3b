package dev.stratus.compute.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The deprecated network proxies in a cloud without network-service (as these tests run): no networks, groups
 * or floating IPs to show; nova-network's calls are gone (410); every proxy is a 404 from 2.36 on.
 */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class NetworkProxiesApiTest {

    @Inject
    ComputeTestKeys keys;

    private RequestSpecification as(String token, String version) {
        return given().header("X-Auth-Token", token).header("OpenStack-API-Version", "compute " + version)
                .contentType(ContentType.JSON);
    }

    @Test
    void withoutNetworkServiceThereIsNothingToShow() {
        String member = keys.member("nat", "p-proxies");
        as(member, "2.1").get("/v2.1/os-networks").then().statusCode(200).body("networks", empty());
        as(member, "2.1").get("/v2.1/os-tenant-networks").then().statusCode(200).body("networks", empty());
        as(member, "2.35").get("/v2.1/os-networks/" + UUID.randomUUID()).then().statusCode(404)
                .body("itemNotFound.message", equalTo("Network not found"));
        as(member, "2.1").get("/v2.1/os-floating-ips").then().statusCode(200).body("floating_ips", empty());
        as(member, "2.1").get("/v2.1/os-security-groups").then().statusCode(501);
    }

    @Test
    void novaNetworksCallsAreGoneAndTheProxiesEndAt236() {
        String admin = keys.admin();
        as(admin, "2.1").body("{\"network\": {\"label\": \"x\"}}").post("/v2.1/os-networks").then().statusCode(410);
        as(admin, "2.1").delete("/v2.1/os-networks/" + UUID.randomUUID()).then().statusCode(410);
        as(admin, "2.1").delete("/v2.1/os-tenant-networks/" + UUID.randomUUID()).then().statusCode(410);
        for (String path : new String[] {"os-networks", "os-tenant-networks", "os-security-groups",
                "os-floating-ips", "os-floating-ip-pools"}) {
            as(admin, "2.36").get("/v2.1/" + path).then().statusCode(404);
        }
        as(admin, "2.36").body("{}").post("/v2.1/os-security-group-rules").then().statusCode(404);
    }
}
