package dev.stratus.compute.api.servers;

import static dev.stratus.compute.api.servers.ServerFixture.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.compute.api.ComputeTestKeys;
import dev.stratus.compute.api.ComputeTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Nova's image proxy pages through Glance as Nova's does: {@code limit}, {@code marker} and the filters go to Glance,
 * so that one page is one Glance request, and a full page links to the next one from its last image.
 */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class ImagesProxyPagingApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ComputeTestKeys keys;

    /** {@code count} private images of {@code project}, sorted by id as the test Glance lists them. */
    private static List<String> images(String project, int count, Map<String, String> properties) {
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            String id = String.format("%08x-0000-4000-8000-%012d", project.hashCode(), n);
            ObjectNode image = JSON.createObjectNode().put("id", id).put("name", project + "-" + n)
                    .put("status", "active").put("visibility", "private").put("owner", project)
                    .put("min_ram", n * 100).put("min_disk", 0).put("size", 1024L).put("disk_format", "qcow2")
                    .put("container_format", "bare").put("created_at", "2026-11-02T10:00:00Z")
                    .put("updated_at", "2026-11-0" + (1 + n % 2) + "T10:00:00Z");
            properties.forEach(image::put);
            TestImageService.IMAGES.put(id, image);
            ids.add(id);
        }
        return ids;
    }

    private static int glanceRequests(Runnable call) {
        int before = TestImageService.LIST_QUERIES.size();
        call.run();
        return TestImageService.LIST_QUERIES.size() - before;
    }

    @Test
    void aPageIsOneGlanceRequestWithTheLimitAndMarker() {
        String project = "p-img-" + UUID.randomUUID().toString().substring(0, 6);
        String token = keys.member("ivo", project);
        List<String> ids = images(project, 5, Map.of("image_type", "snapshot"));
        String type = "?type=snapshot";

        int[] requests = new int[1];
        requests[0] = glanceRequests(() -> as(token, "2.1").get("/v2.1/images" + type + "&limit=2").then()
                .statusCode(200).body("images.id", equalTo(ids.subList(0, 2)))
                .body("images_links[0].rel", equalTo("next"))
                .body("images_links[0].href", containsString("marker=" + ids.get(1)))
                .body("images_links[0].href", containsString("type=snapshot")));
        assertEquals(1, requests[0], "one Glance request for one page");
        Map<String, String> sent = TestImageService.LIST_QUERIES.get(TestImageService.LIST_QUERIES.size() - 1);
        assertEquals(Map.of("limit", "2", "image_type", "snapshot"), sent);

        requests[0] = glanceRequests(() -> as(token, "2.1").get("/v2.1/images/detail" + type + "&limit=2&marker="
                + ids.get(1)).then().statusCode(200).body("images.id", equalTo(ids.subList(2, 4)))
                .body("images_links[0].href", endsWith("marker=" + ids.get(3))));
        assertEquals(1, requests[0]);
        assertEquals(ids.get(1), TestImageService.LIST_QUERIES.get(TestImageService.LIST_QUERIES.size() - 1)
                .get("marker"));

        as(token, "2.1").get("/v2.1/images" + type + "&limit=2&marker=" + ids.get(3)).then().statusCode(200)
                .body("images.id", equalTo(ids.subList(4, 5))).body("images_links", nullValue());
        as(token, "2.1").get("/v2.1/images" + type + "&marker=" + UUID.randomUUID()).then().statusCode(400);
    }

    @Test
    void theFiltersGoToGlanceAsNovasProxySendsThem() {
        String project = "p-img-" + UUID.randomUUID().toString().substring(0, 6);
        String token = keys.member("jo", project);
        String server = UUID.randomUUID().toString();
        List<String> ids = images(project, 4, Map.of("instance_uuid", server, "image_type", "snapshot"));

        as(token, "2.1").get("/v2.1/images?server=http://nova/servers/" + server + "&status=ACTIVE&name=" + project
                + "-2").then().statusCode(200).body("images.id", equalTo(List.of(ids.get(2))));
        Map<String, String> sent = TestImageService.LIST_QUERIES.get(TestImageService.LIST_QUERIES.size() - 1);
        assertEquals(server, sent.get("instance_uuid"));
        assertEquals("active", sent.get("status"));
        assertEquals(project + "-2", sent.get("name"));

        as(token, "2.1").get("/v2.1/images?server=" + server + "&changes-since=2026-11-02T00:00:00").then()
                .statusCode(200).body("images.id", equalTo(List.of(ids.get(1), ids.get(3))));
        assertEquals("gte:2026-11-02T00:00:00Z", TestImageService.LIST_QUERIES
                .get(TestImageService.LIST_QUERIES.size() - 1).get("updated_at"));
        as(token, "2.1").get("/v2.1/images?changes-since=yesterday").then().statusCode(400);

        // minRam stays here (image-service has no such filter): Glance is read on only until the page is full
        int requests = glanceRequests(() -> as(token, "2.1").get("/v2.1/images?server=" + server
                + "&minRam=200&limit=1").then().statusCode(200).body("images.id", equalTo(List.of(ids.get(2))))
                .body("images_links[0].href", containsString("marker=" + ids.get(2))));
        assertEquals(3, requests, "images 0 and 1 are below 200 MB: two more Glance pages of one");
        as(token, "2.1").get("/v2.1/images?server=" + server + "&minDisk=1").then().statusCode(200)
                .body("images", equalTo(List.of()));
    }
}
