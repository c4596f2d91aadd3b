package dev.stratus.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.image.service.ImageCache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Glance's image cache with a cache directory of at most 10,000 bytes: the cache API (what Tempest's
 * ImageCachingTest does), the prefetcher, downloads served from the cache and counted, the fill on a whole download,
 * clear targets, the pruner, checksum verification, and entries dropped with their image.
 */
@QuarkusTest
@TestProfile(ImageCacheApiTest.CacheOn.class)
class ImageCacheApiTest {

    // The profile and the test are loaded by different class loaders: the directories are shared through
    // system properties so that both see the same ones.
    static final Path CACHE = directory("cache");
    static final Path STORE = directory("store");
    static final int SIZE = 4000;

    private static Path directory(String name) {
        return SharedTempDirectories.of("image-cache." + name);
    }

    public static class CacheOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "stratus.image.store-directory", STORE.toString(),
                    "stratus.image.cache.directory", CACHE.toString(),
                    "stratus.image.cache.max-size", "10000",
                    "stratus.image.cache.prefetch-interval", "PT1S",
                    "stratus.image.show-multiple-locations", "true");
        }
    }

    /** Image data at an external location (the http store), read by the prefetcher. */
    static final ExternalImageServer ORIGIN = origin();

    private static ExternalImageServer origin() {
        try {
            return new ExternalImageServer(SIZE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @org.junit.jupiter.api.AfterAll
    static void stopOrigin() {
        ORIGIN.close();
    }

    @Inject
    ImageTestKeys keys;

    @Inject
    ImageCache cache;

    private RequestSpecification as(String token) {
        return given().header("X-Auth-Token", token);
    }

    private String admin() {
        return keys.admin();
    }

    private String owner() {
        return keys.member("carol", "project-cache");
    }

    @BeforeEach
    void emptyCache() {
        as(admin()).delete("/v2/cache").then().statusCode(204);
    }

    private static byte[] data(int seed) {
        byte[] data = new byte[SIZE];
        new Random(seed).nextBytes(data);
        return data;
    }

    private String uploaded(byte[] data) {
        String id = as(owner()).contentType(ContentType.JSON)
                .body("{\"name\": \"cached\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}")
                .post("/v2/images").then().statusCode(201).extract().path("id");
        as(owner()).contentType("application/octet-stream").body(data).put("/v2/images/" + id + "/file")
                .then().statusCode(204);
        return id;
    }

    private JsonPath state() {
        // Doubles, not rest-assured's default floats: the times are seconds since the epoch with microseconds.
        return as(admin()).get("/v2/cache").then().statusCode(200).extract().jsonPath()
                .using(new io.restassured.path.json.config.JsonPathConfig(
                        io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
    }

    private static List<String> cachedIds(JsonPath state) {
        return state.getList("cached_images.image_id", String.class);
    }

    /** Polls the cache state until {@code done} holds (the prefetcher runs in the background), at most 20 s. */
    private JsonPath await(Predicate<JsonPath> done) throws InterruptedException {
        JsonPath state = null;
        for (int i = 0; i < 200; i++) {
            state = state();
            if (done.test(state)) {
                return state;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the cache never got there: " + state.prettify());
    }

    private JsonPath cached(String id) throws InterruptedException {
        as(admin()).put("/v2/cache/" + id).then().statusCode(202);
        return await(s -> cachedIds(s).contains(id) && !s.getList("queued_images").contains(id));
    }

    private Map<String, Object> entry(JsonPath state, String id) {
        return state.getMap("cached_images.find { it.image_id == '" + id + "' }");
    }

    private byte[] download(String id) {
        return as(owner()).get("/v2/images/" + id + "/file").then().statusCode(200).extract().asByteArray();
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void onlyAdministratorsManageTheCacheAndTheVersionsListIt() {
        String id = uploaded(data(1));
        as(owner()).get("/v2/cache").then().statusCode(403);
        as(owner()).put("/v2/cache/" + id).then().statusCode(403);
        as(owner()).delete("/v2/cache/" + id).then().statusCode(403);
        as(owner()).delete("/v2/cache").then().statusCode(403);
        given().get("/v2/cache").then().statusCode(401);
        given().get("/").then().statusCode(300).body("versions[0].id", equalTo("v2.16"))
                .body("versions[0].status", equalTo("CURRENT")).body("versions.id", hasItem("v2.14"));
    }

    /** The steps of Tempest's ImageCachingTest.test_image_caching_cycle, in its order. */
    @Test
    void tempestCachingCycle() throws Exception {
        as(owner()).get("/v2/cache").then().statusCode(403);
        JsonPath state = state();
        assertTrue(state.getList("queued_images").isEmpty());
        as(admin()).put("/v2/cache/non-existing-image-id").then().statusCode(404);
        String queued = as(owner()).contentType(ContentType.JSON).body("{\"name\": \"queued\"}").post("/v2/images")
                .then().statusCode(201).extract().path("id");
        as(admin()).put("/v2/cache/" + queued).then().statusCode(400);
        String first = uploaded(data(20));
        as(admin()).put("/v2/cache/" + first).then().statusCode(202);
        JsonPath listed = state();
        assertTrue(listed.getList("queued_images").contains(first) || cachedIds(listed).contains(first));
        cached(first);
        as(admin()).delete("/v2/cache").then().statusCode(204);
        state = state();
        assertEquals(0, state.getList("queued_images").size());
        assertEquals(0, state.getList("cached_images").size());
        as(admin()).header("x-image-cache-clear-target", "invalid").delete("/v2/cache").then().statusCode(400);
    }

    @Test
    void onlyActiveImagesAreQueued() {
        as(admin()).put("/v2/cache/non-existing-image-id").then().statusCode(404)
                .body(containsString("Image non-existing-image-id not found."));
        String queued = as(owner()).contentType(ContentType.JSON).body("{\"name\": \"empty\"}").post("/v2/images")
                .then().statusCode(201).extract().path("id");
        as(admin()).put("/v2/cache/" + queued).then().statusCode(400)
                .body(containsString("Only images with status active can be targeted for queueing"));
        as(admin()).delete("/v2/cache/non-existing-image-id").then().statusCode(404);
        assertTrue(state().getList("queued_images").isEmpty());
    }

    @Test
    void queuedImageIsPrefetchedVerifiedAndListed() throws Exception {
        byte[] bytes = data(2);
        String id = uploaded(bytes);
        JsonPath state = cached(id);
        Map<String, Object> entry = entry(state, id);
        assertEquals(SIZE, ((Number) entry.get("size")).intValue());
        assertEquals(0, ((Number) entry.get("hits")).intValue());
        assertTrue(((Number) entry.get("last_accessed")).doubleValue() > 1.7e9);
        assertTrue(((Number) entry.get("last_modified")).doubleValue() > 1.7e9);
        assertArrayEquals(bytes, Files.readAllBytes(CACHE.resolve(id)));
        // Queueing a cached image again is accepted and does nothing.
        as(admin()).put("/v2/cache/" + id).then().statusCode(202);
        assertFalse(state().getList("queued_images").contains(id));
    }

    @Test
    void downloadsAreServedFromTheCacheAndCounted() throws Exception {
        byte[] bytes = data(3);
        String id = uploaded(bytes);
        double cachedAt = ((Number) entry(cached(id), id).get("last_accessed")).doubleValue();
        // The store's copy is gone: only the cache can serve the data now.
        Files.delete(STORE.resolve(id));
        assertArrayEquals(bytes, download(id));
        byte[] slice = as(owner()).header("Range", "bytes=10-19").get("/v2/images/" + id + "/file")
                .then().statusCode(206).extract().asByteArray();
        assertArrayEquals(java.util.Arrays.copyOfRange(bytes, 10, 20), slice);
        Map<String, Object> entry = entry(state(), id);
        assertEquals(2, ((Number) entry.get("hits")).intValue());
        assertTrue(((Number) entry.get("last_accessed")).doubleValue() > cachedAt);
        as(owner()).header("Range", "bytes=99999-").get("/v2/images/" + id + "/file").then().statusCode(416);
        assertEquals(2, ((Number) entry(state(), id).get("hits")).intValue());
    }

    @Test
    void aWholeDownloadFillsTheCache() throws Exception {
        byte[] bytes = data(4);
        String id = uploaded(bytes);
        as(owner()).header("Range", "bytes=0-9").get("/v2/images/" + id + "/file").then().statusCode(206);
        assertArrayEquals(bytes, download(id));
        await(s -> cachedIds(s).contains(id));
        assertArrayEquals(bytes, Files.readAllBytes(CACHE.resolve(id)));
        assertTrue(state().getList("queued_images").isEmpty());
    }

    @Test
    void clearTargetsTheCacheTheQueueOrBoth() throws Exception {
        String cachedId = uploaded(data(5));
        cached(cachedId);
        // Data that cannot be read stays queued.
        String stuck = uploaded(data(6));
        Files.delete(STORE.resolve(stuck));
        as(admin()).put("/v2/cache/" + stuck).then().statusCode(202);
        Thread.sleep(300);
        JsonPath state = state();
        assertEquals(List.of(stuck), state.getList("queued_images"));
        assertEquals(List.of(cachedId), cachedIds(state));

        as(admin()).header("x-image-cache-clear-target", "invalid").delete("/v2/cache").then().statusCode(400)
                .body(containsString("'cache', 'queue' or empty string"));
        as(admin()).header("x-image-cache-clear-target", "queue").delete("/v2/cache").then().statusCode(204);
        state = state();
        assertTrue(state.getList("queued_images").isEmpty());
        assertEquals(List.of(cachedId), cachedIds(state));

        as(admin()).put("/v2/cache/" + stuck).then().statusCode(202);
        as(admin()).header("x-image-cache-clear-target", "CACHE").delete("/v2/cache").then().statusCode(204);
        state = state();
        assertEquals(List.of(stuck), state.getList("queued_images"));
        assertTrue(cachedIds(state).isEmpty());
        assertFalse(Files.exists(CACHE.resolve(cachedId)));

        cached(cachedId);
        as(admin()).header("x-image-cache-clear-target", "").delete("/v2/cache").then().statusCode(204);
        state = state();
        assertTrue(state.getList("queued_images").isEmpty());
        assertTrue(cachedIds(state).isEmpty());
        assertEquals(List.of(), files(CACHE));
    }

    @Test
    void deleteDropsOneImageFromCacheAndQueue() throws Exception {
        String cachedId = uploaded(data(7));
        cached(cachedId);
        String stuck = uploaded(data(8));
        Files.delete(STORE.resolve(stuck));
        as(admin()).put("/v2/cache/" + stuck).then().statusCode(202);
        as(admin()).delete("/v2/cache/" + cachedId).then().statusCode(204);
        as(admin()).delete("/v2/cache/" + stuck).then().statusCode(204);
        JsonPath state = state();
        assertTrue(state.getList("queued_images").isEmpty());
        assertTrue(cachedIds(state).isEmpty());
        assertFalse(Files.exists(CACHE.resolve(cachedId)));
    }

    @Test
    void thePrunerDropsTheLeastRecentlyAccessed() throws Exception {
        String first = uploaded(data(9));
        String second = uploaded(data(10));
        String third = uploaded(data(11));
        cached(first);
        cached(second);
        download(first); // now the second is the least recently accessed
        JsonPath state = cached(third); // 12,000 bytes > 10,000
        assertEquals(List.of(first, third).stream().sorted().toList(), cachedIds(state));
        assertFalse(Files.exists(CACHE.resolve(second)));
        assertEquals(List.of(first, third).stream().sorted().toList(), files(CACHE));
    }

    @Test
    void deletedAndDeactivatedImagesLeaveTheCache() throws Exception {
        String deactivated = uploaded(data(12));
        cached(deactivated);
        as(admin()).post("/v2/images/" + deactivated + "/actions/deactivate").then().statusCode(204);
        assertFalse(cachedIds(state()).contains(deactivated));
        assertFalse(Files.exists(CACHE.resolve(deactivated)));
        as(admin()).put("/v2/cache/" + deactivated).then().statusCode(400);

        String deleted = uploaded(data(13));
        cached(deleted);
        as(owner()).delete("/v2/images/" + deleted).then().statusCode(204);
        assertFalse(cachedIds(state()).contains(deleted));
        assertFalse(Files.exists(CACHE.resolve(deleted)));
        as(admin()).delete("/v2/cache/" + deleted).then().statusCode(404);
    }

    @Test
    void dataThatDoesNotMatchTheChecksumsIsNotCached() throws Exception {
        String id = uploaded(data(14));
        Files.write(STORE.resolve(id), data(15)); // same size, other bytes
        as(admin()).put("/v2/cache/" + id).then().statusCode(202);
        await(s -> !s.getList("queued_images").contains(id));
        assertFalse(cachedIds(state()).contains(id));
        assertEquals(List.of(), files(CACHE));
        try (Stream<Path> all = Files.list(CACHE)) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().endsWith(".partial")));
        }
    }

    @Test
    void imagesAtExternalLocationsAreCachedAndServedLocally() throws Exception {
        String id = as(owner()).contentType(ContentType.JSON)
                .body("{\"name\": \"external\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}")
                .post("/v2/images").then().statusCode(201).extract().path("id");
        as(owner()).contentType("application/openstack-images-v2.1-json-patch")
                .body(("[{\"op\": \"add\", \"path\": \"/locations/-\", \"value\": {\"url\": \""
                        + ORIGIN.url("/image.raw") + "\", \"metadata\": {}}}]")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .patch("/v2/images/" + id).then().statusCode(200).body("status", equalTo("active"));
        cached(id);
        assertArrayEquals(ORIGIN.data, Files.readAllBytes(CACHE.resolve(id)));
        int reads = ORIGIN.gets.get();
        assertArrayEquals(ORIGIN.data, download(id));
        assertEquals(reads, ORIGIN.gets.get(), "the download was served from the cache, not the web server");
        assertEquals(1, ((Number) entry(state(), id).get("hits")).intValue());
    }

    @Test
    void startUpReconcilesFilesAndRecords() throws Exception {
        String kept = uploaded(data(16));
        String lost = uploaded(data(17));
        cached(kept);
        cached(lost);
        Files.delete(CACHE.resolve(lost)); // a record without its file
        Files.write(CACHE.resolve("stray-image"), new byte[10]); // a file without its record
        Files.write(CACHE.resolve(".half.0000.partial"), new byte[10]); // a write that died with its process
        cache.reconcile();
        assertEquals(List.of(kept), cachedIds(state()));
        assertEquals(List.of(kept), files(CACHE).stream().filter(n -> !n.startsWith(".")).toList());
        assertFalse(Files.exists(CACHE.resolve(".half.0000.partial")));
    }
}
