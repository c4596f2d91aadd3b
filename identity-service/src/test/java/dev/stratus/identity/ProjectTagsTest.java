package dev.stratus.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** Keystone's project tags API: one tag at a time, or the whole list, and the project's tags follow. */
@QuarkusTest
class ProjectTagsTest {

    private static RequestSpecification as(String token) {
        return given().header("X-Auth-Token", token).contentType(ContentType.JSON);
    }

    @Test
    void tagsAreAddedCheckedReplacedAndRemoved() {
        String admin = Tokens.admin();
        String id = as(admin).body("{\"project\": {\"name\": \"tagged\", \"tags\": [\"first\"]}}")
                .post("/v3/projects").then().statusCode(201).extract().path("project.id");
        String tags = "/v3/projects/" + id + "/tags";

        as(admin).put(tags + "/blue").then().statusCode(201).header("Location", endsWith(tags + "/blue"));
        as(admin).put(tags + "/blue").then().statusCode(201);
        as(admin).get(tags + "/blue").then().statusCode(204);
        as(admin).get(tags).then().statusCode(200).body("tags", containsInAnyOrder("first", "blue"));
        as(admin).get("/v3/projects/" + id).then().body("project.tags", containsInAnyOrder("first", "blue"));
        as(admin).queryParam("tags", "blue").get("/v3/projects").then().body("projects.id", hasItem(id));

        as(admin).body("{\"tags\": [\"a\", \"b\", \"c\"]}").put(tags).then().statusCode(200)
                .body("tags", containsInAnyOrder("a", "b", "c"));
        as(admin).get(tags + "/blue").then().statusCode(404).body("error.code", equalTo(404));
        as(admin).delete(tags + "/a").then().statusCode(204);
        as(admin).delete(tags + "/a").then().statusCode(404);
        as(admin).get(tags).then().body("tags", containsInAnyOrder("b", "c"));
        as(admin).delete(tags).then().statusCode(204);
        as(admin).get(tags).then().statusCode(200).body("tags", empty());
        as(admin).queryParam("tags", "b").get("/v3/projects").then().body("projects.id", not(hasItem(id)));
    }

    @Test
    void badTagsAndUnknownProjectsAreRefused() {
        String admin = Tokens.admin();
        String id = as(admin).body("{\"project\": {\"name\": \"tag-checks\"}}").post("/v3/projects").then()
                .statusCode(201).extract().path("project.id");
        as(admin).put("/v3/projects/" + id + "/tags/a,b").then().statusCode(400);
        as(admin).body("{\"tags\": [\"x/y\"]}").put("/v3/projects/" + id + "/tags").then().statusCode(400);
        as(admin).body("{}").put("/v3/projects/" + id + "/tags").then().statusCode(400);
        StringBuilder many = new StringBuilder("{\"tags\": [");
        for (int i = 0; i < 81; i++) {
            many.append(i == 0 ? "" : ", ").append("\"t").append(i).append('"');
        }
        as(admin).body(many.append("]}").toString()).put("/v3/projects/" + id + "/tags").then().statusCode(400);
        as(admin).get("/v3/projects/no-such-project/tags").then().statusCode(404);
        as(admin).put("/v3/projects/no-such-project/tags/x").then().statusCode(404);
    }
}
