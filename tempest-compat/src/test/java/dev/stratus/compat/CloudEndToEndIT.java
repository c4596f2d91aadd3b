package dev.stratus.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Drives the all-in-one ({@link RunningCloud}) with the real OpenStack CLI (Debian's
 * python3-openstackclient) as an operator and a tenant would: identity, tokens and images.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(CloudExtension.class)
class CloudEndToEndIT {

    /** A path on each service that needs a token, appended to its catalog URL. */
    private static final Map<String, String> PROTECTED_PATH = Map.of("identity", "/auth/projects",
            "image", "/v2/images", "image_remote", "/v2/images", "compute", "/servers",
            "placement", "/resource_providers", "network", "/v2.0/networks");

    private static RunningCloud cloud;
    private static Path state;

    @BeforeAll
    static void useCloud(RunningCloud running) {
        cloud = running;
        state = running.state;
    }

    private static Shell.Result openstack(String cloudName, String... args) throws Exception {
        return cloud.openstack(cloudName, args);
    }

    private static JsonNode json(Shell.Result result) throws IOException {
        return RunningCloud.json(result);
    }

    @Test
    @Order(1)
    void upIsIdempotentAndStatusIsGreen() throws Exception {
        String before = Files.readString(state.resolve("clouds.yaml"));
        Shell.Result again = Shell.run(cloud.root, cloud.env, 300, "deploy/cloud", "up").expectSuccess("second up");
        assertTrue(again.stdout().contains("already running"), again.stdout());
        assertEquals(before, Files.readString(state.resolve("clouds.yaml")));
        Shell.run(cloud.root, cloud.env, 60, "deploy/cloud", "status").expectSuccess("deploy/cloud status");
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
        Shell.Result issued = Shell.run(state, cloud.userEnv("e2e-user", "e2e-pass", "e2e-project"), 120,
                "openstack", "token", "issue", "-f", "json").expectSuccess("token issue as e2e-user");
        String userToken = json(issued).path("id").asText();
        List<String> urls = protectedUrls();
        for (String url : urls) {
            // Placement is for admins and services: a member's valid token is known there and refused (403).
            int expected = url.endsWith("/resource_providers") ? 403 : 200;
            assertEquals(expected, HttpGet.status(url, userToken), "valid token not recognised by " + url);
        }
        openstack("admin", "token", "revoke", userToken).expectSuccess("token revoke");
        for (String url : urls) {
            assertEquals(401, HttpGet.status(url, userToken), "revoked token accepted by " + url);
        }
    }

    @Test
    @Order(4)
    void badCredentialsAndMembersAreRefused() throws Exception {
        Shell.Result wrong = Shell.run(state, cloud.userEnv("e2e-user", "not-the-password", "e2e-project"), 120,
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

    @Test
    @Order(6)
    void applicationCredentialStandsInForThePasswordUntilDeleted() throws Exception {
        Map<String, String> user = cloud.userEnv("e2e-user", "e2e-pass", "e2e-project");
        JsonNode created = json(Shell.run(state, user, 120, "openstack", "application", "credential", "create",
                "--role", "member", "--description", "end to end", "e2e-robot", "-f", "json")
                .expectSuccess("application credential create"));
        String id = created.path("id").asText();
        String secret = created.path("secret").asText();
        assertFalse(secret.isEmpty(), created.toString());

        Map<String, String> robot = new java.util.HashMap<>();
        robot.put("OS_AUTH_URL", user.get("OS_AUTH_URL"));
        robot.put("OS_IDENTITY_API_VERSION", "3");
        robot.put("OS_AUTH_TYPE", "v3applicationcredential");
        robot.put("OS_APPLICATION_CREDENTIAL_ID", id);
        robot.put("OS_APPLICATION_CREDENTIAL_SECRET", secret);
        JsonNode token = json(Shell.run(state, robot, 120, "openstack", "token", "issue", "-f", "json")
                .expectSuccess("token issue with the application credential"));
        String project = json(openstack("admin", "project", "show", "e2e-project", "-f", "json")
                .expectSuccess("project show")).path("id").asText();
        assertEquals(project, token.path("project_id").asText(), token.toString());
        Shell.run(state, robot, 120, "openstack", "network", "list").expectSuccess("network list as the robot");

        Shell.run(state, user, 120, "openstack", "application", "credential", "delete", "e2e-robot")
                .expectSuccess("application credential delete");
        Shell.Result refused = Shell.run(state, robot, 120, "openstack", "token", "issue");
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.stderr().contains("HTTP 401"), refused.stderr());
        for (String url : protectedUrls()) {
            assertEquals(401, HttpGet.status(url, token.path("id").asText()),
                    "deleted credential's token accepted by " + url);
        }
    }

    @Test
    @Order(7)
    void ec2CredentialsAreMadeShownAndDeletedWithTheCli() throws Exception {
        Map<String, String> user = cloud.userEnv("e2e-user", "e2e-pass", "e2e-project");
        JsonNode made = json(Shell.run(state, user, 120, "openstack", "ec2", "credentials", "create", "-f", "json")
                .expectSuccess("ec2 credentials create"));
        String access = made.path("access").asText();
        assertFalse(access.isEmpty() || made.path("secret").asText().isEmpty(), made.toString());
        JsonNode shown = json(Shell.run(state, user, 120, "openstack", "ec2", "credentials", "show", access, "-f",
                "json").expectSuccess("ec2 credentials show"));
        assertEquals(made.path("secret").asText(), shown.path("secret").asText(), shown.toString());
        JsonNode all = json(openstack("admin", "credential", "list", "-f", "json").expectSuccess("credential list"));
        assertTrue(all.findValuesAsText("Type").contains("ec2"), all.toString());
        Shell.run(state, user, 120, "openstack", "ec2", "credentials", "delete", access)
                .expectSuccess("ec2 credentials delete");
        Shell.Result gone = Shell.run(state, user, 120, "openstack", "ec2", "credentials", "show", access);
        assertNotEquals(0, gone.exitCode());
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
}
