package dev.stratus.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An operator's day with the real OpenStack CLI: every node registered as compute service, hypervisor and
 * resource provider; hypervisor list and show (with the resources a server takes); a host taken out of
 * scheduling with a reason and put back; a resource provider's usage following a server; the usage list
 * with the server's hours. The operator's servers run on the simulated hosts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(CloudExtension.class)
class OperatorDayIT {

    private static final String IMAGE = "stratus-guest";
    /** The last microversion whose hypervisor view has the resource fields (vcpus, memory_mb, running_vms). */
    private static final String HYPERVISOR_RESOURCES_VERSION = "2.87";
    private static final String REASON = "maintenance window";

    private static RunningCloud cloud;
    private static ComputeHosts hosts;
    private static Cli admin;
    private static JsonNode flavor;

    @BeforeAll
    static void useCloud(RunningCloud running) throws Exception {
        cloud = running;
        hosts = new ComputeHosts(running);
        admin = running.cli("admin");
        flavor = admin.json("flavor", "show", "m1.tiny");
    }

    @Test
    @Order(1)
    void everyNodeIsAComputeServiceAHypervisorAndAResourceProvider() throws Exception {
        List<String> up = hosts.awaitAllUp();
        assertTrue(up.contains(cloud.computeHost), up.toString());
        Set<String> all = new HashSet<>(up);

        // A hypervisor's name is the node's (libvirt reports the machine's host name); its service is the host's.
        JsonNode hypervisors = admin.json("hypervisor", "list");
        Map<String, String> nodeOfHost = new HashMap<>();
        for (JsonNode h : hypervisors) {
            assertEquals("up", h.path("State").asText(), h.toString());
            String host = admin.json("hypervisor", "show", h.path("ID").asText()).path("service_host").asText();
            nodeOfHost.put(host, h.path("Hypervisor Hostname").asText());
            String expectedType = host.equals(cloud.computeHost) && cloud.driver().equals("libvirt") ? "QEMU" : "fake";
            assertEquals(expectedType, h.path("Hypervisor Type").asText(), h.toString());
        }
        assertEquals(all, nodeOfHost.keySet(), hypervisors.toString());

        // As in Placement, a compute node's resource provider is named after the node.
        JsonNode providers = admin.json("resource", "provider", "list");
        assertEquals(new HashSet<>(nodeOfHost.values()), new HashSet<>(providers.findValuesAsText("name")),
                providers.toString());
        JsonNode inventory = admin.json("resource", "provider", "inventory", "list",
                providerOf(nodeOfHost.get(cloud.computeHost)));
        Set<String> classes = new HashSet<>(inventory.findValuesAsText("resource_class"));
        assertEquals(Set.of("VCPU", "MEMORY_MB", "DISK_GB"), classes, inventory.toString());
    }

    @Test
    @Order(2)
    void hypervisorShowCountsTheServersItRuns() throws Exception {
        String host = hosts.fakeHosts().get(0);
        JsonNode shown = admin.json("hypervisor", "show", host);
        assertEquals(host, shown.path("hypervisor_hostname").asText(), shown.toString());
        assertEquals(host, shown.path("service_host").asText(), shown.toString());
        assertEquals("enabled", shown.path("status").asText(), shown.toString());
        assertFalse(shown.path("uptime").asText().isEmpty(), "no uptime at 2.88 and later: " + shown);

        JsonNode before = hypervisorResources(host);
        assertTrue(before.path("vcpus").asInt() > 0 && before.path("memory_mb").asInt() > 0
                && before.path("local_gb").asInt() > 0, before.toString());
        String id = bootOn(host, "op-hv");
        try {
            // Nodes report their resources in heartbeats, as Nova's resource tracker does: wait for the next one.
            JsonNode after = awaitRunningVms(host, before.path("running_vms").asInt() + 1);
            assertEquals(before.path("vcpus_used").asInt() + flavor.path("vcpus").asInt(),
                    after.path("vcpus_used").asInt(), after.toString());
            assertEquals(before.path("memory_mb_used").asInt() + flavor.path("ram").asInt(),
                    after.path("memory_mb_used").asInt(), after.toString());
        } finally {
            admin.run("server", "delete", "--wait", id).expectSuccess("server delete");
        }
        awaitRunningVms(host, before.path("running_vms").asInt());
    }

    private static JsonNode awaitRunningVms(String host, int count) throws Exception {
        return CloudWaits.waitFor(Duration.ofSeconds(60), host + " running " + count + " servers", () -> {
            JsonNode h = hypervisorResources(host);
            return h.path("running_vms").asInt() == count ? h : null;
        });
    }

    @Test
    @Order(3)
    void aDisabledHostTakesNoNewServersUntilEnabled() throws Exception {
        List<String> fake = hosts.fakeHosts();
        String drained = fake.get(0);
        cloud.setRealNode(false);
        admin.run("compute", "service", "set", "--disable", "--disable-reason", REASON, drained, "nova-compute")
                .expectSuccess("compute service set --disable");
        List<String> ids = new ArrayList<>();
        try {
            JsonNode service = service(drained);
            assertEquals("disabled", service.path("Status").asText(), service.toString());
            assertEquals(REASON, service.path("Disabled Reason").asText(), service.toString());
            JsonNode hypervisor = admin.json("hypervisor", "show", drained);
            assertEquals("disabled", hypervisor.path("status").asText(), hypervisor.toString());

            // As many servers as enabled hosts, spread by anti-affinity: none may land on the drained host.
            String group = admin.json("server", "group", "create", "--policy", "anti-affinity", "op-drain")
                    .path("id").asText();
            for (int i = 0; i < fake.size() - 1; i++) {
                JsonNode s = admin.json("server", "create", "--flavor", "m1.tiny", "--image", IMAGE, "--nic", "none",
                        "--hint", "group=" + group, "--wait", "op-drain-" + i);
                assertEquals("ACTIVE", s.path("status").asText(), s.toString());
                ids.add(s.path("id").asText());
                assertNotEquals(drained, s.path("OS-EXT-SRV-ATTR:host").asText(), s.toString());
            }
            admin.run("server", "group", "delete", group).expectSuccess("server group delete");
        } finally {
            for (String id : ids) {
                admin.run("server", "delete", "--wait", id).expectSuccess("server delete");
            }
            cloud.setService(drained, true);
            cloud.setRealNode(true);
        }
        JsonNode enabled = service(drained);
        assertEquals("enabled", enabled.path("Status").asText(), enabled.toString());
        assertTrue(enabled.path("Disabled Reason").isNull(), enabled.toString());
    }

    @Test
    @Order(4)
    void resourceProviderUsageFollowsAServer() throws Exception {
        String host = hosts.fakeHosts().get(1);
        String provider = providerOf(host);
        Map<String, Integer> before = usage(provider);
        String id = bootOn(host, "op-usage");
        try {
            Map<String, Integer> during = usage(provider);
            assertEquals(before.get("VCPU") + flavor.path("vcpus").asInt(), during.get("VCPU"), during.toString());
            assertEquals(before.get("MEMORY_MB") + flavor.path("ram").asInt(), during.get("MEMORY_MB"),
                    during.toString());
            assertEquals(before.get("DISK_GB") + flavor.path("disk").asInt(), during.get("DISK_GB"), during.toString());
        } finally {
            admin.run("server", "delete", "--wait", id).expectSuccess("server delete");
        }
        // The allocation is released by a message to the scheduler after the delete.
        CloudWaits.waitFor(Duration.ofSeconds(30), "the allocation given back on " + host,
                () -> before.equals(usage(provider)) ? true : null);
    }

    @Test
    @Order(5)
    void usageListShowsTheServersHours() throws Exception {
        String project = admin.json("project", "show", "admin").path("id").asText();
        String id = bootOn(hosts.fakeHosts().get(2), "op-hours");
        try {
            Thread.sleep(2000);
            JsonNode usage = admin.json("usage", "list");
            JsonNode row = null;
            for (JsonNode r : usage) {
                if (project.equals(r.path("Project").asText())) {
                    row = r;
                }
            }
            assertTrue(row != null, "no usage row for the admin project: " + usage);
            JsonNode server = null;
            for (JsonNode s : row.path("Servers")) {
                if (id.equals(s.path("instance_id").asText())) {
                    server = s;
                }
            }
            assertTrue(server != null, "the running server is not in the usage: " + row);
            assertEquals("active", server.path("state").asText(), server.toString());
            assertEquals("m1.tiny", server.path("flavor").asText(), server.toString());
            assertEquals(flavor.path("ram").asInt(), server.path("memory_mb").asInt(), server.toString());
            assertTrue(server.path("hours").asDouble() > 0, server.toString());
            assertTrue(row.path("CPU Hours").asDouble() >= server.path("hours").asDouble() * flavor.path("vcpus").asInt(),
                    row.toString());
            assertTrue(row.path("RAM MB-Hours").asDouble() > 0, row.toString());
        } finally {
            admin.run("server", "delete", "--wait", id).expectSuccess("server delete");
        }
    }

    @Test
    @Order(6)
    void coldMigratesAServerToTheHostItNames() throws Exception {
        String from = hosts.fakeHosts().get(0);
        String to = hosts.fakeHosts().get(1);
        String source = providerOf(from);
        String dest = providerOf(to);
        Map<String, Integer> sourceBefore = usage(source);
        Map<String, Integer> destBefore = usage(dest);
        String id = bootOn(from, "op-migrate");
        try {
            admin.run("--os-compute-api-version", "2.56", "server", "migrate", "--host", to, "--wait", id)
                    .expectSuccess("server migrate --host --wait");
            JsonNode moved = ComputeHosts.waitForStatus(admin, id, "VERIFY_RESIZE");
            assertEquals(to, moved.path("OS-EXT-SRV-ATTR:host").asText(), moved.toString());
            // Until the confirm, both hosts hold the server's resources: a revert must find its place.
            assertEquals(sourceBefore.get("VCPU") + flavor.path("vcpus").asInt(), usage(source).get("VCPU"));
            assertEquals(destBefore.get("VCPU") + flavor.path("vcpus").asInt(), usage(dest).get("VCPU"));
            JsonNode migrations = admin.json("--os-compute-api-version", "2.59", "server", "migration", "list",
                    "--server", id);
            assertEquals(1, migrations.size(), migrations.toString());
            JsonNode migration = migrations.get(0);
            assertEquals("finished", migration.path("Status").asText(), migration.toString());
            assertEquals("migration", migration.path("Type").asText(), migration.toString());
            assertEquals(from, migration.path("Source Compute").asText(), migration.toString());
            assertEquals(to, migration.path("Dest Compute").asText(), migration.toString());

            admin.run("server", "migration", "confirm", id).expectSuccess("server migration confirm");
            JsonNode confirmed = ComputeHosts.waitForStatus(admin, id, "ACTIVE");
            assertEquals(to, confirmed.path("OS-EXT-SRV-ATTR:host").asText(), confirmed.toString());
            CloudWaits.waitFor(Duration.ofSeconds(30), "the source's allocation given back",
                    () -> sourceBefore.equals(usage(source)) ? true : null);
            assertEquals(destBefore.get("MEMORY_MB") + flavor.path("ram").asInt(), usage(dest).get("MEMORY_MB"));
            assertTrue(admin.json("server", "event", "list", id).findValuesAsText("Action").contains("migrate"));
        } finally {
            admin.run("server", "delete", "--wait", id).expectSuccess("server delete");
        }
        CloudWaits.waitFor(Duration.ofSeconds(30), "the destination's allocation given back",
                () -> destBefore.equals(usage(dest)) ? true : null);
    }

    /** Boots an admin server on the host (Nova's zone:host syntax) and returns its id. */
    private static String bootOn(String host, String name) throws Exception {
        JsonNode s = admin.json("server", "create", "--flavor", "m1.tiny", "--image", IMAGE, "--nic", "none",
                "--availability-zone", "nova:" + host, "--wait", name);
        assertEquals("ACTIVE", s.path("status").asText(), s.toString());
        assertEquals(host, s.path("OS-EXT-SRV-ATTR:host").asText(), s.toString());
        return s.path("id").asText();
    }

    private static JsonNode hypervisorResources(String host) throws Exception {
        return admin.json("--os-compute-api-version", HYPERVISOR_RESOURCES_VERSION, "hypervisor", "show", host);
    }

    private static JsonNode service(String host) throws Exception {
        JsonNode services = admin.json("compute", "service", "list", "--long", "--host", host, "--service",
                "nova-compute");
        assertEquals(1, services.size(), services.toString());
        return services.get(0);
    }

    private static String providerOf(String node) throws Exception {
        JsonNode providers = admin.json("resource", "provider", "list", "--name", node);
        assertEquals(1, providers.size(), providers.toString());
        return providers.get(0).path("uuid").asText();
    }

    private static Map<String, Integer> usage(String provider) throws Exception {
        Map<String, Integer> usage = new HashMap<>();
        for (JsonNode u : admin.json("resource", "provider", "usage", "show", provider)) {
            usage.put(u.path("resource_class").asText(), u.path("usage").asInt());
        }
        return usage;
    }
}
