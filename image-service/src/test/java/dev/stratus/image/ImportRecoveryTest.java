package dev.stratus.image;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.image.service.ImportRecovery;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Crash recovery of imports, with two stores ("fast", the default, and "cheap"), a heartbeat every 200 ms and a
 * timeout of 2 s. An import whose process died is simulated by writing to the database what it leaves there (its
 * task, lock and store lists, and the copies it had made), with a heartbeat an hour old.
 */
@QuarkusTest
@TestProfile(ImportRecoveryTest.ShortTimeouts.class)
@QuarkusTestResource(value = ImageTestResource.class, restrictToAnnotatedClass = false)
class ImportRecoveryTest {

    static final Path FAST = directory("fast");
    static final Path CHEAP = directory("cheap");

    private static Path directory(String store) {
        return SharedTempDirectories.of("recovery.store." + store);
    }

    public static class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "stratus.image.stores[0].id", "fast",
                    "stratus.image.stores[0].directory", FAST.toString(),
                    "stratus.image.stores[0].default", "true",
                    "stratus.image.stores[1].id", "cheap",
                    "stratus.image.stores[1].directory", CHEAP.toString(),
                    "stratus.image.import.heartbeat-interval", "PT0.2S",
                    "stratus.image.import.timeout", "PT2S",
                    // The tests sweep themselves; the scheduled sweep runs at start-up only.
                    "stratus.image.import.recovery-interval", "PT1H");
        }
    }

    private static final String INTERRUPTED = "Error: the import was interrupted";

    @Inject
    ImageTestKeys keys;
    @Inject
    ImportRecovery recovery;
    @Inject
    DataSource db;

    private RequestSpecification as(String token) {
        return given().header("X-Auth-Token", token);
    }

    private String owner() {
        return keys.member("rita", "project-recovery");
    }

    private String admin() {
        return keys.admin();
    }

    private static byte[] data(int seed) {
        byte[] data = new byte[300_000];
        new Random(seed).nextBytes(data);
        return data;
    }

    private String create() {
        return as(owner()).contentType(ContentType.JSON)
                .body("{\"name\": \"recovered\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}")
                .post("/v2/images").then().statusCode(201).extract().path("id");
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

    /** The calls as the admin, who sees every image. */
    private ImportCalls asAdmin() {
        return new ImportCalls(admin());
    }

    /** In both stores, the import over. */
    private static java.util.function.Predicate<JsonPath> inBothStores() {
        return i -> "cheap,fast".equals(i.getString("stores")) && ImportCalls.importDone().test(i);
    }

    /** What an import leaves in the database when its process dies: returns the task id. */
    private String crashedImport(String id, String method, String targets, String unfinished, Instant heartbeat)
            throws SQLException {
        String taskId = UUID.randomUUID().toString();
        String input = "{\"method\": {\"name\": \"" + method + "\"}, \"stores\": [\""
                + targets.replace(",", "\", \"") + "\"]}";
        sql("insert into image_task (id, image_id, type, status, owner, input, backend, message, created_at,"
                + " updated_at) values (?, ?, 'api_image_import', 'processing', 'project-recovery', ?, ?, '', ?, ?)",
                taskId, id, input, targets, Timestamp.from(heartbeat), Timestamp.from(heartbeat));
        if (!"copy-image".equals(method)) {
            sql("update image set status = 'importing' where id = ?", id);
        }
        sql("insert into image_property (image_id, name, value) values (?, 'os_glance_import_task', ?)", id, taskId);
        sql("insert into image_property (image_id, name, value) values (?, 'os_glance_importing_to_stores', ?)", id,
                unfinished);
        sql("insert into image_property (image_id, name, value) values (?, 'os_glance_failed_import', '')", id);
        return taskId;
    }

    /** A copy the import made and recorded in {@code store}. */
    private void recordedCopy(String id, Path store, byte[] data) throws IOException, SQLException {
        Files.write(store.resolve(id), data);
        sql("insert into image_location (image_id, url, created_at) values (?, ?, now())", id,
                store.resolve(id).toUri().toString());
    }

    private void sql(String statement, Object... parameters) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }

    private record Task(String status, String message, Instant updatedAt) {
    }

    private Task task(String taskId) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select status, message, updated_at from image_task where id = ?")) {
            s.setString(1, taskId);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next(), "task " + taskId);
                return new Task(r.getString(1), r.getString(2), r.getTimestamp(3).toInstant());
            }
        }
    }

    private void importImage(String token, String id, String body, int status) {
        as(token).contentType(ContentType.JSON).body(body).post("/v2/images/" + id + "/import")
                .then().statusCode(status);
    }

    @Test
    void aStaleGlanceDirectImportIsUndoneAndTheImageCanBeImportedAgain() throws Exception {
        byte[] data = data(1);
        String id = staged(data);
        assertTrue(Files.exists(FAST.resolve("staging").resolve(id)));
        // It died after writing "cheap" (recorded), while "fast" (the staged data's rename) was still to come.
        String taskId = crashedImport(id, "glance-direct", "cheap,fast", "fast", Instant.now().minusSeconds(3600));
        recordedCopy(id, CHEAP, data);

        assertEquals(1, recovery.sweep());

        JsonPath image = asAdmin().image(id);
        assertEquals("queued", image.getString("status"));
        assertNull(image.get("size"));
        assertNull(image.get("checksum"));
        assertNull(image.get("stores"));
        assertEquals("", image.getString("os_glance_importing_to_stores"));
        assertEquals("fast", image.getString("os_glance_failed_import"));
        assertNull(image.get("os_glance_import_task"));
        Task task = task(taskId);
        assertEquals("failure", task.status());
        assertEquals(INTERRUPTED, task.message());
        assertFalse(Files.exists(CHEAP.resolve(id)), "the import's copy removed");
        assertFalse(Files.exists(FAST.resolve("staging").resolve(id)), "the staged data removed, as a failed import");
        assertEquals(0, recovery.sweep(), "nothing left to recover");

        // The lock is free: the image is staged and imported again.
        as(owner()).contentType("application/octet-stream").body(data).put("/v2/images/" + id + "/stage")
                .then().statusCode(204);
        importImage(owner(), id, "{\"method\": {\"name\": \"glance-direct\"}, \"all_stores\": true}", 202);
        image = asAdmin().await(id, ImportCalls.importedActive());
        assertEquals("cheap,fast", image.getString("stores"));
        assertEquals("", image.getString("os_glance_failed_import"));
        assertArrayEquals(data, Files.readAllBytes(CHEAP.resolve(id)));
        assertArrayEquals(data, Files.readAllBytes(FAST.resolve(id)));
    }

    @Test
    void staleWebAndGlanceDownloadsAreUndoneAsAGlanceDirectImportIs() throws Exception {
        byte[] data = data(12);
        Path staging = FAST.resolve("staging");
        Files.createDirectories(staging);
        // A web-download that died after staging and recording the downloaded data, before the stores.
        String web = create();
        Files.write(staging.resolve(web), data);
        sql("update image set size = ?, checksum = 'c', os_hash_algo = 'sha512', os_hash_value = 'h',"
                + " staged_location = ? where id = ?", (long) data.length, staging.resolve(web).toUri().toString(),
                web);
        String webTask = crashedImport(web, "web-download", "cheap,fast", "cheap,fast",
                Instant.now().minusSeconds(3600));
        // A glance-download that died as its download ended: the staged file complete, not yet recorded.
        String glance = create();
        Files.write(staging.resolve(glance), data);
        String glanceTask = crashedImport(glance, "glance-download", "fast", "fast", Instant.now().minusSeconds(3600));

        assertEquals(2, recovery.sweep());

        for (String id : new String[] {web, glance}) {
            JsonPath image = asAdmin().image(id);
            assertEquals("queued", image.getString("status"), id);
            assertNull(image.get("size"));
            assertNull(image.get("checksum"));
            assertNull(image.get("os_glance_import_task"));
            assertEquals("", image.getString("os_glance_importing_to_stores"));
            assertFalse(Files.exists(staging.resolve(id)), "the staged data removed");
        }
        assertEquals("cheap,fast", asAdmin().image(web).getString("os_glance_failed_import"));
        assertEquals("fast", asAdmin().image(glance).getString("os_glance_failed_import"));
        assertEquals(INTERRUPTED, task(webTask).message());
        assertEquals("failure", task(glanceTask).status());

        // The image is free for a new import.
        as(owner()).contentType("application/octet-stream").body(data).put("/v2/images/" + web + "/stage")
                .then().statusCode(204);
        importImage(owner(), web, "{\"method\": {\"name\": \"glance-direct\"}}", 202);
        asAdmin().await(web, ImportCalls.importedActive());
        assertArrayEquals(data, Files.readAllBytes(FAST.resolve(web)));
    }

    @Test
    void anImportWhoseProcessDiedWhileUndoingItIsFinished() throws Exception {
        byte[] data = data(8);
        String id = staged(data);
        String taskId = crashedImport(id, "glance-direct", "fast", "", Instant.now().minusSeconds(3600));
        // The undoing had committed (queued, no staged location, the failed store named), not yet removed the
        // staged file nor ended the task.
        sql("update image set status = 'queued', staged_location = null, size = null, checksum = null,"
                + " os_hash_algo = null, os_hash_value = null where id = ?", id);
        sql("update image_property set value = 'fast' where image_id = ? and name = 'os_glance_failed_import'", id);

        assertEquals(1, recovery.sweep());

        assertFalse(Files.exists(FAST.resolve("staging").resolve(id)), "the staged data removed");
        JsonPath image = asAdmin().image(id);
        assertEquals("queued", image.getString("status"));
        assertEquals("fast", image.getString("os_glance_failed_import"));
        assertNull(image.get("os_glance_import_task"));
        assertEquals("failure", task(taskId).status());
        as(owner()).contentType("application/octet-stream").body(data).put("/v2/images/" + id + "/stage")
                .then().statusCode(204);
        importImage(owner(), id, "{\"method\": {\"name\": \"glance-direct\"}}", 202);
        image = asAdmin().await(id, ImportCalls.importedActive());
        assertArrayEquals(data, Files.readAllBytes(FAST.resolve(id)));
    }

    @Test
    void aStaleCopyImageLeavesTheImageActiveAndItsUnrecordedCopyIsRemoved() throws Exception {
        byte[] data = data(2);
        String id = uploaded(data);
        // It died after writing to "cheap" and before recording the copy.
        String taskId = crashedImport(id, "copy-image", "cheap", "cheap", Instant.now().minusSeconds(3600));
        Files.write(CHEAP.resolve(id), data);

        assertEquals(1, recovery.sweep());

        JsonPath image = asAdmin().image(id);
        assertEquals("active", image.getString("status"));
        assertEquals("fast", image.getString("stores"));
        assertEquals("", image.getString("os_glance_importing_to_stores"));
        assertEquals("cheap", image.getString("os_glance_failed_import"));
        assertNull(image.get("os_glance_import_task"));
        assertEquals("failure", task(taskId).status());
        assertEquals(INTERRUPTED, task(taskId).message());
        assertFalse(Files.exists(CHEAP.resolve(id)), "the unrecorded copy removed");
        assertArrayEquals(data, Files.readAllBytes(FAST.resolve(id)), "the image's own copy kept");
        as(owner()).get("/v2/images/" + id + "/file").then().statusCode(200);

        importImage(admin(), id, "{\"method\": {\"name\": \"copy-image\"}, \"stores\": [\"cheap\"]}", 202);
        image = asAdmin().await(id, inBothStores());
        assertEquals("", image.getString("os_glance_failed_import"));
        assertArrayEquals(data, Files.readAllBytes(CHEAP.resolve(id)));
    }

    @Test
    void aNewImportTakesOverTheLockOfAStaleTaskAfterRecoveringIt() throws Exception {
        byte[] data = data(3);
        String id = uploaded(data);
        String stale = crashedImport(id, "copy-image", "cheap", "cheap", Instant.now().minusSeconds(60));
        Files.write(CHEAP.resolve(id), data); // would make the new copy fail if it stayed

        importImage(admin(), id, "{\"method\": {\"name\": \"copy-image\"}, \"stores\": [\"cheap\"]}", 202);

        JsonPath image = asAdmin().await(id, inBothStores());
        assertEquals("", image.getString("os_glance_failed_import"));
        assertEquals("failure", task(stale).status());
        assertEquals(INTERRUPTED, task(stale).message());
        JsonPath tasks = as(admin()).get("/v2/images/" + id + "/tasks").then().statusCode(200).extract().jsonPath();
        assertEquals(2, tasks.getList("tasks").size());
        assertEquals("success", tasks.getString("tasks[1].status"));
    }

    @Test
    void aFreshTaskIsLeftAlone() throws Exception {
        byte[] data = data(4);
        String id = uploaded(data);
        String taskId = crashedImport(id, "copy-image", "cheap", "cheap", Instant.now());

        assertEquals(0, recovery.sweep());

        JsonPath image = asAdmin().image(id);
        assertEquals(taskId, image.getString("os_glance_import_task"));
        assertEquals("cheap", image.getString("os_glance_importing_to_stores"));
        assertEquals("", image.getString("os_glance_failed_import"));
        assertEquals("processing", task(taskId).status());
        importImage(admin(), id, "{\"method\": {\"name\": \"copy-image\"}, \"stores\": [\"cheap\"]}", 409);
        assertEquals("processing", task(taskId).status());

        // Once silent for longer than the timeout, it is recovered (and leaves nothing for the other tests).
        Thread.sleep(2_100);
        assertEquals(1, recovery.sweep());
        assertEquals("failure", task(taskId).status());
        assertNull(asAdmin().image(id).get("os_glance_import_task"));
    }

    @Test
    void twoSweepsAtOnceRecoverATaskOnce() throws Exception {
        byte[] data = data(5);
        String id = staged(data);
        String taskId = crashedImport(id, "glance-direct", "fast", "fast", Instant.now().minusSeconds(3600));

        ExecutorService sweepers = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Void> go = new CompletableFuture<>();
            Future<Integer> a = sweepers.submit(() -> {
                go.join();
                return recovery.sweep();
            });
            Future<Integer> b = sweepers.submit(() -> {
                go.join();
                return recovery.sweep();
            });
            go.complete(null);
            assertEquals(1, a.get(20, TimeUnit.SECONDS) + b.get(20, TimeUnit.SECONDS));
        } finally {
            sweepers.shutdownNow();
        }
        JsonPath image = asAdmin().image(id);
        assertEquals("queued", image.getString("status"));
        assertEquals("fast", image.getString("os_glance_failed_import"));
        assertNull(image.get("os_glance_import_task"));
        assertEquals(INTERRUPTED, task(taskId).message());
    }

    /** The staged data becomes a pipe fed slowly, in 25 parts 200 ms apart: a copy of it lasts about 5 s. */
    private Future<?> slowlyStaged(String id, byte[] data, ExecutorService feeder) throws Exception {
        Path staged = FAST.resolve("staging").resolve(id);
        Files.delete(staged);
        Process mkfifo = new ProcessBuilder("mkfifo", staged.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        return feeder.submit(() -> {
            try (OutputStream out = Files.newOutputStream(staged)) {
                int chunk = data.length / 25;
                for (int off = 0; off < data.length; off += chunk) {
                    out.write(data, off, Math.min(chunk, data.length - off));
                    out.flush();
                    Thread.sleep(200);
                }
            }
            return null;
        });
    }

    private static ExecutorService feeder() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "slow-feeder");
            t.setDaemon(true);
            return t;
        });
    }

    private String lastTask(String id) {
        return as(owner()).get("/v2/images/" + id + "/tasks").then().statusCode(200).extract().path("tasks[-1].id");
    }

    @Test
    void theHeartbeatKeepsASlowImportAlive() throws Exception {
        byte[] data = data(6);
        String id = staged(data);
        ExecutorService feeder = feeder();
        Future<?> fed = slowlyStaged(id, data, feeder);
        importImage(owner(), id, "{\"method\": {\"name\": \"glance-direct\"}, \"stores\": [\"cheap\"]}", 202);
        String taskId = lastTask(id);

        Instant first = task(taskId).updatedAt();
        for (int i = 0; i < 8 && !fed.isDone(); i++) {
            Thread.sleep(500); // four times the timeout in all
            assertEquals(0, recovery.sweep());
            assertEquals("processing", task(taskId).status(), "the import is alive");
            assertEquals("importing", asAdmin().image(id).getString("status"));
        }
        assertTrue(task(taskId).updatedAt().isAfter(first), "the heartbeat moves updated_at");
        fed.get(20, TimeUnit.SECONDS);
        feeder.shutdownNow();

        JsonPath image = asAdmin().await(id, ImportCalls.importedActive());
        assertEquals("cheap", image.getString("stores"));
        assertEquals("", image.getString("os_glance_failed_import"));
        assertEquals("success", task(taskId).status());
        assertArrayEquals(data, Files.readAllBytes(CHEAP.resolve(id)));
        assertFalse(Files.exists(FAST.resolve("staging").resolve(id)), "the staged pipe removed");
    }

    @Test
    void anImportTakenOverWhileCopyingDropsItsCopy() throws Exception {
        byte[] data = data(7);
        String id = staged(data);
        ExecutorService feeder = feeder();
        Future<?> fed = slowlyStaged(id, data, feeder);
        importImage(owner(), id, "{\"method\": {\"name\": \"glance-direct\"}, \"stores\": [\"cheap\"]}", 202);
        String taskId = lastTask(id);
        Thread.sleep(500);
        // A recovery (of another process) claimed the task and died before cleaning up: the task has ended but still
        // holds the lock. The next sweep finishes the recovery while the job is still copying.
        sql("update image_task set status = 'failure', message = ?, updated_at = now() - interval '1 hour'"
                + " where id = ?", INTERRUPTED, taskId);
        assertEquals(1, recovery.sweep());
        JsonPath image = asAdmin().image(id);
        assertEquals("queued", image.getString("status"));
        assertEquals("cheap", image.getString("os_glance_failed_import"));
        assertNull(image.get("os_glance_import_task"));

        fed.get(20, TimeUnit.SECONDS);
        feeder.shutdownNow();
        for (int i = 0; i < 100 && Files.exists(CHEAP.resolve(id)); i++) {
            Thread.sleep(100);
        }
        Thread.sleep(500);
        assertFalse(Files.exists(CHEAP.resolve(id)), "the job dropped the copy it could no longer record");
        image = asAdmin().image(id);
        assertEquals("queued", image.getString("status"));
        assertNull(image.get("stores"));
        assertEquals(INTERRUPTED, task(taskId).message());
        assertEquals("failure", task(taskId).status());
    }
}
