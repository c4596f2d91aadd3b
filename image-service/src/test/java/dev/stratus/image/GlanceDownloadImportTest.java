package dev.stratus.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Glance's {@code glance-download} import, from this same service as Tempest tests it: the image endpoint comes from
 * the caller's catalog ({@link FakeKeystone}, read with the caller's token), the remote image's record and data are
 * read from it with that token, the data goes through staging into the stores, and the image adopts the remote
 * image's formats and the properties Glance's {@code extra_properties} name. A glance_image_id that is not a UUID
 * is 400 at once; a missing remote image, one not active, or an unknown region or interface fail the task and put
 * the image back to {@code queued} untouched.
 */
@QuarkusTest
@TestProfile(RemoteImportProfile.class)
@QuarkusTestResource(value = ImageTestResource.class, restrictToAnnotatedClass = false)
class GlanceDownloadImportTest {

    @Inject
    ImageTestKeys keys;

    @TestHTTPResource("/")
    URL self;

    @BeforeEach
    void catalogNamesThisService() {
        System.setProperty(FakeKeystone.IMAGE_ENDPOINT, self.toString().replaceAll("/+$", ""));
    }

    private RequestSpecification as(String token) {
        return given().header("X-Auth-Token", token);
    }

    private String owner() {
        return keys.member("gloria", "project-glance-download");
    }

    private String create(String diskFormat, String containerFormat) {
        return as(owner()).contentType(ContentType.JSON)
                .body("{\"name\": \"gd\", \"disk_format\": \"" + diskFormat + "\", \"container_format\": \""
                        + containerFormat + "\"}")
                .post("/v2/images").then().statusCode(201).extract().path("id");
    }

    private void patch(String id, String patch) {
        as(owner()).contentType("application/openstack-images-v2.1-json-patch").body(patch.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .patch("/v2/images/" + id).then().statusCode(200);
    }

    private static String glanceDownload(String imageId, String region, String serviceInterface) {
        return "{\"method\": {\"name\": \"glance-download\", \"glance_image_id\": \"" + imageId
                + "\", \"glance_region\": \"" + region + "\", \"glance_service_interface\": \"" + serviceInterface
                + "\"}}";
    }

    private ValidatableResponse importImage(String id, String body) {
        return as(owner()).contentType(ContentType.JSON).body(body).post("/v2/images/" + id + "/import").then();
    }

    private JsonPath image(String id) {
        return as(owner()).get("/v2/images/" + id).then().statusCode(200).extract().jsonPath();
    }

    private JsonPath lastTask(String id) {
        JsonPath tasks = as(owner()).get("/v2/images/" + id + "/tasks").then().statusCode(200).extract().jsonPath();
        return JsonPath.from(tasks.prettify()).setRootPath("tasks[-1]");
    }

    /** Polls the image's last task until it ended, at most 20 s. */
    private JsonPath awaitTask(String id) throws InterruptedException {
        JsonPath task = null;
        for (int i = 0; i < 200; i++) {
            task = lastTask(id);
            String status = task.getString("status");
            if (("success".equals(status) || "failure".equals(status))
                    && image(id).getString("os_glance_import_task") == null) {
                return task;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the task never ended: " + task.prettify());
    }

    private static Predicate<JsonPath> active() {
        return image -> "active".equals(image.getString("status"));
    }

    /** An active source image with {@code data}, imported by glance-direct as Tempest makes it. */
    private String source(byte[] data) throws InterruptedException {
        String id = create("raw", "bare");
        as(owner()).contentType("application/octet-stream").body(data).put("/v2/images/" + id + "/stage")
                .then().statusCode(204);
        importImage(id, "{\"method\": {\"name\": \"glance-direct\"}}").statusCode(202);
        assertEquals("success", awaitTask(id).getString("status"));
        assertTrue(active().test(image(id)));
        return id;
    }

    /** Tempest's test_image_glance_download_import_success. */
    @Test
    void anImageIsDownloadedFromGlanceWithItsFormatsAndChosenProperties() throws Exception {
        byte[] data = new byte[250_000];
        new Random(11).nextBytes(data);
        String src = source(data);
        patch(src, "[{\"op\": \"add\", \"path\": \"/hw_cpu_cores\", \"value\": \"5\"},"
                + " {\"op\": \"add\", \"path\": \"/trait:STORAGE_DISK_SSD\", \"value\": \"required\"},"
                + " {\"op\": \"add\", \"path\": \"/os_distro\", \"value\": \"rhel\"},"
                + " {\"op\": \"add\", \"path\": \"/speed\", \"value\": \"88mph\"}]");
        JsonPath srcImage = image(src);

        String dst = create("iso", "ovf");
        patch(dst, "[{\"op\": \"add\", \"path\": \"/hw_cpu_cores\", \"value\": \"1\"},"
                + " {\"op\": \"add\", \"path\": \"/os_distro\", \"value\": \"windows\"},"
                + " {\"op\": \"add\", \"path\": \"/own\", \"value\": \"kept\"}]");
        String token = owner();
        as(token).contentType(ContentType.JSON).body(glanceDownload(src, "RegionOne", "public"))
                .post("/v2/images/" + dst + "/import").then().statusCode(202);
        JsonPath task = awaitTask(dst);
        assertEquals("success", task.getString("status"), task.prettify());
        assertEquals(token, System.getProperty(FakeKeystone.LAST_TOKEN), "the catalog read with the caller's token");

        JsonPath dstImage = image(dst);
        assertEquals("active", dstImage.getString("status"));
        assertEquals("raw", dstImage.getString("disk_format"));
        assertEquals("bare", dstImage.getString("container_format"));
        assertEquals("5", dstImage.getString("hw_cpu_cores"));
        assertEquals("required", dstImage.getString("'trait:STORAGE_DISK_SSD'"));
        assertEquals("rhel", dstImage.getString("os_distro"));
        assertNull(dstImage.get("speed"));
        assertEquals("kept", dstImage.getString("own"));
        assertEquals(srcImage.getString("checksum"), dstImage.getString("checksum"));
        assertEquals(srcImage.getString("os_hash_value"), dstImage.getString("os_hash_value"));
        assertEquals(250_000, dstImage.getInt("size"));
        assertEquals(250_000, dstImage.getInt("virtual_size"));
        assertEquals("fast", dstImage.getString("stores"));
        assertEquals("", dstImage.getString("os_glance_failed_import"));
        assertNull(dstImage.get("os_glance_import_task"));
        assertArrayEquals(data, Files.readAllBytes(RemoteImportProfile.FAST.resolve(dst)));
        assertFalse(Files.exists(RemoteImportProfile.FAST.resolve("staging").resolve(dst)), "staged data gone");
        assertEquals("glance-download", task.getString("input.import_req.method.name"));
    }

    /** Tempest's test_image_glance_download_import_bad_uuid, and Glance's other checks of the request. */
    @Test
    void aRemoteImageIdThatIsNotAUuidIs400AtOnce() {
        String id = create("raw", "bare");
        importImage(id, glanceDownload("foo", "RegionOne", "public")).statusCode(400)
                .body(containsString("Remote image id does not look like a UUID: foo"));
        importImage(id, "{\"method\": {\"name\": \"glance-download\", \"glance_region\": \"RegionOne\"}}")
                .statusCode(400)
                .body(containsString("'glance_image_id' needs to be set for glance-download import method"));
        importImage(id, "{\"method\": {\"name\": \"glance-download\", \"glance_image_id\": \""
                + UUID.randomUUID() + "\"}}").statusCode(400)
                .body(containsString("'glance_region' needs to be set for glance-download import method"));
        assertEquals("queued", image(id).getString("status"));
        assertNull(image(id).get("os_glance_import_task"));
    }

    /** Tempest's test_image_glance_download_import_bad_endpoint and _bad_missing_image, and a queued source. */
    @Test
    void aRemoteImageThatCannotBeReadFailsTheImportAndLeavesTheImageAsItWas() throws Exception {
        String queuedSource = create("qcow2", "bare");
        String[][] failing = {
                {UUID.randomUUID().toString(), "not a region", "not an interface",
                        "not an interface glance endpoint not found for region not a region"},
                {UUID.randomUUID().toString(), "RegionOne", "public", "HTTP Error 404"},
                // Without a service interface, Glance takes the public one.
                {queuedSource, "RegionOne", null, "Source image status should be active instead of queued"}};
        for (String[] failure : failing) {
            String id = create("raw", "bare");
            patch(id, "[{\"op\": \"add\", \"path\": \"/hw_cpu_cores\", \"value\": \"1\"},"
                    + " {\"op\": \"add\", \"path\": \"/os_distro\", \"value\": \"windows\"}]");
            String body = failure[2] == null
                    ? "{\"method\": {\"name\": \"glance-download\", \"glance_image_id\": \"" + failure[0]
                            + "\", \"glance_region\": \"" + failure[1] + "\"}}"
                    : glanceDownload(failure[0], failure[1], failure[2]);
            importImage(id, body).statusCode(202);
            JsonPath task = awaitTask(id);
            assertEquals("failure", task.getString("status"));
            assertTrue(task.getString("message").contains(failure[3]), task.getString("message"));
            JsonPath image = image(id);
            assertEquals("queued", image.getString("status"));
            assertEquals("raw", image.getString("disk_format"));
            assertEquals("1", image.getString("hw_cpu_cores"));
            assertEquals("windows", image.getString("os_distro"));
            assertEquals("fast", image.getString("os_glance_failed_import"));
            assertEquals("", image.getString("os_glance_importing_to_stores"));
            assertNull(image.get("size"));
            assertFalse(Files.exists(RemoteImportProfile.FAST.resolve("staging").resolve(id)));
        }
    }

    @Test
    void anImageTheCallerCannotSeeIsNotDownloaded() throws Exception {
        byte[] data = new byte[1000];
        String src = source(data);
        String stranger = keys.member("sam", "project-stranger");
        String theirs = as(stranger).contentType(ContentType.JSON)
                .body("{\"name\": \"theirs\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}")
                .post("/v2/images").then().statusCode(201).extract().path("id");
        // The stranger asks for the owner's private image: the remote Glance answers 404 to their token.
        as(stranger).contentType(ContentType.JSON).body(glanceDownload(src, "RegionOne", "public"))
                .post("/v2/images/" + theirs + "/import").then().statusCode(202);
        JsonPath task = JsonPath.from(as(stranger).get("/v2/images/" + theirs + "/tasks").then().statusCode(200)
                .extract().asString()).setRootPath("tasks[-1]");
        for (int i = 0; i < 200 && !"failure".equals(task.getString("status")); i++) {
            Thread.sleep(100);
            task = JsonPath.from(as(stranger).get("/v2/images/" + theirs + "/tasks").then().extract().asString())
                    .setRootPath("tasks[-1]");
        }
        assertEquals("failure", task.getString("status"));
        assertTrue(task.getString("message").contains("HTTP Error 404"), task.getString("message"));
        assertEquals("queued", as(stranger).get("/v2/images/" + theirs).then().statusCode(200).extract()
                .path("status"));
    }
}
