package dev.stratus.compute.api.servers;

import static dev.stratus.compute.api.servers.ServerFixture.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.compute.ActionEvent;
import dev.stratus.common.compute.SnapshotInstance;
import dev.stratus.compute.api.ComputeTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** createImage: the image made in image-service, the cast to the host, the task, and the refusals. */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class ServerSnapshotApiTest extends ServerApiTestBase {

    private Response createImage(String token, String version, String id, String args) {
        return as(token, version).body("{\"createImage\": {" + args + "}}").post("/v2.1/servers/" + id + "/action");
    }

    @Test
    void aSnapshotIsAQueuedImageWithTheBaseImagesPropertiesAndACastToTheHost() {
        String eli = keys.member("eli", "p-snap");
        String id = fixture.activeServer(eli, "to-image");

        Response answer = createImage(eli, "2.45", id, "\"name\": \"snap-1\", \"metadata\": {\"purpose\": \"test\"}");
        answer.then().statusCode(202);
        String imageId = answer.path("image_id");
        JsonNode image = TestImageService.IMAGES.get(imageId);
        assertEquals("snap-1", image.path("name").asText());
        assertEquals("queued", image.path("status").asText());
        assertEquals("private", image.path("visibility").asText());
        assertEquals("p-snap", image.path("owner").asText());
        assertEquals("qcow2", image.path("disk_format").asText());
        assertEquals("snapshot", image.path("image_type").asText());
        assertEquals(id, image.path("instance_uuid").asText());
        assertEquals(TestImages.ACTIVE, image.path("base_image_ref").asText());
        assertEquals("k-1", image.path("kernel_id").asText(), "the base image's kernel goes with the snapshot");
        assertEquals("console=ttyS0", image.path("os_command_line").asText());
        assertEquals("test", image.path("purpose").asText());
        assertFalse(image.has("img_signature"), "signatures describe the base image's data only");
        assertEquals(64, image.path("min_ram").asInt());

        SnapshotInstance sent = stub.awaitSnapshot(answer.header("x-openstack-request-id"));
        assertEquals(id, sent.instanceId());
        assertEquals(imageId, sent.imageId());
        as(eli, "2.1").get("/v2.1/servers/" + id).then().body("server.status", equalTo("ACTIVE"))
                .body("server.OS-EXT-STS:task_state", equalTo("image_snapshot_pending"));
        createImage(eli, "2.45", id, "\"name\": \"snap-2\"").then().statusCode(409)
                .body("conflictingRequest.message", containsString("task_state image_snapshot_pending"));

        fixture.report(id, null, null, true, 1, SchedulerStub.HOST, new ActionEvent(sent.actionRequestId(),
                "compute_snapshot_instance", Instant.now().minusMillis(30), Instant.now(), "Success",
                SchedulerStub.HOST, null), null);
        fixture.awaitStatus(eli, id, "ACTIVE");
        as(eli, "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-STS:task_state", nullValue());
        as(eli, "2.51").get("/v2.1/servers/" + id + "/os-instance-actions").then()
                .body("instanceActions.action", hasItem("createImage"));
    }

    @Test
    void aBackupIsATypedSnapshotWithItsRotationForTheHost() {
        String ivy = keys.member("ivy", "p-backup");
        String id = fixture.activeServer(ivy, "backed-up");
        Response answer = as(ivy, "2.45").body("{\"createBackup\": {\"name\": \"nightly\", \"backup_type\":"
                + " \"daily\", \"rotation\": 2}}").post("/v2.1/servers/" + id + "/action");
        answer.then().statusCode(202);
        String imageId = answer.path("image_id");
        JsonNode image = TestImageService.IMAGES.get(imageId);
        assertEquals("backup", image.path("image_type").asText());
        assertEquals("daily", image.path("backup_type").asText());
        assertEquals(id, image.path("instance_uuid").asText());
        SnapshotInstance sent = stub.awaitSnapshot(answer.header("x-openstack-request-id"));
        assertTrue(sent.isBackup());
        assertEquals("daily", sent.backupType());
        assertEquals(2, sent.rotation());
        as(ivy, "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-STS:task_state", equalTo("image_backup"));
        fixture.report(id, null, null, true, 1, SchedulerStub.HOST, new ActionEvent(sent.actionRequestId(),
                "compute_backup_instance", Instant.now().minusMillis(30), Instant.now(), "Success",
                SchedulerStub.HOST, null), null);
        SchedulerStub.await(() -> as(ivy, "2.1").get("/v2.1/servers/" + id).then().extract()
                .path("server.'OS-EXT-STS:task_state'") == null ? Boolean.TRUE : null, "the backup's end");

        as(ivy, "2.1").body("{\"createBackup\": {\"name\": \"b\", \"backup_type\": \"daily\"}}")
                .post("/v2.1/servers/" + id + "/action").then().statusCode(400)
                .body("badRequest.message", containsString("'rotation' is a required property"));
        as(ivy, "2.1").body("{\"createBackup\": {\"name\": \"b\", \"backup_type\": \"daily\", \"rotation\": -1}}")
                .post("/v2.1/servers/" + id + "/action").then().statusCode(400);
        as(ivy, "2.1").body("{\"createBackup\": {\"name\": \"b\", \"rotation\": 1}}")
                .post("/v2.1/servers/" + id + "/action").then().statusCode(400);
        Response old = as(ivy, "2.1").body("{\"createBackup\": {\"name\": \"b\", \"backup_type\": \"weekly\","
                + " \"rotation\": \"1\"}}").post("/v2.1/servers/" + id + "/action");
        old.then().statusCode(202);
        assertTrue(old.header("Location").contains("/v2.1/images/"), old.header("Location"));
    }

    @Test
    void beforeMicroversion245TheImageIsNamedByTheLocationHeader() {
        String fay = keys.member("fay", "p-snap-old");
        String id = fixture.activeServer(fay, "old-client");
        Response answer = createImage(fay, "2.1", id, "\"name\": \"located\"");
        answer.then().statusCode(202);
        String location = answer.header("Location");
        assertTrue(location.matches("https?://.*/v2\\.1/images/[0-9a-f-]{36}"), location);
        String imageId = location.substring(location.lastIndexOf('/') + 1);
        assertEquals("located", TestImageService.IMAGES.get(imageId).path("name").asText());
        stub.awaitSnapshot(answer.header("x-openstack-request-id"));
    }

    @Test
    void badSnapshotsAreRefusedAndMakeNoImage() {
        String gus = keys.member("gus", "p-snap-bad");
        String building = fixture.create(gus, "not-yet");
        int before = TestImageService.IMAGES.size();
        createImage(gus, "2.45", building, "\"name\": \"x\"").then().statusCode(409);
        createImage(gus, "2.45", "6a0e2f4b-0000-4000-8000-000000000009", "\"name\": \"x\"").then().statusCode(404);
        String id = fixture.activeServer(gus, "keep");
        createImage(gus, "2.45", id, "\"metadata\": {}").then().statusCode(400)
                .body("badRequest.message", containsString("'name' is a required property"));
        createImage(gus, "2.45", id, "\"name\": \"" + "n".repeat(256) + "\"").then().statusCode(400);
        createImage(gus, "2.45", id, "\"name\": \"x\", \"metadata\": {\"\": \"v\"}").then().statusCode(400);
        createImage(gus, "2.45", id, "\"name\": \"x\", \"metadata\": {\"k\": \"" + "v".repeat(256) + "\"}").then()
                .statusCode(400);
        createImage(gus, "2.45", id, "\"name\": \"x\", \"extra\": 1").then().statusCode(400);
        assertEquals(before, TestImageService.IMAGES.size());
        as(gus, "2.1").get("/v2.1/servers/" + id).then().body("server.OS-EXT-STS:task_state", nullValue());
        assertTrue(stub.snapshots.stream().noneMatch(s -> s.instanceId().equals(id)));
    }

    @Test
    void theImageProxyShowsListsAndDeletesImagesUpTo235() {
        String hal = keys.member("hal", "p-proxy");
        String id = fixture.activeServer(hal, "proxied");
        String imageId = createImage(hal, "2.45", id, "\"name\": \"proxy-snap\"").then().statusCode(202).extract()
                .path("image_id");
        as(hal, "2.1").get("/v2.1/images/" + imageId).then().statusCode(200)
                .body("image.status", equalTo("SAVING"))
                .body("image.progress", equalTo(25))
                .body("image.server.id", equalTo(id))
                .body("image.metadata.image_type", equalTo("snapshot"))
                .body("image.links[0].href", endsWith("/v2.1/images/" + imageId));
        TestImageService.activate(imageId);
        as(hal, "2.1").get("/v2.1/images/" + imageId).then().body("image.status", equalTo("ACTIVE"))
                .body("image.minRam", equalTo(64)).body("image.OS-EXT-IMG-SIZE:size", equalTo(1024));
        as(hal, "2.1").queryParam("server", id).get("/v2.1/images").then().statusCode(200)
                .body("images.id", equalTo(List.of(imageId)));
        as(hal, "2.1").queryParam("type", "snapshot").get("/v2.1/images/detail").then()
                .body("images.id", equalTo(List.of(imageId)));
        as(hal, "2.1").get("/v2.1/images").then().body("images.id", hasItem(TestImages.ACTIVE));
        as(hal, "2.1").queryParam("limit", "1").get("/v2.1/images").then().body("images.size()", equalTo(1))
                .body("images_links[0].rel", equalTo("next"));

        as(hal, "2.1").body("{\"metadata\": {\"a\": \"1\"}}").post("/v2.1/images/" + imageId + "/metadata").then()
                .statusCode(200).body("metadata.a", equalTo("1")).body("metadata.image_type", equalTo("snapshot"));
        as(hal, "2.1").body("{\"meta\": {\"b\": \"2\"}}").put("/v2.1/images/" + imageId + "/metadata/b").then()
                .statusCode(200).body("meta.b", equalTo("2"));
        as(hal, "2.1").body("{\"meta\": {\"c\": \"2\"}}").put("/v2.1/images/" + imageId + "/metadata/b").then()
                .statusCode(400);
        as(hal, "2.1").get("/v2.1/images/" + imageId + "/metadata/b").then().body("meta.b", equalTo("2"));
        as(hal, "2.1").body("{\"metadata\": {\"only\": \"this\"}}").put("/v2.1/images/" + imageId + "/metadata")
                .then().statusCode(200).body("metadata", equalTo(java.util.Map.of("only", "this")));
        as(hal, "2.1").delete("/v2.1/images/" + imageId + "/metadata/only").then().statusCode(204);
        as(hal, "2.1").delete("/v2.1/images/" + imageId + "/metadata/only").then().statusCode(404);

        as(hal, "2.36").get("/v2.1/images/" + imageId).then().statusCode(404);
        as(hal, "2.1").delete("/v2.1/images/" + imageId).then().statusCode(204);
        as(hal, "2.1").get("/v2.1/images/" + imageId).then().statusCode(404).body("itemNotFound.message",
                equalTo("Image not found."));
        as(hal, "2.1").delete("/v2.1/images/" + imageId).then().statusCode(404);
        as(hal, "2.1").delete("/v2.1/images/").then().statusCode(404);
    }
}
