package dev.stratus.image;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.function.Predicate;

/** The image API calls of the import tests, as one user (its token) makes them. */
record ImportCalls(String token) {

    /** A new queued raw image's id. */
    String create() {
        return given().header("X-Auth-Token", token).contentType(ContentType.JSON)
                .body("{\"name\": \"web\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}")
                .post("/v2/images").then().statusCode(201).extract().path("id");
    }

    static String webDownload(String uri, String stores) {
        return "{\"method\": {\"name\": \"web-download\", \"uri\": \"" + uri + "\"}"
                + (stores == null ? "" : ", \"stores\": " + stores) + "}";
    }

    ValidatableResponse importImage(String id, String body) {
        return given().header("X-Auth-Token", token).contentType(ContentType.JSON).body(body)
                .post("/v2/images/" + id + "/import").then();
    }

    JsonPath image(String id) {
        return given().header("X-Auth-Token", token).get("/v2/images/" + id).then().statusCode(200).extract()
                .jsonPath();
    }

    /** Polls the image until {@code done} holds, at most 20 s. */
    JsonPath await(String id, Predicate<JsonPath> done) throws InterruptedException {
        JsonPath image = null;
        for (int i = 0; i < 200; i++) {
            image = image(id);
            if (done.test(image)) {
                return image;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the image never got there: " + image.prettify());
    }

    /** No store left to import to and the import lock released. */
    static Predicate<JsonPath> importDone() {
        return image -> "".equals(image.getString("os_glance_importing_to_stores"))
                && image.getString("os_glance_import_task") == null;
    }

    /** The image active with its import over. */
    static Predicate<JsonPath> importedActive() {
        return image -> "active".equals(image.getString("status")) && importDone().test(image);
    }

    /** An import ended with a store in {@code os_glance_failed_import}. */
    static Predicate<JsonPath> importFailed() {
        return image -> image.getString("os_glance_failed_import") != null
                && !image.getString("os_glance_failed_import").isEmpty() && importDone().test(image);
    }

    /** The image's last import task, as {@code GET /tasks} shows it. */
    JsonPath lastTask(String id) {
        JsonPath tasks = given().header("X-Auth-Token", token).get("/v2/images/" + id + "/tasks").then()
                .statusCode(200).extract().jsonPath();
        return JsonPath.from(tasks.prettify()).setRootPath("tasks[-1]");
    }
}
