package dev.stratus.identity;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Tempest tears its credentials down in parallel: many users, projects and grants deleted at once. Every delete
 * must answer 204, and two deletes of the same resource one 204 and one 404, never a 500.
 */
@QuarkusTest
class ConcurrentDeletesTest {

    private static final int RESOURCES = 24;
    private static final int THREADS = 8;

    @Test
    void parallelDeletesOfUsersProjectsAndGrantsAllSucceed() throws Exception {
        String admin = Tokens.admin();
        String member = given().header("X-Auth-Token", admin).queryParam("name", "member").get("/v3/roles")
                .then().statusCode(200).extract().path("roles[0].id");
        List<String> grants = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        for (int i = 0; i < RESOURCES; i++) {
            String project = create(admin, "/v3/projects", "project", "{\"project\": {\"name\": \"cd-p" + i + "\"}}");
            String user = create(admin, "/v3/users", "user", "{\"user\": {\"name\": \"cd-u" + i + "\"}}");
            given().header("X-Auth-Token", admin).put("/v3/projects/" + project + "/users/" + user + "/roles/" + member)
                    .then().statusCode(204);
            grants.add("/v3/projects/" + project + "/users/" + user + "/roles/" + member);
            deletes.add("/v3/users/" + user);
            deletes.add("/v3/projects/" + project);
        }
        List<Integer> revoked = deleteAll(admin, grants);
        assertEquals(grants.size(), revoked.stream().filter(s -> s == 204).count(), "statuses: " + revoked);
        List<Integer> statuses = deleteAll(admin, deletes);
        assertEquals(deletes.size(), statuses.stream().filter(s -> s == 204).count(), "statuses: " + statuses);
    }

    @Test
    void racingDeletesOfOneUserAnswer204Then404() throws Exception {
        String admin = Tokens.admin();
        for (int round = 0; round < 6; round++) {
            String user = create(admin, "/v3/users", "user", "{\"user\": {\"name\": \"race-" + round + "\"}}");
            List<Integer> statuses = deleteAll(admin, List.of("/v3/users/" + user, "/v3/users/" + user,
                    "/v3/users/" + user));
            assertEquals(1, statuses.stream().filter(s -> s == 204).count(), "statuses: " + statuses);
            assertEquals(2, statuses.stream().filter(s -> s == 404).count(), "statuses: " + statuses);
        }
    }

    private static String create(String token, String path, String kind, String body) {
        return given().header("X-Auth-Token", token).contentType(ContentType.JSON).body(body).post(path)
                .then().statusCode(201).extract().path(kind + ".id");
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
