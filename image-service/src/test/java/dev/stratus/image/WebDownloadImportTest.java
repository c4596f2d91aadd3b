package dev.stratus.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Glance's {@code web-download} import from a web server on 127.0.0.1 (random port; the profile allows any port, as
 * the all-in-one does): the data goes through staging into the stores and the image goes active; URIs refused by the
 * import filter are 400 at once; a download that fails (no such host, a refused connection, a 404, a refused
 * redirect, more data than allowed, a server silent for longer than the read timeout) puts the image back to {@code queued} with its stores in
 * {@code os_glance_failed_import}, its task failed and nothing staged left behind.
 */
@QuarkusTest
@TestProfile(RemoteImportProfile.class)
@QuarkusTestResource(value = ImageTestResource.class, restrictToAnnotatedClass = false)
class WebDownloadImportTest {

    private static ExternalImageServer web;
    private static ExternalImageServer tooBig;

    @Inject
    ImageTestKeys keys;

    @BeforeAll
    static void startWebServers() throws IOException {
        web = new ExternalImageServer(300_000);
        tooBig = new ExternalImageServer((int) RemoteImportProfile.MAX_IMAGE_SIZE + 1);
    }

    @AfterAll
    static void stopWebServers() {
        web.close();
        tooBig.close();
    }

    private RequestSpecification as(String token) {
        return given().header("X-Auth-Token", token);
    }

    private String owner() {
        return keys.member("wendy", "project-web");
    }

    private String create() {
        return as(owner()).contentType(ContentType.JSON)
                .body("{\"name\": \"web\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}")
                .post("/v2/images").then().statusCode(201)
                .header("OpenStack-image-import-methods", "glance-direct,web-download,copy-image,glance-download")
                .extract().path("id");
    }

    private ImportCalls calls() {
        return new ImportCalls(owner());
    }

    private static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    @Test
    void theImportMethodsAreListed() {
        as(owner()).get("/v2/info/import").then().statusCode(200)
                .body("import-methods.value", equalTo(List.of("glance-direct", "web-download", "copy-image",
                        "glance-download")));
    }

    @Test
    void aWebDownloadGoesThroughStagingIntoTheDefaultStore() throws Exception {
        String id = create();
        calls().importImage(id, ImportCalls.webDownload(web.url("/image.raw"), null)).statusCode(202);
        JsonPath image = calls().await(id, ImportCalls.importedActive());
        assertEquals(300_000, image.getInt("size"));
        assertEquals(md5(web.data), image.getString("checksum"));
        assertEquals("sha512", image.getString("os_hash_algo"));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(web.data)),
                image.getString("os_hash_value"));
        assertEquals(300_000, image.getInt("virtual_size"));
        assertEquals("fast", image.getString("stores"));
        assertEquals("", image.getString("os_glance_failed_import"));
        assertArrayEquals(web.data, Files.readAllBytes(RemoteImportProfile.FAST.resolve(id)));
        assertFalse(Files.exists(RemoteImportProfile.FAST.resolve("staging").resolve(id)), "staged data gone");
        byte[] served = as(owner()).get("/v2/images/" + id + "/file").then().statusCode(200).extract().asByteArray();
        assertArrayEquals(web.data, served);
        JsonPath task = calls().lastTask(id);
        assertEquals("success", task.getString("status"));
        assertEquals("web-download", task.getString("input.import_req.method.name"));
        assertEquals(web.url("/image.raw"), task.getString("input.import_req.method.uri"));
    }

    @Test
    void aWebDownloadToAllStoresThroughRedirectsAndWithoutALength() throws Exception {
        String id = create();
        calls().importImage(id, "{\"method\": {\"name\": \"web-download\", \"uri\": \"" + web.url("/redirect/3")
                + "\"}, \"all_stores\": true}").statusCode(202);
        JsonPath image = calls().await(id, ImportCalls.importedActive());
        assertEquals("cheap,fast", image.getString("stores"));
        assertArrayEquals(web.data, Files.readAllBytes(RemoteImportProfile.FAST.resolve(id)));
        assertArrayEquals(web.data, Files.readAllBytes(RemoteImportProfile.CHEAP.resolve(id)));

        String chunked = create();
        calls().importImage(chunked, ImportCalls.webDownload(web.url("/chunked"), "[\"cheap\"]")).statusCode(202);
        image = calls().await(chunked, ImportCalls.importedActive());
        assertEquals("cheap", image.getString("stores"));
        assertEquals(md5(web.data), image.getString("checksum"));
        assertFalse(Files.exists(RemoteImportProfile.FAST.resolve("staging").resolve(chunked)));
    }

    @Test
    void urisTheFilterRefusesAre400AndLeaveTheImageQueued() {
        String id = create();
        Map<String, String> refused = Map.of(
                "ftp://127.0.0.1/image.raw", "scheme not allowed",
                "file:///etc/passwd", "scheme not allowed",
                "http://127.0.0.1:1/image.raw", "disallowed port",
                "http://forbidden.example/image.raw", "disallowed host",
                "http://FORBIDDEN.example:8080/image.raw", "disallowed host, any case",
                "http://2130706433/image.raw", "a decimal-encoded address",
                "http://127.1/image.raw", "a shorthand address",
                "http://0x7f.0.0.1/image.raw", "a hexadecimal address",
                "not a uri", "no scheme");
        refused.forEach((uri, why) -> calls().importImage(id, ImportCalls.webDownload(uri, null)).statusCode(400)
                .body(containsString("URI for web-download does not pass filtering: " + uri)));
        calls().importImage(id, "{\"method\": {\"name\": \"web-download\"}}").statusCode(400)
                .body(containsString("URI for web-download does not pass filtering: None"));
        JsonPath image = calls().image(id);
        assertEquals("queued", image.getString("status"));
        assertNull(image.get("os_glance_import_task"));
    }

    @Test
    void onlyAQueuedImageCanBeWebDownloaded() throws Exception {
        String id = create();
        as(owner()).contentType("application/octet-stream").body(web.data).put("/v2/images/" + id + "/stage")
                .then().statusCode(204);
        calls().importImage(id, ImportCalls.webDownload(web.url("/image.raw"), null)).statusCode(409)
                .body(containsString("Image needs to be in 'queued' state to use 'web-download' method"));
        calls().importImage(id, "{\"method\": {\"name\": \"glance-direct\"}}").statusCode(202);
        calls().await(id, ImportCalls.importedActive());
        calls().importImage(id, ImportCalls.webDownload(web.url("/image.raw"), null)).statusCode(409)
                .body(containsString("Image with status active cannot be target for import"));
        String other = create();
        new ImportCalls(keys.member("mallory", "project-other"))
                .importImage(other, ImportCalls.webDownload(web.url("/image.raw"), null)).statusCode(404);
    }

    /** Tempest's test_image_web_download_import_with_bad_url, and the other ways a download fails. */
    @Test
    void aFailedDownloadPutsTheImageBackToQueuedWithItsStoresFailed() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> failing = Map.of(
                "http://does-not.exist/no/possible/way", "UnknownHostException",
                "http://127.0.0.1:" + closedPort + "/image.raw", "ConnectException",
                web.url("/missing"), "HTTP Error 404",
                web.url("/redirect-forbidden"), "Redirect to disallowed URL: http://forbidden.example/image.raw",
                tooBig.url("/image.raw"), "ImageQuotaExceededException",
                web.url("/stall"), "SocketTimeoutException");
        for (Map.Entry<String, String> failure : failing.entrySet()) {
            String id = create();
            calls().importImage(id, ImportCalls.webDownload(failure.getKey(), "[\"fast\", \"cheap\"]")).statusCode(202);
            JsonPath image = calls().await(id, ImportCalls.importFailed());
            assertEquals("queued", image.getString("status"), failure.getKey());
            assertEquals("cheap,fast", image.getString("os_glance_failed_import"), failure.getKey());
            assertNull(image.get("size"), failure.getKey());
            assertNull(image.get("checksum"), failure.getKey());
            assertNull(image.get("stores"), failure.getKey());
            JsonPath task = calls().lastTask(id);
            assertEquals("failure", task.getString("status"), failure.getKey());
            assertTrue(task.getString("message").contains(failure.getValue()),
                    failure.getKey() + ": " + task.getString("message"));
            assertFalse(Files.exists(RemoteImportProfile.FAST.resolve("staging").resolve(id)), failure.getKey());
            assertFalse(Files.exists(RemoteImportProfile.FAST.resolve(id)), failure.getKey());
            assertFalse(Files.exists(RemoteImportProfile.CHEAP.resolve(id)), failure.getKey());
        }
    }

    @Test
    void aFailedImageCanBeDownloadedAgain() throws Exception {
        String id = create();
        calls().importImage(id, ImportCalls.webDownload(web.url("/missing"), null)).statusCode(202);
        calls().await(id, i -> "fast".equals(i.getString("os_glance_failed_import"))
                && ImportCalls.importDone().test(i));
        calls().importImage(id, ImportCalls.webDownload(web.url("/image.raw"), null)).statusCode(202);
        JsonPath image = calls().await(id, ImportCalls.importedActive());
        assertEquals("", image.getString("os_glance_failed_import"));
        assertEquals(md5(web.data), image.getString("checksum"));
    }
}
