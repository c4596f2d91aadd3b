package dev.stratus.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ImageTestResource.class, restrictToAnnotatedClass = false)
class ImagesApiTest {

    static final String PATCH = "application/openstack-images-v2.1-json-patch";

    @Inject
    javax.sql.DataSource db;

    @Inject
    ImageTestKeys keys;

    private RequestSpecification as(String token) {
        return given().header("X-Auth-Token", token);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private String alice() {
        return keys.member("alice", "project-a");
    }

    private String bob() {
        return keys.member("bob", "project-b");
    }

    private String create(String token, String body) {
        return as(token).contentType(ContentType.JSON).body(body).post("/v2/images")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void versionsDocument() {
        // No cache directory here: as Glance, 2.15 is current and the cache API's 2.14 and 2.16 are not listed.
        given().get("/").then().statusCode(300).body("versions[0].status", equalTo("CURRENT"))
                .body("versions[0].id", equalTo("v2.15"))
                .body("versions.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("v2.14")))
                .body("versions.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("v2.16")));
        given().header("X-Auth-Token", keys.admin()).get("/v2/cache").then().statusCode(404)
                .body(org.hamcrest.Matchers.containsString("Caching via API is not supported at this site."));
    }

    @Test
    void createShowsGlanceShape() {
        as(alice()).contentType(ContentType.JSON)
                .body("{\"name\": \"cirros\", \"disk_format\": \"qcow2\", \"container_format\": \"bare\","
                        + " \"tags\": [\"t1\"], \"hw_disk_bus\": \"virtio\"}")
                .post("/v2/images").then().statusCode(201)
                .body("status", equalTo("queued"))
                .body("visibility", equalTo("shared"))
                .body("owner", equalTo("project-a"))
                .body("protected", equalTo(false))
                .body("checksum", nullValue())
                .body("size", nullValue())
                .body("tags", hasItem("t1"))
                .body("hw_disk_bus", equalTo("virtio"))
                .body("file", notNullValue())
                .body("schema", equalTo("/v2/schemas/image"));
    }

    @Test
    void badInputIsRefused() {
        as(alice()).contentType(ContentType.JSON).body("{\"disk_format\": \"floppy\"}").post("/v2/images")
                .then().statusCode(400).body("error.message", org.hamcrest.Matchers.containsString("disk format"));
        as(alice()).contentType(ContentType.JSON).body("{\"container_format\": \"box\"}").post("/v2/images")
                .then().statusCode(400);
        as(alice()).contentType(ContentType.JSON).body("{\"status\": \"active\"}").post("/v2/images")
                .then().statusCode(403);
        as(alice()).contentType(ContentType.JSON).body("{\"name\": ").post("/v2/images").then().statusCode(400);
        as(alice()).contentType(ContentType.JSON).body("{\"visibility\": \"public\"}").post("/v2/images")
                .then().statusCode(403);
        as(alice()).contentType(ContentType.JSON).body("{\"name\": \"x\", \"os_glance_foo\": \"bar\"}")
                .post("/v2/images").then().statusCode(403)
                .body("error.message", equalTo("Attribute 'os_glance_foo' is reserved."));
        given().get("/v2/images").then().statusCode(401);
    }

    @Test
    void uploadDownloadWithChecksumsAndRanges() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(data);
        String id = create(alice(), "{\"name\": \"blob\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        as(alice()).contentType("application/octet-stream").body(data).put("/v2/images/" + id + "/file")
                .then().statusCode(204);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        String sha512 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(data));
        as(alice()).get("/v2/images/" + id).then().statusCode(200)
                .body("status", equalTo("active"))
                .body("size", equalTo(data.length))
                .body("checksum", equalTo(md5))
                .body("os_hash_algo", equalTo("sha512"))
                .body("os_hash_value", equalTo(sha512));
        var download = as(alice()).get("/v2/images/" + id + "/file").then().statusCode(200)
                .header("Content-MD5", equalTo(md5)).extract();
        assertArrayEquals(data, download.asByteArray());
        byte[] part = as(alice()).header("Range", "bytes=100-199").get("/v2/images/" + id + "/file")
                .then().statusCode(206).header("Content-Range", equalTo("bytes 100-199/" + data.length))
                .extract().asByteArray();
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 100, 200), part);
        as(alice()).contentType("application/octet-stream").body(new byte[] {1}).put("/v2/images/" + id + "/file")
                .then().statusCode(409);
    }

    @Test
    void locationsAreHiddenAndClosedByDefault() {
        String id = create(alice(), "{\"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        as(alice()).contentType("application/octet-stream").body(new byte[] {1}).put("/v2/images/" + id + "/file")
                .then().statusCode(204);
        as(alice()).get("/v2/images/" + id).then().statusCode(200)
                .body("$", not(org.hamcrest.Matchers.hasKey("locations")))
                .body("$", not(org.hamcrest.Matchers.hasKey("direct_url")));
        as(alice()).contentType(PATCH).body(bytes("[{\"op\": \"add\", \"path\": \"/locations/-\", \"value\":"
                + " {\"url\": \"http://127.0.0.1:1/x\", \"metadata\": {}}}]")).patch("/v2/images/" + id)
                .then().statusCode(403).body(org.hamcrest.Matchers.containsString(
                        "It's not allowed to add locations if locations are invisible."));
    }

    @Test
    void uploadNeedsFormatsAndQueuedImageHasNoData() {
        String id = create(alice(), "{\"name\": \"noformat\"}");
        as(alice()).get("/v2/images/" + id + "/file").then().statusCode(204);
        as(alice()).contentType("application/octet-stream").body(new byte[] {1, 2}).put("/v2/images/" + id + "/file")
                .then().statusCode(400);
        as(alice()).get("/v2/images/" + id).then().body("status", equalTo("queued"));
    }

    @Test
    void privateImagesAreInvisibleToOtherProjects() {
        String id = create(alice(), "{\"name\": \"secret\", \"visibility\": \"private\"}");
        as(bob()).get("/v2/images/" + id).then().statusCode(404);
        as(bob()).get("/v2/images").then().statusCode(200).body("images.id", not(hasItem(id)));
        as(bob()).delete("/v2/images/" + id).then().statusCode(404);
        as(keys.admin()).get("/v2/images/" + id).then().statusCode(200);
    }

    @Test
    void sharedImageAppearsOnceTheMemberAccepts() {
        String id = create(alice(), "{\"name\": \"shared-one\"}");
        as(bob()).get("/v2/images").then().body("images.id", not(hasItem(id)));
        as(alice()).contentType(ContentType.JSON).body("{\"member\": \"project-b\"}")
                .post("/v2/images/" + id + "/members").then().statusCode(200).body("status", equalTo("pending"));
        as(alice()).contentType(ContentType.JSON).body("{\"member\": \"project-b\"}")
                .post("/v2/images/" + id + "/members").then().statusCode(409);
        as(bob()).get("/v2/images").then().body("images.id", not(hasItem(id)));
        as(bob()).get("/v2/images?member_status=pending").then().body("images.id", hasItem(id));
        as(alice()).contentType(ContentType.JSON).body("{\"status\": \"accepted\"}")
                .put("/v2/images/" + id + "/members/project-b").then().statusCode(403);
        as(bob()).contentType(ContentType.JSON).body("{\"status\": \"accepted\"}")
                .put("/v2/images/" + id + "/members/project-b").then().statusCode(200)
                .body("status", equalTo("accepted"));
        as(bob()).get("/v2/images").then().body("images.id", hasItem(id));
        as(bob()).contentType(PATCH).body(bytes("[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"mine\"}]"))
                .patch("/v2/images/" + id).then().statusCode(403);
        as(alice()).get("/v2/images/" + id + "/members").then().statusCode(200)
                .body("members.member_id", hasItem("project-b"));
        as(alice()).delete("/v2/images/" + id + "/members/project-b").then().statusCode(204);
        as(bob()).get("/v2/images/" + id).then().statusCode(404);
    }

    @Test
    void communityImagesAreListedOnRequest() {
        String id = create(alice(), "{\"name\": \"community-one\", \"visibility\": \"community\"}");
        as(bob()).get("/v2/images").then().body("images.id", not(hasItem(id)));
        as(bob()).get("/v2/images?visibility=community").then().body("images.id", hasItem(id));
        as(bob()).get("/v2/images/" + id).then().statusCode(200);
    }

    @Test
    void jsonPatchUpdatesAttributesPropertiesAndTags() {
        String id = create(alice(), "{\"name\": \"patchme\", \"color\": \"red\"}");
        as(alice()).contentType(PATCH).body(bytes("""
                [{"op": "replace", "path": "/name", "value": "patched"},
                 {"op": "add", "path": "/hw_scsi_model", "value": "virtio-scsi"},
                 {"op": "remove", "path": "/color"},
                 {"op": "replace", "path": "/tags", "value": ["a", "b"]},
                 {"op": "replace", "path": "/min_ram", "value": 512}]
                """)).patch("/v2/images/" + id).then().statusCode(200)
                .body("name", equalTo("patched"))
                .body("hw_scsi_model", equalTo("virtio-scsi"))
                .body("color", nullValue())
                .body("tags", equalTo(List.of("a", "b")))
                .body("min_ram", equalTo(512));
        as(alice()).contentType(PATCH).body(bytes("[{\"op\": \"replace\", \"path\": \"/hw_scsi_model\","
                + " \"value\": \"lsilogic\"}, {\"op\": \"add\", \"path\": \"/tags\", \"value\": [\"a\", \"b\"]}]"))
                .patch("/v2/images/" + id).then().statusCode(200).body("hw_scsi_model", equalTo("lsilogic"))
                .body("tags", equalTo(List.of("a", "b")));
        as(alice()).contentType(PATCH).body(bytes("[{\"op\": \"remove\", \"path\": \"/nothing\"}]"))
                .patch("/v2/images/" + id).then().statusCode(409);
        for (String op : List.of("add", "remove")) {
            as(alice()).contentType(PATCH).body(bytes("[{\"op\": \"" + op + "\", \"path\": \"/os_glance_foo\","
                    + " \"value\": \"bar\"}]")).patch("/v2/images/" + id).then().statusCode(403);
        }
        as(alice()).contentType(PATCH).body(bytes("[{\"op\": \"replace\", \"path\": \"/status\", \"value\": \"active\"}]"))
                .patch("/v2/images/" + id).then().statusCode(403);
        as(alice()).put("/v2/images/" + id + "/tags/c").then().statusCode(204);
        as(alice()).delete("/v2/images/" + id + "/tags/a").then().statusCode(204);
        as(alice()).get("/v2/images/" + id).then().body("tags", equalTo(List.of("b", "c")));
    }

    @Test
    void deleteRules() {
        String admin = keys.admin();
        String id = create(admin, "{\"name\": \"public-one\", \"visibility\": \"public\", \"protected\": true}");
        as(bob()).get("/v2/images/" + id).then().statusCode(200);
        as(bob()).delete("/v2/images/" + id).then().statusCode(403);
        as(admin).delete("/v2/images/" + id).then().statusCode(403)
                .body("error.message", org.hamcrest.Matchers.containsString("protected"));
        as(admin).contentType(PATCH).body(bytes("[{\"op\": \"replace\", \"path\": \"/protected\", \"value\": false}]"))
                .patch("/v2/images/" + id).then().statusCode(200);
        as(admin).delete("/v2/images/" + id).then().statusCode(204);
        as(admin).get("/v2/images/" + id).then().statusCode(404);
    }

    @Test
    void filtersAndPaging() {
        String tag = "tag-" + UUID.randomUUID();
        String first = create(alice(), "{\"name\": \"page-1\", \"tags\": [\"" + tag + "\"]}");
        String second = create(alice(), "{\"name\": \"page-2\", \"tags\": [\"" + tag + "\"]}");
        as(alice()).get("/v2/images?tag=" + tag).then().body("images.size()", equalTo(2));
        as(alice()).get("/v2/images?name=page-1&tag=" + tag).then().body("images[0].id", equalTo(first));
        as(alice()).get("/v2/images?id=in:" + first + "," + second).then().body("images.size()", equalTo(2));
        var page = as(alice()).get("/v2/images?limit=1&tag=" + tag + "&sort=name:asc").then().statusCode(200)
                .body("images[0].id", equalTo(first)).body("next", notNullValue()).extract();
        String next = page.path("next");
        as(alice()).urlEncodingEnabled(false).get(next).then().statusCode(200)
                .body("images[0].id", equalTo(second));
        as(alice()).get("/v2/images?marker=" + UUID.randomUUID()).then().statusCode(400);
        as(alice()).get("/v2/images?sort_key=bogus").then().statusCode(400);
        assertEquals(2, (int) as(alice()).get("/v2/images?tag=" + tag + "&created_at=gte:2000-01-01T00:00:00Z")
                .then().extract().path("images.size()"));
    }

    @Test
    void glanceDirectImportFlow() throws Exception {
        byte[] data = new byte[200_000];
        new Random(3).nextBytes(data);
        String id = create(alice(), "{\"name\": \"imported\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        as(alice()).get("/v2/info/import").then().statusCode(200)
                .body("import-methods.value", hasItem("glance-direct"));
        as(alice()).contentType(ContentType.JSON).body("{\"method\": {\"name\": \"glance-direct\"}}")
                .post("/v2/images/" + id + "/import").then().statusCode(409);
        as(alice()).contentType("application/octet-stream").body(data).put("/v2/images/" + id + "/stage")
                .then().statusCode(204);
        as(alice()).get("/v2/images/" + id).then().body("status", equalTo("uploading"));
        // Without stratus.image.worker-self-reference-url no stage host is recorded (Glance: nothing to proxy to).
        try (java.sql.Connection c = db.getConnection(); java.sql.PreparedStatement s = c.prepareStatement(
                "select count(*) from image_property where image_id = ? and name = 'os_glance_stage_host'")) {
            s.setString(1, id);
            try (java.sql.ResultSet r = s.executeQuery()) {
                r.next();
                assertEquals(0, r.getInt(1));
            }
        }
        as(alice()).contentType(ContentType.JSON).body("{\"method\": {\"name\": \"bogus-method\"}}")
                .post("/v2/images/" + id + "/import").then().statusCode(400)
                .body(org.hamcrest.Matchers.containsString("Unknown import method name 'bogus-method'."));
        // A staged image is no longer queued: web-download is Glance's 409.
        as(alice()).contentType(ContentType.JSON).body("{\"method\": {\"name\": \"web-download\", \"uri\":"
                + " \"http://example.com/x\"}}").post("/v2/images/" + id + "/import").then().statusCode(409);
        as(alice()).contentType(ContentType.JSON).body("{\"method\": {\"name\": \"glance-direct\"}}")
                .post("/v2/images/" + id + "/import").then().statusCode(202);
        for (int i = 0; i < 200 && !"active".equals(as(alice()).get("/v2/images/" + id).path("status")); i++) {
            Thread.sleep(100); // the import finishes in the background
        }
        as(alice()).get("/v2/images/" + id).then().body("status", equalTo("active")).body("stores", equalTo("file"))
                .body("checksum", equalTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data))));
        as(alice()).get("/v2/images/" + id + "/tasks").then().statusCode(200)
                .body("tasks.size()", equalTo(1))
                .body("tasks[0].status", equalTo("success"))
                .body("tasks[0].input.import_req.method.name", equalTo("glance-direct"))
                .body("tasks[0].request_id", org.hamcrest.Matchers.startsWith("req-"));
        assertArrayEquals(data, as(alice()).get("/v2/images/" + id + "/file").then().statusCode(200)
                .extract().asByteArray());
    }

    @Test
    void schemasDescribeTheImage() {
        as(alice()).get("/v2/schemas/image").then().statusCode(200)
                .body("name", equalTo("image"))
                .body("properties.status.readOnly", equalTo(true))
                .body("additionalProperties.type", equalTo("string"));
        as(alice()).get("/v2/schemas/images").then().statusCode(200).body("name", equalTo("images"));
        as(alice()).get("/v2/schemas/members").then().statusCode(200).body("name", equalTo("members"));
    }

    private static byte[] qcow2(long virtualSize, boolean backingFile) {
        java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(4096);
        header.put(new byte[] {'Q', 'F', 'I', (byte) 0xfb}).putInt(3);
        header.putLong(backingFile ? 512 : 0).putInt(backingFile ? 9 : 0).putInt(16).putLong(virtualSize);
        if (backingFile) {
            header.position(512);
            header.put("/etc/shadow".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, 9);
        }
        return header.array();
    }

    @Test
    void qcow2DataIsInspected() {
        String good = create(alice(), "{\"name\": \"q\", \"disk_format\": \"qcow2\", \"container_format\": \"bare\"}");
        as(alice()).contentType("application/octet-stream").body(qcow2(1L << 30, false))
                .put("/v2/images/" + good + "/file").then().statusCode(204);
        as(alice()).get("/v2/images/" + good).then().body("virtual_size", equalTo(1 << 30));

        String backed = create(alice(), "{\"name\": \"b\", \"disk_format\": \"qcow2\", \"container_format\": \"bare\"}");
        as(alice()).contentType("application/octet-stream").body(qcow2(1L << 30, true))
                .put("/v2/images/" + backed + "/file").then().statusCode(400);
        as(alice()).get("/v2/images/" + backed).then().body("status", equalTo("killed"));
        as(alice()).get("/v2/images/" + backed + "/file").then().statusCode(204);

        String disguised = create(alice(), "{\"name\": \"d\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        as(alice()).contentType("application/octet-stream").body(qcow2(1L << 20, false))
                .put("/v2/images/" + disguised + "/file").then().statusCode(400);
    }

    @Test
    void olderPatchDialectAdminOwnerAndDeactivation() {
        String admin = keys.admin();
        String id = create(admin, "{\"name\": \"given\", \"owner\": \"project-a\", \"disk_format\": \"raw\","
                + " \"container_format\": \"bare\"}");
        as(alice()).get("/v2/images/" + id).then().statusCode(200).body("owner", equalTo("project-a"));
        as(alice()).contentType(ContentType.JSON).body("{\"owner\": \"project-b\"}").post("/v2/images")
                .then().statusCode(403);
        as(alice()).contentType("application/openstack-images-v2.0-json-patch")
                .body(bytes("[{\"replace\": \"/name\", \"value\": \"renamed\"}]"))
                .patch("/v2/images/" + id).then().statusCode(200).body("name", equalTo("renamed"));
        as(alice()).contentType("application/octet-stream").body(new byte[] {1, 2, 3})
                .put("/v2/images/" + id + "/file").then().statusCode(204);
        as(bob()).post("/v2/images/" + id + "/actions/deactivate").then().statusCode(404);
        as(admin).post("/v2/images/" + id + "/actions/deactivate").then().statusCode(204);
        as(alice()).get("/v2/images/" + id).then().body("status", equalTo("deactivated"));
        as(alice()).get("/v2/images/" + id + "/file").then().statusCode(403);
        as(admin).post("/v2/images/" + id + "/actions/reactivate").then().statusCode(204);
        as(alice()).get("/v2/images/" + id + "/file").then().statusCode(200);
        as(alice()).get("/v2/images/").then().statusCode(404);
        as(alice()).delete("/v2/images/").then().statusCode(404);
    }

    @Test
    void badTokensAre401() throws Exception {
        as("garbled.token.here").get("/v2/images").then().statusCode(401).body("error.code", equalTo(401));
        as(keys.expiredToken("alice", "project-a")).get("/v2/images").then().statusCode(401);
        as(keys.foreignToken("mallory", "project-a")).get("/v2/images").then().statusCode(401);
    }
}
