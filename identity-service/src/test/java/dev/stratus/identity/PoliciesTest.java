package dev.stratus.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** Keystone's /v3/policies: blobs by type, with their extra attributes, for admins only. */
@QuarkusTest
class PoliciesTest {

    private static RequestSpecification as(String token) {
        return given().header("X-Auth-Token", token).contentType(ContentType.JSON);
    }

    @Test
    void policiesAreStoredUpdatedListedByTypeAndDeleted() {
        String admin = Tokens.admin();
        String id = as(admin).body("{\"policy\": {\"type\": \"application/json\", \"blob\": \"{\\\"a\\\": \\\"b\\\"}\","
                + " \"owner\": \"ops\"}}").post("/v3/policies").then().statusCode(201)
                .body("policy.blob", equalTo("{\"a\": \"b\"}")).body("policy.owner", equalTo("ops"))
                .extract().path("policy.id");
        as(admin).body("{\"policy\": {\"type\": \"text/yaml\"}}").patch("/v3/policies/" + id).then().statusCode(200)
                .body("policy.type", equalTo("text/yaml")).body("policy.blob", equalTo("{\"a\": \"b\"}"));
        as(admin).get("/v3/policies/" + id).then().statusCode(200).body("policy.type", equalTo("text/yaml"));
        as(admin).queryParam("type", "text/yaml").get("/v3/policies").then().statusCode(200)
                .body("policies.id", hasItem(id));
        as(admin).queryParam("type", "application/json").get("/v3/policies").then().statusCode(200)
                .body("policies.id", not(hasItem(id)));
        as(Tokens.demo()).get("/v3/policies/" + id).then().statusCode(403);
        as(Tokens.demo()).body("{\"policy\": {\"type\": \"x\", \"blob\": \"y\"}}").post("/v3/policies").then()
                .statusCode(403);
        as(admin).body("{\"policy\": {\"type\": \"x\"}}").post("/v3/policies").then().statusCode(400);
        as(admin).delete("/v3/policies/" + id).then().statusCode(204);
        as(admin).get("/v3/policies/" + id).then().statusCode(404);
        as(admin).delete("/v3/policies/" + id).then().statusCode(404);
    }
}
