package dev.stratus.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Server-side request forgery through {@code web-download} and {@code glance-download}, with {@code 127.0.0.1} and
 * {@code 169.254.169.254} disallowed: a web server on 127.0.0.1 must never get a request, whatever the URL's
 * spelling, the name it gives, or the redirects on the way; one on 127.0.0.2 (allowed) serves the images that must
 * still import. A refusal at the import call is 400; one the download finds (a name resolving to a refused address,
 * a redirect) fails the import: the image back to {@code queued}, its store in {@code os_glance_failed_import}.
 */
@QuarkusTest
@TestProfile(LoopbackRefusedImportProfile.class)
@QuarkusTestResource(value = ImageTestResource.class, restrictToAnnotatedClass = false)
class WebDownloadAddressFilteringTest {

    /** The server the filter protects: nothing may reach it. */
    private static ExternalImageServer internal;
    /** A server the filter allows. */
    private static ExternalImageServer external;

    @Inject
    ImageTestKeys keys;

    @TestHTTPResource("/")
    URL self;

    @BeforeAll
    static void startWebServers() throws IOException {
        internal = new ExternalImageServer(10_000, InetAddress.getByName("127.0.0.1"));
        external = new ExternalImageServer(20_000, InetAddress.getByName("127.0.0.2"));
    }

    @AfterAll
    static void stopWebServers() {
        internal.close();
        external.close();
    }

    private ImportCalls calls() {
        return new ImportCalls(keys.member("sam", "project-ssrf"));
    }

    private static String redirectTo(String uri) {
        return external.url("/go?to=" + URLEncoder.encode(uri, StandardCharsets.UTF_8));
    }

    /** Imports each URI (202), waits for the failure and checks it left the image as it was. */
    private void assertEachImportFails(Map<String, String> failing) throws InterruptedException {
        ImportCalls calls = calls();
        for (Map.Entry<String, String> failure : failing.entrySet()) {
            String id = calls.create();
            calls.importImage(id, ImportCalls.webDownload(failure.getKey(), null)).statusCode(202);
            // Back to queued: GET /v2/images/{id} reads the image and its properties in two statements, so the
            // import's end (status, then the task's lock) may show in two reads.
            JsonPath image = calls.await(id,
                    ImportCalls.importFailed().and(i -> "queued".equals(i.getString("status"))));
            assertEquals("fast", image.getString("os_glance_failed_import"), failure.getKey());
            assertNull(image.get("size"), failure.getKey());
            JsonPath task = calls.lastTask(id);
            assertEquals("failure", task.getString("status"), failure.getKey());
            assertTrue(task.getString("message").contains(failure.getValue()),
                    failure.getKey() + ": " + task.getString("message"));
            assertFalse(Files.exists(LoopbackRefusedImportProfile.FAST.resolve("staging").resolve(id)));
            assertFalse(Files.exists(LoopbackRefusedImportProfile.FAST.resolve(id)));
        }
        assertEquals(0, internal.requests.get(), "requests that reached the protected server");
    }

    @Test
    void otherSpellingsOfADisallowedAddressAre400AtOnce() {
        ImportCalls calls = calls();
        String id = calls.create();
        int port = internal.port();
        List<String> refused = List.of(
                "http://127.0.0.1:" + port + "/image.raw",
                "http://[::ffff:127.0.0.1]:" + port + "/image.raw",
                "http://[::FFFF:7f00:1]:" + port + "/image.raw",
                "http://[0:0:0:0:0:ffff:127.0.0.1]:" + port + "/image.raw",
                "http://127.0.0.1.:" + port + "/image.raw",
                "http://2130706433:" + port + "/image.raw",
                "http://0177.0.0.1:" + port + "/image.raw",
                "http://0x7f000001:" + port + "/image.raw",
                "http://127.1:" + port + "/image.raw",
                "http://169.254.169.254/latest/meta-data/",
                "http://[::ffff:a9fe:a9fe]/latest/meta-data/",
                "http://FORBIDDEN.Example./image.raw");
        for (String uri : refused) {
            calls.importImage(id, ImportCalls.webDownload(uri, null)).statusCode(400)
                    .body(containsString("URI for web-download does not pass filtering: " + uri));
        }
        assertEquals("queued", calls.image(id).getString("status"));
        assertEquals(0, internal.requests.get());
    }

    @Test
    void aNameOrAddressThatMeansADisallowedHostFailsTheDownloadWithoutConnecting() throws Exception {
        int port = internal.port();
        Map<String, String> failing = new LinkedHashMap<>();
        failing.put("http://localhost:" + port + "/image.raw",
                "localhost resolves to 127.0.0.1, which the import filter does not allow");
        failing.put("http://LocalHost:" + port + "/image.raw", "resolves to 127.0.0.1");
        failing.put("http://0.0.0.0:" + port + "/image.raw", "0.0.0.0 resolves to 0.0.0.0");
        assertEachImportFails(failing);
    }

    @Test
    void everyRedirectIsFilteredAsTheFirstUrl() throws Exception {
        int port = internal.port();
        Map<String, String> failing = new LinkedHashMap<>();
        for (String target : List.of("http://127.0.0.1:" + port + "/image.raw",
                "http://[::ffff:127.0.0.1]:" + port + "/image.raw", "http://2130706433:" + port + "/image.raw",
                "http://169.254.169.254/latest/meta-data/", "http://forbidden.example./image.raw",
                "file:///etc/passwd")) {
            failing.put(redirectTo(target), "Redirect to disallowed URL: " + target);
        }
        failing.put(redirectTo("http://localhost:" + port + "/image.raw"), "localhost resolves to 127.0.0.1");
        failing.put(redirectTo(external.url("/go?to=" + URLEncoder.encode("http://localhost:" + port + "/image.raw",
                StandardCharsets.UTF_8))), "localhost resolves to 127.0.0.1");
        assertEachImportFails(failing);
    }

    @Test
    void anAllowedHostStillImportsThroughRedirects() throws Exception {
        ImportCalls calls = calls();
        for (String uri : List.of(external.url("/image.raw"), redirectTo(external.url("/redirect/2")))) {
            String id = calls.create();
            calls.importImage(id, ImportCalls.webDownload(uri, null)).statusCode(202);
            JsonPath image = calls.await(id, ImportCalls.importedActive());
            assertEquals(20_000, image.getInt("size"), uri);
            assertEquals("", image.getString("os_glance_failed_import"), uri);
        }
    }

    /**
     * glance-download: the image endpoint named {@code localhost} (this service) is the cloud's own, read as it is;
     * the remote image's data URL is the user's choice and resolves to a disallowed address.
     */
    @Test
    void aGlanceDownloadWhoseDataResolvesToADisallowedAddressFails() throws Exception {
        ImportCalls calls = calls();
        String source = calls.create();
        given().header("X-Auth-Token", calls.token()).contentType("application/octet-stream").body(new byte[5000])
                .put("/v2/images/" + source + "/file").then().statusCode(204);
        System.setProperty(FakeKeystone.IMAGE_ENDPOINT, "http://localhost:" + self.getPort());
        try {
            String id = calls.create();
            calls.importImage(id, "{\"method\": {\"name\": \"glance-download\", \"glance_image_id\": \"" + source
                    + "\", \"glance_region\": \"RegionOne\"}}").statusCode(202);
            JsonPath image = calls.await(id, ImportCalls.importFailed());
            assertEquals("queued", image.getString("status"));
            assertEquals("fast", image.getString("os_glance_failed_import"));
            String message = calls.lastTask(id).getString("message");
            assertTrue(message.contains("localhost resolves to 127.0.0.1"), message);
        } finally {
            System.clearProperty(FakeKeystone.IMAGE_ENDPOINT);
        }
    }
}
