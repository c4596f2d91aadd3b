package dev.stratus.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Two file stores, "fast" (the default) and "cheap": uploads, imports, copies and removals across them. */
@QuarkusTest
@TestProfile(MultiStoreImagesApiTest.TwoStores.class)
class MultiStoreImagesApiTest {

    // The profile and the test are loaded by different class loaders: the directories are shared through
    // system properties so that both see the same ones.
    static final Path FAST = directory("fast");
    static final Path CHEAP = directory("cheap");

    private static Path directory(String store) {
        return SharedTempDirectories.of("store." + store);
    }

    public static class TwoStores implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "stratus.image.stores[0].id", "fast",
                    "stratus.image.stores[0].directory", FAST.toString(),
                    "stratus.image.stores[0].description", "Fast disk",
                    "stratus.image.stores[0].default", "true",
                    "stratus.image.stores[1].id", "cheap",
                    "stratus.image.stores[1].directory", CHEAP.toString());
        }
    }

    @Inject
    ImageTestKeys keys;

    private RequestSpecification as(String token) {
        return given().header("X-Auth-Token", token);
    }

    private String owner() {
        return keys.member("olive", "project-stores");
    }

    private String admin() {
        return keys.admin();
    }

    private String create() {
        return as(owner()).contentType(ContentType.JSON)
                .body("{\"name\": \"multi\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}")
                .post("/v2/images").then().statusCode(201)
                .header("OpenStack-image-store-ids", "fast,cheap")
                .header("OpenStack-image-import-methods", "glance-direct,web-download,copy-image,glance-download")
                .extract().path("id");
    }

    private static byte[] data(int seed) {
        byte[] data = new byte[300_000];
        new Random(seed).nextBytes(data);
        return data;
    }

    private String staged(byte[] data) {
        String id = create();
        as(owner()).contentType("application/octet-stream").body(data).put("/v2/images/" + id + "/stage")
                .then().statusCode(204);
        return id;
    }

    private String uploaded(byte[] data) {
        String id = create();
        as(owner()).contentType("application/octet-stream").body(data).put("/v2/images/" + id + "/file")
                .then().statusCode(204);
        return id;
    }

    private void importImage(String token, String id, String body, int status) {
        as(token).contentType(ContentType.JSON).body(body).post("/v2/images/" + id + "/import")
                .then().statusCode(status);
    }

    /** Polls the image until {@code done} holds (the import runs in the background), at most 20 s. */
    private JsonPath await(String id, Predicate<JsonPath> done) throws InterruptedException {
        JsonPath image = null;
        for (int i = 0; i < 200; i++) {
            image = as(admin()).get("/v2/images/" + id).then().statusCode(200).extract().jsonPath();
            if (done.test(image)) {
                return image;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the image never got there: " + image.prettify());
    }

    private static Predicate<JsonPath> importDone() {
        return image -> "".equals(image.getString("os_glance_importing_to_stores"));
    }

    @Test
    void storesAreListedAndDetailedToAdministrators() {
        as(owner()).get("/v2/info/stores").then().statusCode(200)
                .body("stores.size()", equalTo(2))
                .body("stores[0].id", equalTo("fast"))
                .body("stores[0].description", equalTo("Fast disk"))
                .body("stores[0].default", equalTo("true"))
                .body("stores[1].id", equalTo("cheap"))
                .body("stores[1].default", nullValue());
        as(owner()).get("/v2/info/stores/detail").then().statusCode(403)
                .body(containsString("stores_info_detail"));
        as(admin()).get("/v2/info/stores/detail").then().statusCode(200)
                .body("stores[1].id", equalTo("cheap"))
                .body("stores[1].type", equalTo("file"))
                .body("stores[1].properties.data_dir", equalTo(CHEAP.toAbsolutePath().toString()))
                .body("stores[0].properties.thin_provisioning", equalTo(false));
        as(owner()).get("/v2/info/import").then().statusCode(200)
                .body("import-methods.value", hasItems("glance-direct", "copy-image"));
    }

    @Test
    void uploadGoesToTheNamedStore() {
        byte[] data = data(1);
        String id = create();
        as(owner()).header("X-Image-Meta-Store", "nowhere").contentType("application/octet-stream").body(data)
                .put("/v2/images/" + id + "/file").then().statusCode(400)
                .body(containsString("Unknown scheme 'nowhere' found in URI"));
        as(owner()).get("/v2/images/" + id).then().body("status", equalTo("queued")).body("stores", nullValue());
        as(owner()).header("X-Image-Meta-Store", "cheap").contentType("application/octet-stream").body(data)
                .put("/v2/images/" + id + "/file").then().statusCode(204);
        as(owner()).get("/v2/images/" + id).then().body("status", equalTo("active")).body("stores", equalTo("cheap"));
        assertTrue(Files.exists(CHEAP.resolve(id)));
        assertFalse(Files.exists(FAST.resolve(id)));
        assertArrayEquals(data, as(owner()).get("/v2/images/" + id + "/file").then().statusCode(200)
                .extract().asByteArray());
        String plain = uploaded(data);
        as(owner()).get("/v2/images/" + plain).then().body("stores", equalTo("fast"));
    }

    @Test
    void glanceDirectImportToAllStores() throws Exception {
        byte[] data = data(2);
        String id = staged(data);
        importImage(owner(), id, "{\"method\": {\"name\": \"glance-direct\"}, \"all_stores\": true,"
                + " \"stores\": [\"fast\"]}", 400);
        importImage(owner(), id, "{\"method\": {\"name\": \"glance-direct\"}, \"all_stores\": true}", 202);
        JsonPath image = await(id, i -> "active".equals(i.getString("status")) && importDone().test(i));
        assertEquals("cheap,fast", image.getString("stores"));
        assertEquals("", image.getString("os_glance_failed_import"));
        assertArrayEquals(data, Files.readAllBytes(FAST.resolve(id)));
        assertArrayEquals(data, Files.readAllBytes(CHEAP.resolve(id)));
        assertFalse(Files.exists(FAST.resolve("staging").resolve(id)), "no staged data left");
        as(owner()).get("/v2/images/" + id + "/tasks").then().statusCode(200)
                .body("tasks[0].status", equalTo("success"))
                .body("tasks[0].input.backend", hasItems("fast", "cheap"));
        await(id, i -> i.getString("os_glance_import_task") == null);
        importImage(owner(), id, "{\"method\": {\"name\": \"glance-direct\"}}", 409);
    }

    @Test
    void glanceDirectImportToNamedStoresAndRefusals() throws Exception {
        byte[] data = data(3);
        String id = create();
        importImage(owner(), id, "{\"method\": {\"name\": \"glance-direct\"}, \"stores\": [\"cheap\"]}", 409);
        as(owner()).contentType("application/octet-stream").body(data).put("/v2/images/" + id + "/stage")
                .then().statusCode(204);
        importImage(owner(), id, "{\"method\": {\"name\": \"glance-direct\"}, \"stores\": [\"nowhere\"]}", 409);
        importImage(owner(), id, "{\"method\": {\"name\": \"bogus-method\"}}", 400);
        importImage(owner(), id, "{\"method\": {\"name\": \"glance-direct\"}, \"all_stores\": \"yes\"}", 400);
        as(owner()).header("X-Image-Meta-Store", "cheap").contentType(ContentType.JSON)
                .body("{\"method\": {\"name\": \"glance-direct\"}, \"stores\": [\"cheap\"]}")
                .post("/v2/images/" + id + "/import").then().statusCode(400);
        as(keys.member("mallory", "project-other")).contentType(ContentType.JSON)
                .body("{\"method\": {\"name\": \"glance-direct\"}}").post("/v2/images/" + id + "/import")
                .then().statusCode(404);
        importImage(owner(), id, "{\"method\": {\"name\": \"glance-direct\"}, \"stores\": [\"cheap\"]}", 202);
        JsonPath image = await(id, i -> "active".equals(i.getString("status")) && importDone().test(i));
        assertEquals("cheap", image.getString("stores"));
        assertFalse(Files.exists(FAST.resolve(id)));
        assertFalse(Files.exists(FAST.resolve("staging").resolve(id)), "staged data removed");
        assertArrayEquals(data, as(owner()).get("/v2/images/" + id + "/file").then().statusCode(200)
                .extract().asByteArray());
    }

    @Test
    void aFailedStoreUndoesTheImportUnlessAllowed() throws Exception {
        byte[] data = data(4);
        // A file already in "cheap" under the image's name makes that store's write fail.
        String strict = staged(data);
        Files.write(CHEAP.resolve(strict), new byte[] {1});
        importImage(owner(), strict, "{\"method\": {\"name\": \"glance-direct\"}, \"all_stores\": true}", 202);
        JsonPath failed = await(strict, i -> "queued".equals(i.getString("status")) && importDone().test(i));
        assertEquals("cheap", failed.getString("os_glance_failed_import"));
        assertEquals(null, failed.getString("stores"));
        assertFalse(Files.exists(FAST.resolve(strict)), "the fast copy was undone");
        assertFalse(Files.exists(FAST.resolve("staging").resolve(strict)));
        as(owner()).get("/v2/images/" + strict + "/tasks").then().body("tasks[0].status", equalTo("failure"));

        String lenient = staged(data);
        Files.write(CHEAP.resolve(lenient), new byte[] {1});
        importImage(owner(), lenient, "{\"method\": {\"name\": \"glance-direct\"}, \"all_stores\": true,"
                + " \"all_stores_must_succeed\": false}", 202);
        JsonPath partial = await(lenient, i -> "active".equals(i.getString("status")) && importDone().test(i));
        assertEquals("fast", partial.getString("stores"));
        assertEquals("cheap", partial.getString("os_glance_failed_import"));
        assertArrayEquals(data, Files.readAllBytes(FAST.resolve(lenient)));
    }

    @Test
    void copyImageToAnotherStore() throws Exception {
        byte[] data = data(5);
        String queued = create();
        importImage(admin(), queued, "{\"method\": {\"name\": \"copy-image\"}, \"stores\": [\"cheap\"]}", 409);
        String id = uploaded(data);
        importImage(owner(), id, "{\"method\": {\"name\": \"copy-image\"}, \"stores\": [\"cheap\"]}", 403);
        importImage(admin(), id, "{\"method\": {\"name\": \"copy-image\"}, \"stores\": [\"fast\"]}", 400);
        importImage(admin(), id, "{\"method\": {\"name\": \"copy-image\"}, \"stores\": [\"nowhere\"]}", 409);
        importImage(admin(), id, "{\"method\": {\"name\": \"copy-image\"}, \"all_stores\": true,"
                + " \"all_stores_must_succeed\": false}", 202);
        JsonPath image = await(id, importDone());
        assertEquals("cheap,fast", image.getString("stores"));
        assertEquals("", image.getString("os_glance_failed_import"));
        assertEquals("active", image.getString("status"));
        assertArrayEquals(data, Files.readAllBytes(CHEAP.resolve(id)));
        // Already everywhere: nothing to do.
        await(id, i -> i.getString("os_glance_import_task") == null);
        importImage(admin(), id, "{\"method\": {\"name\": \"copy-image\"}, \"all_stores\": true}", 202);
        importImage(admin(), id, "{\"method\": {\"name\": \"copy-image\"}, \"stores\": [\"cheap\"]}", 400);
    }

    @Test
    void oneStoresCopyIsRemovedButNeverTheLast() throws Exception {
        byte[] data = data(6);
        String id = uploaded(data);
        as(admin()).delete("/v2/stores/nowhere/" + id).then().statusCode(409)
                .body(containsString("The selected store nowhere is not available on this node."));
        as(admin()).delete("/v2/stores/cheap/" + id).then().statusCode(403)
                .body(containsString("Cannot delete image data from the only store containing it."));
        importImage(admin(), id, "{\"method\": {\"name\": \"copy-image\"}, \"stores\": [\"cheap\"]}", 202);
        await(id, i -> "cheap,fast".equals(i.getString("stores")) && importDone().test(i));
        as(owner()).delete("/v2/stores/cheap/" + id).then().statusCode(403)
                .body(containsString("delete_image_location"));
        as(admin()).delete("/v2/stores/fast/00000000-0000-0000-0000-000000000000").then().statusCode(404);
        as(admin()).delete("/v2/stores/fast/" + id).then().statusCode(204);
        as(owner()).get("/v2/images/" + id).then().body("stores", equalTo("cheap"));
        assertFalse(Files.exists(FAST.resolve(id)));
        assertArrayEquals(data, as(owner()).get("/v2/images/" + id + "/file").then().statusCode(200)
                .extract().asByteArray(), "served from the copy left");
        as(admin()).delete("/v2/stores/cheap/" + id).then().statusCode(403);
        String queued = create();
        as(admin()).delete("/v2/stores/cheap/" + queued).then().statusCode(409);
    }

    @Test
    void deletingTheImageRemovesEveryCopy() throws Exception {
        String id = uploaded(data(7));
        importImage(admin(), id, "{\"method\": {\"name\": \"copy-image\"}, \"stores\": [\"cheap\"]}", 202);
        await(id, i -> "cheap,fast".equals(i.getString("stores")) && importDone().test(i));
        assertTrue(Files.exists(FAST.resolve(id)) && Files.exists(CHEAP.resolve(id)));
        as(owner()).delete("/v2/images/" + id).then().statusCode(204);
        assertFalse(Files.exists(FAST.resolve(id)));
        assertFalse(Files.exists(CHEAP.resolve(id)));
        as(owner()).get("/v2/images/" + id).then().statusCode(404);
    }
}
