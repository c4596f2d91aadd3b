package dev.stratus.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** Keystone's OS-OAUTH1 consumers: the secret is shown on create only and cannot be changed; admin only. */
@QuarkusTest
class OAuth1ConsumersTest {

    private static RequestSpecification as(String token) {
        return given().header("X-Auth-Token", token).contentType(ContentType.JSON);
    }

    @Test
    void consumersAreCreatedShownUpdatedListedAndDeleted() {
        String admin = Tokens.admin();
        String id = as(admin).body("{\"consumer\": {\"description\": \"my app\", \"owner\": \"ops\"}}")
                .post("/v3/OS-OAUTH1/consumers").then().statusCode(201)
                .body("consumer.description", equalTo("my app"))
                .body("consumer.owner", equalTo("ops"))
                .body("consumer.secret", matchesPattern("[0-9a-f]{32}"))
                .body("consumer.links.self", matchesPattern(".*/v3/OS-OAUTH1/consumers/[0-9a-f]{32}"))
                .extract().path("consumer.id");
        as(admin).get("/v3/OS-OAUTH1/consumers/" + id).then().statusCode(200)
                .body("consumer.id", equalTo(id)).body("consumer.description", equalTo("my app"))
                .body("consumer", not(hasKey("secret")))
                .body("consumer.links.self", endsWith("/v3/OS-OAUTH1/consumers/" + id));
        as(admin).body("{\"consumer\": {\"description\": \"renamed\"}}").patch("/v3/OS-OAUTH1/consumers/" + id)
                .then().statusCode(200).body("consumer.description", equalTo("renamed"))
                .body("consumer.owner", equalTo("ops")).body("consumer", not(hasKey("secret")));
        as(admin).get("/v3/OS-OAUTH1/consumers").then().statusCode(200)
                .body("consumers.id", hasItem(id)).body("consumers[0]", not(hasKey("secret")));
        as(admin).delete("/v3/OS-OAUTH1/consumers/" + id).then().statusCode(204);
        as(admin).get("/v3/OS-OAUTH1/consumers/" + id).then().statusCode(404);
        as(admin).delete("/v3/OS-OAUTH1/consumers/" + id).then().statusCode(404);
    }

    @Test
    void theSecretCannotBeChangedNorAnEmptyUpdateMade() {
        String admin = Tokens.admin();
        String id = as(admin).body("{\"consumer\": {}}").post("/v3/OS-OAUTH1/consumers").then().statusCode(201)
                .extract().path("consumer.id");
        as(admin).body("{\"consumer\": {\"secret\": \"mine\"}}").patch("/v3/OS-OAUTH1/consumers/" + id).then()
                .statusCode(400);
        as(admin).body("{\"consumer\": {}}").patch("/v3/OS-OAUTH1/consumers/" + id).then().statusCode(400);
        as(admin).body("{\"consumer\": {\"id\": \"other\"}}").patch("/v3/OS-OAUTH1/consumers/" + id).then()
                .statusCode(400);
        as(admin).body("{\"consumer\": {\"description\": 5}}").post("/v3/OS-OAUTH1/consumers").then()
                .statusCode(400);
        as(admin).delete("/v3/OS-OAUTH1/consumers/" + id).then().statusCode(204);
    }

    @Test
    void onlyAdminsManageConsumers() {
        String demo = Tokens.demo();
        as(demo).body("{\"consumer\": {\"description\": \"x\"}}").post("/v3/OS-OAUTH1/consumers").then()
                .statusCode(403).body("error.message", equalTo("You are not authorized to perform the requested"
                        + " action: identity:create_consumer."));
        as(demo).get("/v3/OS-OAUTH1/consumers").then().statusCode(403);
    }
}
