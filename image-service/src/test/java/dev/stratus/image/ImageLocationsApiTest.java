package dev.stratus.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Glance's locations API with {@code show_multiple_locations} and {@code show_image_direct_url} on: what
 * Tempest's ImageLocationsTest checks, and the read-only http store against a web server on the loopback.
 */
@QuarkusTest
@TestProfile(ImageLocationsApiTest.LocationsShown.class)
class ImageLocationsApiTest {

    static final String PATCH = "application/openstack-images-v2.1-json-patch";
    static final ExternalImageServer ORIGIN = start();
    static final String HASH = "deadbeef".repeat(16);

    public static class LocationsShown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stratus.image.show-multiple-locations", "true",
                    "stratus.image.show-image-direct-url", "true",
                    "stratus.image.http-store-timeout", "PT5S",
                    "stratus.image.max-image-size", "100000");
        }
    }

    private static ExternalImageServer start() {
        try {
            return new ExternalImageServer(70_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        ORIGIN.close();
    }

    @Inject
    ImageTestKeys keys;

    private RequestSpecification as(String token) {
        return given().header("X-Auth-Token", token);
    }

    private String owner() {
        return keys.member("lou", "project-locations");
    }

    private String create() {
        return as(owner()).contentType(ContentType.JSON)
                .body("{\"name\": \"loc\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}")
                .post("/v2/images").then().statusCode(201).body("locations.size()", equalTo(0))
                .body("$", not(hasKey("direct_url"))).extract().path("id");
    }

    private static String location(String url, String metadata) {
        return "{\"url\": \"" + url + "\", \"metadata\": " + metadata + "}";
    }

    private io.restassured.response.ValidatableResponse patch(String id, String operations) {
        return as(owner()).contentType(PATCH).body(operations.getBytes(java.nio.charset.StandardCharsets.UTF_8)).patch("/v2/images/" + id).then();
    }

    private io.restassured.response.ValidatableResponse add(String id, String value) {
        return patch(id, "[{\"op\": \"add\", \"path\": \"/locations/-\", \"value\": " + value + "}]");
    }

    private JsonPath show(String id) {
        return as(owner()).get("/v2/images/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** An active image whose data is at the web server, twice: the plain URL, then with {@code #new}. */
    private String external() {
        String id = create();
        add(id, location(ORIGIN.url("/image.raw"), "{\"foo\": \"bar\"}")).statusCode(200)
                .body("status", equalTo("active")).body("size", equalTo(ORIGIN.data.length))
                .body("checksum", nullValue()).body("os_hash_value", nullValue());
        add(id, location(ORIGIN.url("/image.raw#new"), "{\"speed\": \"88mph\"}")).statusCode(200);
        return id;
    }

    @Test
    void uploadedDataShowsItsStoredCopy() {
        String id = create();
        as(owner()).contentType("application/octet-stream").body(new byte[] {1, 2, 3}).put("/v2/images/" + id
                + "/file").then().statusCode(204);
        JsonPath image = show(id);
        assertEquals(1, image.getList("locations").size());
        assertTrue(image.getString("locations[0].url").startsWith("file:///"));
        assertEquals(Map.of("store", "file"), image.getMap("locations[0].metadata"));
        assertEquals(image.getString("locations[0].url"), image.getString("direct_url"));
    }

    @Test
    void externalLocationsAreAddedInOrder() {
        String id = external();
        patch(id, "[{\"op\": \"add\", \"path\": \"/locations/0\", \"value\": "
                + location(ORIGIN.url("/redirect/2"), "{}") + "}]").statusCode(200)
                .body("locations.url", equalTo(List.of(ORIGIN.url("/redirect/2"), ORIGIN.url("/image.raw"),
                        ORIGIN.url("/image.raw#new"))))
                .body("locations[1].metadata.foo", equalTo("bar"))
                .body("direct_url", equalTo(ORIGIN.url("/redirect/2")));
        // Same URL twice: Glance's DuplicateLocation.
        add(id, location(ORIGIN.url("/image.raw"), "{}")).statusCode(400).body(containsString("already exists"));
        assertEquals(3, show(id).getList("locations").size());
    }

    @Test
    void locationsOutsideTheHttpStoreAreInvalid() {
        String id = create();
        for (String url : List.of("gopher://info.cern.ch", "file:///etc/passwd", ORIGIN.url("/missing"),
                ORIGIN.url("/empty"), ORIGIN.url("/redirect/6"), "http://127.0.0.1:1/image.raw")) {
            add(id, location(url, "{}")).statusCode(400).body(containsString("Invalid location"));
        }
        add(id, "{\"url\": \"" + ORIGIN.url("/image.raw") + "\"}").statusCode(400)
                .body(containsString("'metadata' is a required property"));
        patch(id, "[{\"op\": \"add\", \"path\": \"/locations\", \"value\": []}]").statusCode(400);
        // Larger than max-image-size: Glance's image_size_cap.
        add(id, location(ORIGIN.url("/big"), "{}")).statusCode(413).body(containsString("too large"));
        JsonPath image = show(id);
        assertEquals("queued", image.getString("status"));
        assertEquals(List.of(), image.getList("locations"));
    }

    @Test
    void replaceChangesMetadataAndOrderOnly() {
        String id = external();
        List<Map<String, Object>> locations = show(id).getList("locations");
        String same = "[{\"op\": \"replace\", \"path\": \"/locations\", \"value\": ["
                + location(ORIGIN.url("/image.raw"), "{\"foo\": \"bar\", \"date\": \"2015-10-15\"}") + ", "
                + location(ORIGIN.url("/image.raw#new"), "{\"speed\": \"88mph\"}") + "]}]";
        patch(id, same).statusCode(200).body("locations[0].metadata.date", equalTo("2015-10-15"));
        patch(id, "[{\"op\": \"replace\", \"path\": \"/locations\", \"value\": ["
                + location(ORIGIN.url("/image.raw"), "{}") + "]}]").statusCode(400)
                .body(containsString("Original locations is not empty"));
        patch(id, "[{\"op\": \"replace\", \"path\": \"/locations\", \"value\": ["
                + location(ORIGIN.url("/image.raw"), "{}") + ", " + location(ORIGIN.url("/image.raw#new3"), "{}")
                + "]}]").statusCode(400);
        JsonPath image = show(id);
        assertEquals(2, image.getList("locations").size());
        assertEquals("2015-10-15", image.getString("locations[0].metadata.date"));
        assertEquals(locations.get(1), image.getMap("locations[1]"));
        // The same URLs in another order reorder them.
        patch(id, "[{\"op\": \"replace\", \"path\": \"/locations\", \"value\": ["
                + location(ORIGIN.url("/image.raw#new"), "{}") + ", " + location(ORIGIN.url("/image.raw"), "{}")
                + "]}]").statusCode(200).body("direct_url", equalTo(ORIGIN.url("/image.raw#new")));
        // A queued image without locations takes them from a replace, and becomes active.
        String queued = create();
        patch(queued, "[{\"op\": \"replace\", \"path\": \"/locations\", \"value\": ["
                + location(ORIGIN.url("/image.raw"), "{}") + "]}]").statusCode(200)
                .body("status", equalTo("active")).body("size", equalTo(ORIGIN.data.length));
    }

    @Test
    void removeKeepsTheLastLocation() {
        String id = external();
        patch(id, "[{\"op\": \"remove\", \"path\": \"/locations/0\"}]").statusCode(200)
                .body("locations.url", equalTo(List.of(ORIGIN.url("/image.raw#new"))))
                .body("direct_url", equalTo(ORIGIN.url("/image.raw#new")));
        patch(id, "[{\"op\": \"remove\", \"path\": \"/locations/0\"}]").statusCode(403)
                .body(containsString("Cannot remove last location in the image."));
        patch(id, "[{\"op\": \"remove\", \"path\": \"/locations/5\"}]").statusCode(403);
        assertEquals(1, show(id).getList("locations").size());
    }

    @Test
    void removingAStoredCopyDeletesItsData() throws IOException {
        String id = create();
        byte[] data = {9, 8, 7, 6};
        as(owner()).contentType("application/octet-stream").body(data).put("/v2/images/" + id + "/file")
                .then().statusCode(204);
        Path file = Path.of(URI.create(show(id).getString("locations[0].url")));
        assertTrue(Files.exists(file));
        add(id, location(ORIGIN.url("/image.raw"), "{}")).statusCode(200);
        // Replacing with the shown metadata (the store's id included) keeps the copy as it is.
        JsonPath image = show(id);
        assertEquals("file", image.getString("locations[0].metadata.store"));
        patch(id, "[{\"op\": \"remove\", \"path\": \"/locations/0\"}]").statusCode(200)
                .body("locations.url", equalTo(List.of(ORIGIN.url("/image.raw"))))
                .body("$", not(hasKey("stores")));
        assertFalse(Files.exists(file));
    }

    @Test
    void validationDataFillsAQueuedImageAndMustMatchAfter() {
        String id = create();
        String first = "{\"url\": \"" + ORIGIN.url("/image.raw") + "\", \"metadata\": {}, \"validation_data\":"
                + " {\"checksum\": \"" + "1".repeat(32) + "\", \"os_hash_algo\": \"sha512\", \"os_hash_value\": \""
                + HASH + "\"}}";
        add(id, first).statusCode(200).body("checksum", equalTo("1".repeat(32)))
                .body("os_hash_algo", equalTo("sha512")).body("os_hash_value", equalTo(HASH))
                .body("locations[0]", not(hasKey("validation_data")));
        String matching = first.replace("image.raw", "image.raw#new");
        add(id, matching).statusCode(200).body("locations.size()", equalTo(2));
        for (String wrong : List.of(matching.replace("1".repeat(32), "2".repeat(32)),
                matching.replace(HASH, "beefdead".repeat(16)), matching.replace("sha512", "sha256"))) {
            add(id, wrong.replace("#new", "#other")).statusCode(409).body(containsString("already set"));
        }
        assertEquals(2, show(id).getList("locations").size());
        // On a queued image: the configured algorithm only, hex of the right length.
        String queued = create();
        add(queued, first.replace("sha512", "sha256")).statusCode(409)
                .body(containsString("os_hash_algo must be sha512, not sha256"));
        add(queued, first.replace(HASH, "abcd")).statusCode(409).body(containsString("not the correct size"));
        add(queued, first.replace("\"os_hash_value\"", "\"other\"")).statusCode(400);
        assertEquals("queued", show(queued).getString("status"));
    }

    @Test
    void dataIsStreamedFromTheExternalLocation() {
        String id = create();
        add(id, location(ORIGIN.url("/redirect/1"), "{}")).statusCode(200);
        byte[] all = as(owner()).get("/v2/images/" + id + "/file").then().statusCode(200)
                .extract().asByteArray();
        assertArrayEquals(ORIGIN.data, all);
        byte[] part = as(owner()).header("Range", "bytes=1000-1999").get("/v2/images/" + id + "/file").then()
                .statusCode(206).header("Content-Range", equalTo("bytes 1000-1999/" + ORIGIN.data.length))
                .extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(ORIGIN.data, 1000, 2000), part);
        // Deleting the image leaves the external data alone.
        as(owner()).delete("/v2/images/" + id).then().statusCode(204);
        given().get(ORIGIN.url("/image.raw")).then().statusCode(200);
    }

    @Test
    void theSchemaDescribesLocations() {
        as(owner()).get("/v2/schemas/image").then().statusCode(200)
                .body("properties.locations.items.required", equalTo(List.of("url", "metadata")))
                .body("properties.locations.items.properties.validation_data.writeOnly", equalTo(true))
                .body("properties.direct_url.readOnly", equalTo(true))
                .body("properties.direct_url.type", startsWith("str"));
    }
}
