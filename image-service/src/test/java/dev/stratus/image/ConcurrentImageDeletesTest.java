package dev.stratus.image;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Clients clean up in parallel, and a snapshot that failed is deleted by its host while the tenant deletes it
 * too: every delete answers 204 or, when another delete won, Glance's 404; never a 500.
 */
@QuarkusTest
@QuarkusTestResource(value = ImageTestResource.class, restrictToAnnotatedClass = false)
class ConcurrentImageDeletesTest {

    private static final int THREADS = 8;

    @Inject
    ImageTestKeys keys;

    @Test
    void parallelDeletesOfDistinctImagesAllSucceed() throws Exception {
        String token = keys.member("alice", "project-a");
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String id = create(token, "{\"name\": \"parallel-" + i + "\", \"tags\": [\"t\"], \"p\": \"v\"}");
            given().header("X-Auth-Token", token).contentType(ContentType.JSON)
                    .body("{\"member\": \"project-b\"}").post("/v2/images/" + id + "/members")
                    .then().statusCode(200);
            paths.add("/v2/images/" + id);
        }
        List<Integer> statuses = deleteAll(token, paths);
        assertEquals(paths.size(), Collections.frequency(statuses, 204), "statuses: " + statuses);
    }

    @Test
    void racingDeletesOfOneImageAnswer204AndThen404() throws Exception {
        String token = keys.member("alice", "project-a");
        for (int round = 0; round < 6; round++) {
            String path = "/v2/images/" + create(token, "{\"name\": \"race-" + round + "\"}");
            List<Integer> statuses = deleteAll(token, List.of(path, path, path));
            assertEquals(1, Collections.frequency(statuses, 204), "statuses: " + statuses);
            assertEquals(2, Collections.frequency(statuses, 404), "statuses: " + statuses);
        }
    }

    private static String create(String token, String body) {
        return given().header("X-Auth-Token", token).contentType(ContentType.JSON).body(body).post("/v2/images")
                .then().statusCode(201).extract().path("id");
    }

    private static List<Integer> deleteAll(String token, List<String> paths) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Callable<Integer>> calls = paths.stream()
                    .<Callable<Integer>>map(p -> () -> given().header("X-Auth-Token", token).delete(p).statusCode())
                    .toList();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
