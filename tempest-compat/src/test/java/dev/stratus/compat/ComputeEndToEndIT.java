package dev.stratus.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scheduling end to end, with the real OpenStack CLI: compute-api, the scheduler and the
 * {@value RunningCloud#FAKE_NODES} simulated hosts of the second node process (this host's node is taken out
 * of scheduling meanwhile): multi-create, anti-affinity, reschedules and faults. A tenant's and an
 * operator's ordinary day are {@link TenantDayIT} and {@link OperatorDayIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(CloudExtension.class)
class ComputeEndToEndIT {

    private static final String IMAGE = "stratus-guest";
    /** Metadata key the fake driver reads: the hosts (comma-separated) where this server fails to spawn. */
    private static final String FAIL_SPAWN_KEY = "fake_fail_spawn_host";

    private static RunningCloud cloud;
    private static ComputeHosts hosts;

    @BeforeAll
    static void useCloud(RunningCloud running) throws Exception {
        cloud = running;
        hosts = new ComputeHosts(running);
        hosts.awaitAllUp();
    }

    @Test
    @Order(1)
    void multiCreateAndAntiAffinitySpreadAcrossHosts() throws Exception {
        cloud.setRealNode(false);
        try {
            cloud.openstack("demo", "server", "create", "--flavor", "m1.tiny", "--image", IMAGE, "--nic", "none",
                    "--min", "5", "--max", "5", "--wait", "many").expectSuccess("server create --min 5 --max 5");
            JsonNode many = cloud.openstackJson("demo", "server", "list", "--name", "^many");
            assertEquals(5, many.size(), many.toString());
            for (JsonNode s : many) {
                assertEquals("ACTIVE", s.path("Status").asText(), many.toString());
            }

            JsonNode group = cloud.openstackJson("demo", "server", "group", "create", "--policy", "anti-affinity", "spread");
            String groupId = group.path("id").asText();
            Set<String> used = new HashSet<>();
            for (int i = 0; i < RunningCloud.FAKE_NODES; i++) {
                JsonNode s = cloud.openstackJson("demo", "server", "create", "--flavor", "m1.tiny", "--image", IMAGE,
                        "--nic", "none", "--hint", "group=" + groupId, "--wait", "spread-" + i);
                assertEquals("ACTIVE", s.path("status").asText(), s.toString());
                used.add(cloud.openstackJson("admin", "server", "show", s.path("id").asText())
                        .path("OS-EXT-SRV-ATTR:host").asText());
            }
            assertEquals(RunningCloud.FAKE_NODES, used.size(), "anti-affinity put two members on one host: " + used);

            // One member more than there are hosts: no valid host, and the fault says so.
            Shell.Result extra = cloud.openstack("demo", "server", "create", "--flavor", "m1.tiny", "--image", IMAGE,
                    "--nic", "none", "--hint", "group=" + groupId, "--wait", "spread-extra", "-f", "json");
            // openstackclient 6.0 ends `--wait` on an ERROR server with SystemExit: exit status 0, this line
            assertTrue(extra.stdout().contains("Error creating server"), extra.stdout());
            JsonNode failed = cloud.openstackJson("demo", "server", "show", "spread-extra");
            assertEquals("ERROR", failed.path("status").asText(), failed.toString());
            assertTrue(failed.path("fault").toString().contains("No valid host"), failed.toString());

            for (JsonNode s : cloud.openstackJson("demo", "server", "list")) {
                cloud.openstack("demo", "server", "delete", "--wait", s.path("ID").asText()).expectSuccess("delete");
            }
            assertEquals(0, cloud.openstackJson("demo", "server", "list").size());
            for (JsonNode p : cloud.openstackJson("admin", "resource", "provider", "list")) {
                JsonNode usage = cloud.openstackJson("admin", "resource", "provider", "usage", "show",
                        p.path("uuid").asText());
                for (JsonNode u : usage) {
                    assertEquals(0, u.path("usage").asInt(), "capacity not returned on " + p + ": " + usage);
                }
            }
        } finally {
            cloud.setRealNode(true);
        }
    }

    @Test
    @Order(2)
    void failedBuildsAreRescheduledThenEndInErrorWithTheirFault() throws Exception {
        cloud.setRealNode(false);
        try {
            List<String> fakeHosts = hosts.fakeHosts();
            String survivor = fakeHosts.get(fakeHosts.size() - 1);
            String failing = String.join(",", fakeHosts.subList(0, fakeHosts.size() - 1));

            // Spawning fails on every host but one: whichever host the scheduler tries first, the build is
            // rescheduled to an alternate until it lands on the survivor.
            JsonNode rescued = cloud.openstackJson("demo", "server", "create", "--flavor", "m1.tiny", "--image", IMAGE,
                    "--nic", "none", "--property", FAIL_SPAWN_KEY + "=" + failing, "--wait", "rescued");
            assertEquals("ACTIVE", rescued.path("status").asText(), rescued.toString());
            assertEquals(survivor, cloud.openstackJson("admin", "server", "show", rescued.path("id").asText())
                    .path("OS-EXT-SRV-ATTR:host").asText());

            // Spawning fails everywhere: three attempts (one per host), then ERROR with a fault that says why.
            Shell.Result doomed = cloud.openstack("demo", "server", "create", "--flavor", "m1.tiny", "--image", IMAGE,
                    "--nic", "none", "--property", FAIL_SPAWN_KEY + "=" + String.join(",", fakeHosts), "--wait",
                    "doomed", "-f", "json");
            assertTrue(doomed.stdout().contains("Error creating server"), doomed.stdout());
            JsonNode failed = cloud.openstackJson("demo", "server", "show", "doomed");
            assertEquals("ERROR", failed.path("status").asText(), failed.toString());
            String fault = failed.path("fault").toString();
            assertTrue(fault.contains("Exceeded maximum number of retries"), fault);
            JsonNode adminView = cloud.openstackJson("admin", "server", "show", failed.path("id").asText());
            String details = adminView.path("fault").toString();
            assertTrue(details.contains("Build failed after 3 attempts") && details.contains("Injected fault"), details);

            for (String name : List.of("rescued", "doomed")) {
                cloud.openstack("demo", "server", "delete", "--wait", name).expectSuccess("delete " + name);
            }
            for (JsonNode p : cloud.openstackJson("admin", "resource", "provider", "list")) {
                for (JsonNode u : cloud.openstackJson("admin", "resource", "provider", "usage", "show",
                        p.path("uuid").asText())) {
                    assertEquals(0, u.path("usage").asInt(), "capacity not returned on " + p);
                }
            }
        } finally {
            cloud.setRealNode(true);
        }
    }

    /**
     * compute-api reuses what image-service said of an image; a change made in image-service must reach the very
     * next create: a deactivated image is refused at once, and bootable again as soon as it is reactivated.
     */
    @Test
    @Order(3)
    void aDeactivatedImageIsRefusedAtOnceThoughItWasJustBooted() throws Exception {
        cloud.setRealNode(false);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("stratus-probe", ".raw");
        try {
            java.nio.file.Files.write(file, new byte[64 * 1024]);
            String image = cloud.openstackJson("demo", "image", "create", "--file", file.toString(), "--disk-format",
                    "raw", "--container-format", "bare", "--private", "cache-probe").path("id").asText();
            JsonNode first = cloud.openstackJson("demo", "server", "create", "--flavor", "m1.tiny", "--image", image,
                    "--nic", "none", "--wait", "probe-1");
            assertEquals("ACTIVE", first.path("status").asText(), first.toString());

            cloud.openstack("admin", "image", "set", "--deactivate", image).expectSuccess("image set --deactivate");
            Shell.Result refused = cloud.openstack("demo", "server", "create", "--flavor", "m1.tiny", "--image", image,
                    "--nic", "none", "probe-2");
            assertTrue(refused.exitCode() != 0 && (refused.stdout() + refused.stderr()).contains("is not active"),
                    refused.toString());

            cloud.openstack("admin", "image", "set", "--activate", image).expectSuccess("image set --activate");
            JsonNode third = cloud.openstackJson("demo", "server", "create", "--flavor", "m1.tiny", "--image", image,
                    "--nic", "none", "--wait", "probe-3");
            assertEquals("ACTIVE", third.path("status").asText(), third.toString());

            for (String name : List.of("probe-1", "probe-3")) {
                cloud.openstack("demo", "server", "delete", "--wait", name).expectSuccess("delete " + name);
            }
            cloud.openstack("demo", "image", "delete", image).expectSuccess("image delete");
        } finally {
            java.nio.file.Files.deleteIfExists(file);
            cloud.setRealNode(true);
        }
    }
}
