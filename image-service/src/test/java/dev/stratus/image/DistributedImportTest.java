package dev.stratus.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Glance's distributed import: the service runs as a worker whose {@code worker-self-reference-url} is its own URL
 * (a fixed free port) and stages in its own {@code staging-a}; {@link OtherImageWorker} stands in for another worker that staged an image. What another
 * worker's staging leaves in the shared database (its URL in {@code os_glance_stage_host}) is written there.
 */
@QuarkusTest
@TestProfile(DistributedImportTest.Worker.class)
@QuarkusTestResource(value = ImageTestResource.class, restrictToAnnotatedClass = false)
class DistributedImportTest {

    static final Path STORE = SharedTempDirectories.of("distributed.store");
    /** Fixed once per JVM: the profile and the test are loaded by different class loaders. */
    static final int PORT = Integer.parseInt(System.getProperties().computeIfAbsent("stratus.test.distributed-port",
            k -> Integer.toString(freePort())).toString());
    static final String SELF = "http://127.0.0.1:" + PORT;
    private static final String STAGE_HOST = "os_glance_stage_host";

    public static class Worker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "stratus.image.store-directory", STORE.toString(),
                    "quarkus.http.test-port", Integer.toString(PORT),
                    "stratus.image.staging-name", "staging-a",
                    "stratus.image.worker-self-reference-url", SELF + "/");
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Inject
    ImageTestKeys keys;
    @Inject
    DataSource db;

    private RequestSpecification as(String token) {
        return given().header("X-Auth-Token", token);
    }

    private String ownerToken;

    private String owner() {
        if (ownerToken == null) {
            ownerToken = keys.member("dora", "project-distributed");
        }
        return ownerToken;
    }

    private static byte[] data() {
        byte[] data = new byte[100_000];
        new Random(11).nextBytes(data);
        return data;
    }

    private String staged() {
        String id = as(owner()).contentType(ContentType.JSON)
                .body("{\"name\": \"distributed\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}")
                .post("/v2/images").then().statusCode(201).extract().path("id");
        as(owner()).contentType("application/octet-stream").body(data()).put("/v2/images/" + id + "/stage")
                .then().statusCode(204);
        return id;
    }

    private JsonPath image(String id) {
        return as(owner()).get("/v2/images/" + id).then().statusCode(200).extract().jsonPath();
    }

    private JsonPath awaitActive(String id) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            JsonPath image = image(id);
            if ("active".equals(image.getString("status")) && image.getString("os_glance_import_task") == null) {
                return image;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("image " + id + " never became active");
    }

    private String stageHost(String id) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "select value from image_property where image_id = ? and name = ?")) {
            s.setString(1, id);
            s.setString(2, STAGE_HOST);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What another worker's staging leaves: its URL as the stage host. */
    private void stagedBy(String id, String host) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "update image_property set value = ? where image_id = ? and name = ?")) {
            s.setString(1, host);
            s.setString(2, id);
            s.setString(3, STAGE_HOST);
            assertEquals(1, s.executeUpdate());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long stagedFiles() throws IOException {
        Path staging = STORE.resolve("staging-a"); // this worker's own staging area
        if (!Files.isDirectory(staging)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(staging)) {
            return files.count();
        }
    }

    private static String glanceDirect() {
        return "{\"method\": {\"name\": \"glance-direct\"}}";
    }

    @Test
    void stagingRecordsThisWorkerHiddenAndReserved() {
        String id = staged();
        assertEquals(SELF, stageHost(id), "recorded without the trailing slash of the setting");
        assertTrue(Files.exists(STORE.resolve("staging-a").resolve(id)), "staged in this worker's staging area");
        assertFalse(Files.exists(STORE.resolve("staging").resolve(id)));
        JsonPath image = image(id);
        assertEquals("uploading", image.getString("status"));
        assertFalse(image.getMap("").containsKey(STAGE_HOST), "hidden, as Glance hides it");
        assertFalse(as(owner()).get("/v2/images").then().statusCode(200).extract().jsonPath()
                .getList("images").toString().contains(STAGE_HOST));
        for (String op : new String[] {"add", "replace", "remove"}) {
            String value = "remove".equals(op) ? "" : ", \"value\": \"http://elsewhere:9292\"";
            as(owner()).contentType("application/openstack-images-v2.1-json-patch")
                    .body(("[{\"op\": \"" + op + "\", \"path\": \"/" + STAGE_HOST + "\"" + value + "}]")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .patch("/v2/images/" + id).then().statusCode(403)
                    .body("error.message", equalTo("Attribute '" + STAGE_HOST + "' is reserved."));
        }
        as(keys.admin()).contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"" + STAGE_HOST + "\": \"http://elsewhere:9292\"}")
                .post("/v2/images").then().statusCode(403);
        assertEquals(SELF, stageHost(id));
    }

    @Test
    void importStagedHereRunsHere() throws Exception {
        try (OtherImageWorker other = new OtherImageWorker(SELF, () -> { })) {
            String id = staged();
            as(owner()).contentType(ContentType.JSON).body(glanceDirect()).post("/v2/images/" + id + "/import")
                    .then().statusCode(202);
            JsonPath image = awaitActive(id);
            assertEquals(100_000, image.getInt("size"));
            assertNull(stageHost(id), "removed once the import took the staged data");
            assertTrue(other.received.isEmpty());
        }
    }

    @Test
    void importStagedElsewhereIsProxiedThere() throws Exception {
        String id = staged();
        try (OtherImageWorker other = new OtherImageWorker(SELF, () -> stagedBy(id, SELF))) {
            stagedBy(id, other.url());
            Response answer = as(owner()).contentType(ContentType.JSON).body(glanceDirect())
                    .post("/v2/images/" + id + "/import");
            assertEquals(202, answer.statusCode());
            assertEquals(1, other.received.size());
            OtherImageWorker.Received proxied = other.received.get(0);
            assertEquals("POST", proxied.method());
            assertEquals("/v2/images/" + id + "/import", proxied.path());
            assertEquals(owner(), proxied.token());
            assertTrue(proxied.requestId() != null && proxied.requestId().startsWith("req-"));
            assertTrue(proxied.contentType().startsWith("application/json"));
            assertEquals("glance-direct", JsonPath.from(proxied.body()).getString("method.name"));
            assertEquals(java.util.List.of(202), other.replayed);
            // The stage host (the service, as the other worker replayed it there) imported the staged data.
            JsonPath image = awaitActive(id);
            assertEquals(100_000, image.getInt("size"));
            assertNull(stageHost(id));
            // Active now: the stage host is gone, a second import is answered here (Glance's 409).
            as(owner()).contentType(ContentType.JSON).body(glanceDirect()).post("/v2/images/" + id + "/import")
                    .then().statusCode(409);
            assertEquals(1, other.received.size());
        }
    }

    @Test
    void stageHostRefusalIsPassedOn() throws Exception {
        String id = staged();
        try (OtherImageWorker other = new OtherImageWorker(SELF, () -> { })) {
            other.answer(409, "{\"error\": {\"code\": 409, \"title\": \"Conflict\", \"message\": \"Image has active"
                    + " task\"}}");
            stagedBy(id, other.url());
            as(owner()).contentType(ContentType.JSON).body(glanceDirect()).post("/v2/images/" + id + "/import")
                    .then().statusCode(409).body("error.message", equalTo("Image has active task"));
            assertEquals("uploading", image(id).getString("status"));
            assertEquals(other.url(), stageHost(id));
        }
    }

    @Test
    void deleteOfImageStagedElsewhereIsProxiedThere() throws Exception {
        long before = stagedFiles();
        String id = staged();
        assertEquals(before + 1, stagedFiles());
        try (OtherImageWorker other = new OtherImageWorker(SELF, () -> stagedBy(id, SELF))) {
            stagedBy(id, other.url());
            as(owner()).delete("/v2/images/" + id).then().statusCode(204);
            assertEquals(1, other.received.size());
            assertEquals("DELETE", other.received.get(0).method());
            assertEquals("/v2/images/" + id, other.received.get(0).path());
            assertEquals(java.util.List.of(204), other.replayed, "deleted by the stage host, not here");
            assertEquals(owner(), other.received.get(0).token());
            as(owner()).get("/v2/images/" + id).then().statusCode(404);
            assertEquals(before, stagedFiles(), "the stage host removed its staged data");
        }
    }

    @Test
    void deleteRefusedByStageHostIsPassedOn() throws Exception {
        String id = staged();
        try (OtherImageWorker other = new OtherImageWorker(SELF, () -> { })) {
            other.answer(403, "{\"error\": {\"code\": 403, \"title\": \"Forbidden\", \"message\": \"Image " + id
                    + " is protected and cannot be deleted.\"}}");
            stagedBy(id, other.url());
            as(owner()).delete("/v2/images/" + id).then().statusCode(403);
            assertEquals("uploading", image(id).getString("status"));
        }
    }

    @Test
    void othersGetTheirAnswersHereWithoutProxying() throws Exception {
        String id = staged();
        try (OtherImageWorker other = new OtherImageWorker(SELF, () -> { })) {
            stagedBy(id, other.url());
            String stranger = keys.member("eve", "project-elsewhere");
            as(stranger).contentType(ContentType.JSON).body(glanceDirect()).post("/v2/images/" + id + "/import")
                    .then().statusCode(404);
            as(stranger).delete("/v2/images/" + id).then().statusCode(404);
            assertTrue(other.received.isEmpty());
        }
    }

    @Test
    void unreachableStageHost() throws Exception {
        long before = stagedFiles();
        String id = staged();
        String closed = "http://127.0.0.1:" + freePort();
        stagedBy(id, closed);
        as(owner()).contentType(ContentType.JSON).body(glanceDirect()).post("/v2/images/" + id + "/import")
                .then().statusCode(504).body("error.message", equalTo("Stage host is unavailable"));
        assertEquals("uploading", image(id).getString("status"));
        // A delete the stage host cannot take is done here, as in Glance (its staged data, here this worker's own
        // since the test staged it here, goes with the image).
        as(owner()).delete("/v2/images/" + id).then().statusCode(204);
        as(owner()).get("/v2/images/" + id).then().statusCode(404);
        assertEquals(before, stagedFiles());
    }
}
