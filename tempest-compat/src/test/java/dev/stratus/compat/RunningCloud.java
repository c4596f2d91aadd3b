package dev.stratus.compat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One all-in-one cloud started from the build ({@code deploy/cloud up}) for all end-to-end test classes:
 * free ports, its own state directory, its own databases (a name prefix) and its own AMQP names (its own
 * exchange), so it never meets a cloud already running on this machine. Stopped after the last class.
 */
final class RunningCloud implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DATABASES = List.of("keystone", "glance", "placement", "nova", "neutron");
    /** Simulated hosts next to the real node, for scheduling tests. */
    static final int FAKE_NODES = 3;
    /** The compute microversion the CLI is told to use (OS_COMPUTE_API_VERSION). */
    static final String COMPUTE_API_VERSION = "2.90";

    final Path root;
    final Path state;
    final Map<String, String> env;
    final int identityPort;
    final String dbPrefix;
    final String computeHost;
    final String upOutput;
    /** The host bridge of the cloud's external network "public" (its own, removed with the cloud). */
    final String externalBridge;

    private RunningCloud(Path root, Path state, Map<String, String> env, int identityPort, String dbPrefix,
            String computeHost, String upOutput, String externalBridge) {
        this.root = root;
        this.state = state;
        this.env = env;
        this.identityPort = identityPort;
        this.dbPrefix = dbPrefix;
        this.computeHost = computeHost;
        this.upOutput = upOutput;
        this.externalBridge = externalBridge;
    }

    static RunningCloud start() throws Exception {
        Path root = Path.of(System.getProperty("stratus.root", "..")).toAbsolutePath().normalize();
        assertTrue(Files.isExecutable(Path.of("/usr/bin/openstack")),
                "the OpenStack CLI is required: apt-get install python3-openstackclient (.ci/run installs it)");
        // QEMU runs as its own user and must pass through to the instances directory below the state.
        Path state = Files.createTempDirectory("stratus-e2e",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
        int identityPort = freePort();
        String tag = "e2e" + ProcessHandle.current().pid();
        String host = tag + "-node";
        Map<String, String> env = new HashMap<>();
        env.put("STRATUS_STATE_DIR", state.toString());
        env.put("STRATUS_IDENTITY_PORT", Integer.toString(identityPort));
        env.put("STRATUS_IMAGE_PORT", Integer.toString(freePort()));
        env.put("STRATUS_IMAGE_REMOTE_PORT", Integer.toString(freePort()));
        env.put("STRATUS_NOVNCPROXY_PORT", Integer.toString(freePort()));
        env.put("STRATUS_SERIALPROXY_PORT", Integer.toString(freePort()));
        env.put("STRATUS_PLACEMENT_PORT", Integer.toString(freePort()));
        env.put("STRATUS_NETWORK_PORT", Integer.toString(freePort()));
        env.put("STRATUS_COMPUTE_PORT", Integer.toString(freePort()));
        env.put("STRATUS_NODE_PORT", Integer.toString(freePort()));
        env.put("STRATUS_FAKE_NODE_PORT", Integer.toString(freePort()));
        env.put("STRATUS_FAKE_NODES", Integer.toString(FAKE_NODES));
        env.put("STRATUS_COMPUTE_HOST", host);
        env.put("STRATUS_DB_PREFIX", tag + "_");
        env.put("STRATUS_AMQP_EXCHANGE", tag);
        // Bridge names have at most 15 characters; this one is the test's own.
        String externalBridge = "brx" + Long.toString(ProcessHandle.current().pid() % 1_000_000, 36);
        env.put("STRATUS_EXTERNAL_BRIDGE", externalBridge);
        // The guest image is built once per machine and reused; the cloud only uploads it.
        env.put("STRATUS_GUEST_IMAGE_DIR", root.resolve("deploy/guest-image/out").toString());
        long begin = System.nanoTime();
        Shell.Result up = Shell.run(root, env, 900, "deploy/cloud", "up").expectSuccess("deploy/cloud up");
        System.out.printf("deploy/cloud up took %.1f s%n%s%n", (System.nanoTime() - begin) / 1e9, up.stdout());
        return new RunningCloud(root, state, env, identityPort, tag + "_", host, up.stdout(), externalBridge);
    }

    /** The driver of the node on this host, as {@code deploy/cloud up} chose it. */
    String driver() {
        return upOutput.contains("with the libvirt driver") ? "libvirt" : "fake";
    }

    /** The CLI as one of the clouds of clouds.yaml ({@code admin}, {@code demo}). */
    Cli cli(String cloud) {
        Map<String, String> config = Map.of("OS_CLIENT_CONFIG_FILE", state.resolve("clouds.yaml").toString());
        return args -> {
            List<String> command = new ArrayList<>(List.of("--os-cloud", cloud));
            command.addAll(List.of(args));
            return openstack(config, command);
        };
    }

    /** The CLI with these credentials in its environment ({@link #userEnv}). */
    Cli cli(Map<String, String> credentials) {
        return args -> openstack(credentials, List.of(args));
    }

    Shell.Result openstack(String cloud, String... args) throws Exception {
        return cli(cloud).run(args);
    }

    JsonNode openstackJson(String cloud, String... args) throws Exception {
        return cli(cloud).json(args);
    }

    /** The service types in the catalog, e.g. to take the network steps only once network-service is in. */
    Set<String> serviceTypes() throws Exception {
        return new HashSet<>(openstackJson("admin", "catalog", "list").findValuesAsText("Type"));
    }

    private Shell.Result openstack(Map<String, String> env, List<String> args) throws Exception {
        // Debian's openstackclient speaks compute 2.1 unless told otherwise (as against Nova); `--nic none`
        // and the newer fields need a microversion a user would set too.
        Map<String, String> clientEnv = new HashMap<>(env);
        clientEnv.put("OS_COMPUTE_API_VERSION", COMPUTE_API_VERSION);
        List<String> command = new ArrayList<>(List.of("openstack"));
        command.addAll(args);
        return Shell.run(state, clientEnv, 300, command.toArray(String[]::new));
    }

    static JsonNode json(Shell.Result result) throws IOException {
        return JSON.readTree(result.stdout());
    }

    Map<String, String> userEnv(String user, String password, String project) {
        Map<String, String> userEnv = new HashMap<>();
        userEnv.put("OS_AUTH_URL", "http://127.0.0.1:" + identityPort + "/v3");
        userEnv.put("OS_IDENTITY_API_VERSION", "3");
        userEnv.put("OS_USERNAME", user);
        userEnv.put("OS_PASSWORD", password);
        userEnv.put("OS_PROJECT_NAME", project);
        userEnv.put("OS_USER_DOMAIN_NAME", "Default");
        userEnv.put("OS_PROJECT_DOMAIN_NAME", "Default");
        return userEnv;
    }

    /** Enables or disables the simulated nodes' compute services (servers then land on the real node). */
    void setFakeNodes(boolean enabled) throws Exception {
        for (JsonNode s : openstackJson("admin", "compute", "service", "list", "--service", "nova-compute")) {
            if (!s.path("Host").asText().equals(computeHost)) {
                setService(s.path("Host").asText(), enabled);
            }
        }
    }

    /** Enables or disables the compute service of the node on this host. */
    void setRealNode(boolean enabled) throws Exception {
        setService(computeHost, enabled);
    }

    /** Enables or disables one host's compute service ({@code compute service set}). */
    void setService(String host, boolean enabled) throws Exception {
        openstack("admin", "compute", "service", "set", enabled ? "--enable" : "--disable", host, "nova-compute")
                .expectSuccess("compute service set " + host);
    }

    @Override
    public void close() throws Exception {
        Shell.Result down = Shell.run(root, env, 180, "deploy/cloud", "down");
        System.out.println(down.stdout());
        // The node made the external bridge and never removes it (guests may outlive a node's restart).
        Shell.run(root, Map.of(), 30, "ip", "link", "del", externalBridge);
        // With an external PostgreSQL the test's databases would outlive it; an embedded one stopped with
        // the cloud and keeps its data in the temporary state directory.
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
            for (String db : DATABASES) {
                c.createStatement().execute("drop database if exists " + dbPrefix + db);
            }
        } catch (java.sql.SQLException e) {
            System.out.println("Could not drop the test databases: " + e.getMessage());
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
