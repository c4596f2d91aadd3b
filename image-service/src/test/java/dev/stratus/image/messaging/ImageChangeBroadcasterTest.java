package dev.stratus.image.messaging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stratus.common.image.ImageChange;
import dev.stratus.common.image.ImageTopics;
import dev.stratus.common.messaging.MessageHandler;
import dev.stratus.common.messaging.Messaging;
import dev.stratus.image.ImageTestKeys;
import dev.stratus.image.ImageTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every successful write to an image is announced on {@code image.changes} with the image's id (compute-api's
 * image cache drops it); reads, refused writes and creates are not.
 */
@QuarkusTest
@QuarkusTestResource(value = ImageTestResource.class, restrictToAnnotatedClass = false)
class ImageChangeBroadcasterTest {

    private static final String PATCH = "application/openstack-images-v2.1-json-patch";

    @Inject
    ImageTestKeys keys;

    @Inject
    Messaging messaging;

    @Test
    void writesToAnImageAreAnnouncedWithItsId() throws Exception {
        LinkedBlockingQueue<String> announced = new LinkedBlockingQueue<>();
        messaging.subscribeBroadcast(ImageTopics.CHANGES_FANOUT, ImageChange.TYPE,
                MessageHandler.blocking((change, context) -> announced.addAll(change.imageIds())));
        String token = keys.member("dave", "project-d");
        String first = create(token, "first");
        // The subscription attaches asynchronously: rename until an announcement of this image arrives.
        String seen = null;
        for (int i = 0; i < 40 && !first.equals(seen); i++) {
            rename(token, first, "first-" + i, 200);
            seen = announced.poll(500, TimeUnit.MILLISECONDS);
        }
        assertEquals(first, seen, "a PATCH of the image is announced");
        Thread.sleep(500);
        announced.clear();

        // Reads and refused writes say nothing; a create has no one to tell.
        given().header("X-Auth-Token", token).get("/v2/images/" + first).then().statusCode(200);
        given().header("X-Auth-Token", token).get("/v2/images").then().statusCode(200);
        rename(keys.member("eve", "project-e"), first, "not yours", 404);
        String second = create(token, "second");

        given().header("X-Auth-Token", token).contentType("application/octet-stream").body(new byte[] {1, 2, 3})
                .put("/v2/images/" + second + "/file").then().statusCode(204);
        assertEquals(second, announced.poll(10, TimeUnit.SECONDS), "an upload");
        for (String write : List.of("deactivate", "reactivate")) {
            given().header("X-Auth-Token", keys.admin()).post("/v2/images/" + second + "/actions/" + write)
                    .then().statusCode(204);
            assertEquals(second, announced.poll(10, TimeUnit.SECONDS), write);
        }
        given().header("X-Auth-Token", token).contentType(ContentType.JSON)
                .body("{\"member\": \"project-e\"}").post("/v2/images/" + second + "/members").then().statusCode(200);
        assertEquals(second, announced.poll(10, TimeUnit.SECONDS), "a new member");
        given().header("X-Auth-Token", token).delete("/v2/images/" + second).then().statusCode(204);
        assertEquals(second, announced.poll(10, TimeUnit.SECONDS), "a delete");
        assertNull(announced.poll(500, TimeUnit.MILLISECONDS), "nothing else: " + announced);
    }

    @Test
    void theImageIsTakenFromThePath() {
        assertEquals("abc", ImageChangeBroadcaster.imageId("/v2/images/abc"));
        assertEquals("abc", ImageChangeBroadcaster.imageId("v2/images/abc/members/p"));
        assertEquals("abc", ImageChangeBroadcaster.imageId("/v2/images/abc/actions/deactivate"));
        assertNull(ImageChangeBroadcaster.imageId("/v2/images"));
        assertNull(ImageChangeBroadcaster.imageId("/v2/images/"));
        assertNull(ImageChangeBroadcaster.imageId("/v2/schemas/image"));
        assertEquals("abc", ImageChangeBroadcaster.imageId("/v2/stores/cheap/abc"));
        assertNull(ImageChangeBroadcaster.imageId("/v2/stores/cheap"));
    }

    private static String create(String token, String name) {
        return given().header("X-Auth-Token", token).contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}")
                .post("/v2/images").then().statusCode(201).extract().path("id");
    }

    private static void rename(String token, String id, String name, int expected) {
        given().header("X-Auth-Token", token).contentType(PATCH)
                .body(("[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"" + name + "\"}]")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .patch("/v2/images/" + id).then().statusCode(expected);
    }
}
