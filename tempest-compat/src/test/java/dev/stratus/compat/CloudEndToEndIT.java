package dev.stratus.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Starts the all-in-one from the build ({@code deploy/cloud up}) on free ports with its own state and
 * databases, and drives it with the real OpenStack CLI (Debian's python3-openstackclient), as an
 * operator and a tenant would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CloudEndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A path on each service that needs a token, appended to its catalog URL. */
    private static final Map<String, String> PROTECTED_PATH = Map.of("identity", "/auth/projects",
            "image", "/v2/images");

    private static Path root;
    private static Path state;
    private static String dbPrefix;
    private static Map<String, String> cloudEnv;
    private static int identityPort;

    @BeforeAll
    static void startCloud() throws Exception {
        root = Path.of(System.getProperty("stratus.root", "..")).toAbsolutePath().normalize();
        assertTrue(Files.isExecutable(Path.of("/usr/bin/openstack")),
                "the OpenStack CLI is required: apt-get install python3-openstackclient (.ci/run installs it)");
        state = Files.createTempDirectory("stratus-e2e");
        identityPort = freePort();
        dbPrefix = "e2e" + ProcessHandle.current().pid() + "_";
        cloudEnv = new HashMap<>();
        cloudEnv.put("STRATUS_STATE_DIR", state.toString());
        cloudEnv.put("STRATUS_IDENTITY_PORT", Integer.toString(identityPort));
        cloudEnv.put("STRATUS_IMAGE_PORT", Integer.toString(freePort()));
        cloudEnv.put("STRATUS_DB_PREFIX", dbPrefix);
        long start = System.nanoTime();
        Shell.run(root, cloudEnv, 600, "deploy/cloud", "up").expectSuccess("deploy/cloud up");
        System.out.printf("deploy/cloud up took %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    @AfterAll
    static void stopCloud() throws Exception {
        if (cloudEnv == null) {
            return;
        }
        Shell.run(root, cloudEnv, 120, "deploy/cloud", "down");
        // With an external PostgreSQL the test's databases would outlive it; an embedded one stopped with
        // the cloud and keeps its data in the temporary state directory.
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
            for (String db : List.of("keystone", "glance")) {
                c.createStatement().execute("drop database if exists " + dbPrefix + db);
            }
        } catch (java.sql.SQLException e) {
            System.out.println("Could not drop the test databases: " + e.getMessage());
        }
    }

    private static Shell.Result openstack(String cloud, String... args) throws Exception {
        Map<String, String> env = Map.of("OS_CLIENT_CONFIG_FILE", state.resolve("clouds.yaml").toString());
        List<String> command = new ArrayList<>(List.of("openstack", "--os-cloud", cloud));
        command.addAll(List.of(args));
        return Shell.run(state, env, 120, command.toArray(String[]::new));
    }

    private static JsonNode json(Shell.Result result) throws IOException {
        return JSON.readTree(result.stdout());
    }

    @Test
    @Order(1)
    void upIsIdempotentAndStatusIsGreen() throws Exception {
        String before = Files.readString(state.resolve("clouds.yaml"));
        Shell.Result again = Shell.run(root, cloudEnv, 300, "deploy/cloud", "up").expectSuccess("second up");
        assertTrue(again.stdout().contains("already running"), again.stdout());
        assertEquals(before, Files.readString(state.resolve("clouds.yaml")));
        Shell.run(root, cloudEnv, 60, "deploy/cloud", "status").expectSuccess("deploy/cloud status");
        assertTrue(Files.exists(state.resolve("admin-openrc")));
        assertTrue(Files.exists(state.resolve("demo-openrc")));
    }

    @Test
    @Order(2)
    void adminManagesProjectsUsersAndRolesWithTheCli() throws Exception {
        JsonNode token = json(openstack("admin", "token", "issue", "-f", "json").expectSuccess("token issue"));
        assertFalse(token.path("id").asText().isEmpty());

        JsonNode catalog = json(openstack("admin", "catalog", "list", "-f", "json").expectSuccess("catalog list"));
        assertTrue(catalog.findValuesAsText("Type").contains("identity"), catalog.toString());

        openstack("admin", "project", "create", "--domain", "default", "--description", "end to end",
                "e2e-project", "-f", "json").expectSuccess("project create");
        openstack("admin", "user", "create", "--domain", "default", "--password", "e2e-pass",
                "e2e-user", "-f", "json").expectSuccess("user create");
        openstack("admin", "role", "add", "--project", "e2e-project", "--user", "e2e-user", "member")
                .expectSuccess("role add");
        JsonNode assignments = json(openstack("admin", "role", "assignment", "list", "--names",
                "--project", "e2e-project", "-f", "json").expectSuccess("role assignment list"));
        assertEquals(1, assignments.size(), assignments.toString());
        assertEquals("member", assignments.get(0).path("Role").asText());
        assertEquals("e2e-user@Default", assignments.get(0).path("User").asText());
    }

    @Test
    @Order(3)
    void newUserTokenIsRefusedEverywhereOnceRevoked() throws Exception {
        Shell.Result issued = Shell.run(state, userEnv("e2e-user", "e2e-pass", "e2e-project"), 120,
                "openstack", "token", "issue", "-f", "json").expectSuccess("token issue as e2e-user");
        String userToken = json(issued).path("id").asText();
        List<String> urls = protectedUrls();
        for (String url : urls) {
            assertEquals(200, get(url, userToken), "valid token refused by " + url);
        }
        openstack("admin", "token", "revoke", userToken).expectSuccess("token revoke");
        for (String url : urls) {
            assertEquals(401, get(url, userToken), "revoked token accepted by " + url);
        }
    }

    @Test
    @Order(4)
    void badCredentialsAndMembersAreRefused() throws Exception {
        Shell.Result wrong = Shell.run(state, userEnv("e2e-user", "not-the-password", "e2e-project"), 120,
                "openstack", "token", "issue");
        assertNotEquals(0, wrong.exitCode());
        assertTrue(wrong.stderr().contains("HTTP 401"), wrong.stderr());

        Shell.Result denied = openstack("demo", "user", "create", "--password", "x", "mallory");
        assertNotEquals(0, denied.exitCode());
        assertTrue(denied.stderr().contains("HTTP 403"), denied.stderr());
    }

    @Test
    @Order(5)
    void imagesRoundTripThroughTheCli() throws Exception {
        Path file = state.resolve("e2e-image.raw");
        byte[] data = new byte[5 * 1024 * 1024 + 3];
        new java.util.Random(11).nextBytes(data);
        Files.write(file, data);
        String md5 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(data));

        JsonNode created = json(openstack("demo", "image", "create", "--file", file.toString(), "--disk-format", "raw",
                "--container-format", "bare", "--shared", "e2e-image", "-f", "json").expectSuccess("image create"));
        String id = created.path("id").asText();
        // The CLI prints the record it created before uploading; the upload is done when it returns.
        JsonNode uploaded = json(openstack("demo", "image", "show", id, "-f", "json").expectSuccess("image show"));
        assertEquals("active", uploaded.path("status").asText(), uploaded.toString());
        assertEquals(md5, uploaded.path("checksum").asText());

        JsonNode list = json(openstack("demo", "image", "list", "-f", "json").expectSuccess("image list"));
        assertTrue(list.findValuesAsText("ID").contains(id), list.toString());
        openstack("demo", "image", "set", "--property", "hw_disk_bus=virtio", "e2e-image").expectSuccess("image set");
        JsonNode shown = json(openstack("demo", "image", "show", "e2e-image", "-f", "json").expectSuccess("show"));
        assertTrue(shown.toString().contains("hw_disk_bus"), shown.toString());
        assertEquals(data.length, shown.path("size").asLong());

        Path saved = state.resolve("e2e-image.saved");
        openstack("demo", "image", "save", "--file", saved.toString(), "e2e-image").expectSuccess("image save");
        org.junit.jupiter.api.Assertions.assertArrayEquals(data, Files.readAllBytes(saved));

        String adminProject = json(openstack("admin", "project", "show", "admin", "-f", "json")
                .expectSuccess("project show")).path("id").asText();
        openstack("demo", "image", "add", "project", "e2e-image", adminProject).expectSuccess("image add project");
        openstack("demo", "image", "delete", "e2e-image").expectSuccess("image delete");
        Shell.Result gone = openstack("demo", "image", "show", id);
        assertNotEquals(0, gone.exitCode());
    }

    private static Map<String, String> userEnv(String user, String password, String project) {
        Map<String, String> env = new HashMap<>();
        env.put("OS_AUTH_URL", "http://127.0.0.1:" + identityPort + "/v3");
        env.put("OS_IDENTITY_API_VERSION", "3");
        env.put("OS_USERNAME", user);
        env.put("OS_PASSWORD", password);
        env.put("OS_PROJECT_NAME", project);
        env.put("OS_USER_DOMAIN_NAME", "Default");
        env.put("OS_PROJECT_DOMAIN_NAME", "Default");
        return env;
    }

    /** One token-protected URL on each service in the catalog; a service without one fails the test. */
    private static List<String> protectedUrls() throws Exception {
        JsonNode catalog = json(openstack("admin", "catalog", "list", "-f", "json").expectSuccess("catalog"));
        List<String> urls = new ArrayList<>();
        for (JsonNode entry : catalog) {
            String type = entry.path("Type").asText();
            String path = PROTECTED_PATH.get(type);
            assertTrue(path != null, "no protected path known for service type " + type);
            String publicUrl = null;
            for (JsonNode endpoint : entry.path("Endpoints")) {
                if ("public".equals(endpoint.path("interface").asText())) {
                    publicUrl = endpoint.path("url").asText();
                }
            }
            assertTrue(publicUrl != null, "no public endpoint for " + type + ": " + entry);
            urls.add(publicUrl + path);
        }
        return urls;
    }

    private static int get(String url, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("X-Auth-Token", token).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
