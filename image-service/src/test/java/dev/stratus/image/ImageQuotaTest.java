package dev.stratus.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Per-project quotas: image count and stored bytes; a refused upload leaves no data behind. */
@QuarkusTest
@TestProfile(ImageQuotaTest.SmallQuotas.class)
class ImageQuotaTest {

    public static class SmallQuotas implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stratus.image.quota.image-count", "2", "stratus.image.quota.total-bytes", "100000");
        }
    }

    @Inject
    ImageTestKeys keys;

    @ConfigProperty(name = "stratus.image.store-directory")
    String storeDirectory;

    @Test
    void quotasAreEnforced() throws IOException {
        String token = keys.member("carol", "project-quota");
        String first = given().header("X-Auth-Token", token).contentType(ContentType.JSON)
                .body("{\"name\": \"q1\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}")
                .post("/v2/images").then().statusCode(201).extract().path("id");
        given().header("X-Auth-Token", token).contentType(ContentType.JSON).body("{\"name\": \"q2\"}")
                .post("/v2/images").then().statusCode(201);
        given().header("X-Auth-Token", token).contentType(ContentType.JSON).body("{\"name\": \"q3\"}")
                .post("/v2/images").then().statusCode(413);

        long filesBefore = files();
        given().header("X-Auth-Token", token).contentType("application/octet-stream").body(new byte[150_000])
                .put("/v2/images/" + first + "/file").then().statusCode(413);
        given().header("X-Auth-Token", token).get("/v2/images/" + first).then().body("status", equalTo("queued"));
        assertEquals(filesBefore, files(), "a refused upload left data behind");

        given().header("X-Auth-Token", token).contentType("application/octet-stream").body(new byte[90_000])
                .put("/v2/images/" + first + "/file").then().statusCode(204);
        given().header("X-Auth-Token", token).get("/v2/images/" + first).then().body("status", equalTo("active"));
    }

    private long files() throws IOException {
        try (Stream<Path> all = Files.walk(Path.of(storeDirectory))) {
            return all.filter(Files::isRegularFile).count();
        }
    }
}
