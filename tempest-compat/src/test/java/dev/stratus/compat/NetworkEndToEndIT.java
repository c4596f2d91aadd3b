package dev.stratus.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A tenant's network with real guests under QEMU (TCG) on this host: two servers on one network get their
 * ports' addresses by DHCP and reach each other; a floating IP reaches a server from the external network
 * only once a security group rule lets ICMP in. "From the external network" is a network namespace this test
 * makes and plugs into the cloud's external bridge: no packet leaves or enters the root namespace.
 */
@ExtendWith(CloudExtension.class)
class NetworkEndToEndIT {

    private static final String IMAGE = "stratus-guest";
    private static final String READY = "stratus-guest: ready";
    /** An address of the seeded external subnet (172.24.4.0/24) outside its allocation pool (.10 to .250). */
    private static final String PROBE_ADDRESS = "172.24.4.2/24";

    private static RunningCloud cloud;
    private static String probe;

    @BeforeAll
    static void useCloud(RunningCloud running) throws Exception {
        cloud = running;
        assumeTrue(cloud.driver().equals("libvirt"), "needs the libvirt driver (libvirtd on qemu:///system)");
        probe = "e2e-probe-" + ProcessHandle.current().pid();
        String veth = "vpr" + Long.toString(ProcessHandle.current().pid() % 1_000_000, 36);
        run("ip", "netns", "add", probe);
        run("ip", "link", "add", veth, "type", "veth", "peer", "name", veth + "p", "netns", probe);
        run("ip", "link", "set", veth, "master", cloud.externalBridge, "up");
        run("ip", "netns", "exec", probe, "ip", "link", "set", "lo", "up");
        run("ip", "netns", "exec", probe, "ip", "addr", "add", PROBE_ADDRESS, "dev", veth + "p");
        run("ip", "netns", "exec", probe, "ip", "link", "set", veth + "p", "up");
    }

    @AfterAll
    static void removeProbe() throws Exception {
        if (probe != null) {
            // Deleting the namespace deletes its veth end, and with it the peer on the bridge.
            Shell.run(cloud.state, Map.of(), 30, "ip", "netns", "del", probe);
        }
    }

    @Test
    void serversOnATenantNetworkTalkAndAFloatingIpReachesOneOnceItsSecurityGroupAllows() throws Exception {
        cloud.setFakeNodes(false);
        try {
            tenantNetworkScenario();
        } finally {
            cloud.setFakeNodes(true);
        }
    }

    private void tenantNetworkScenario() throws Exception {
        cloud.openstackJson("demo", "network", "create", "e2e-net");
        JsonNode subnet = cloud.openstackJson("demo", "subnet", "create", "--network", "e2e-net", "--subnet-range",
                "10.20.0.0/24", "e2e-subnet");
        assertEquals("10.20.0.1", subnet.path("gateway_ip").asText(), subnet.toString());
        cloud.openstackJson("demo", "router", "create", "e2e-router");
        cloud.openstack("demo", "router", "set", "--external-gateway", "public", "e2e-router")
                .expectSuccess("router set --external-gateway");
        cloud.openstack("demo", "router", "add", "subnet", "e2e-router", "e2e-subnet").expectSuccess("router add subnet");

        JsonNode a = cloud.openstackJson("demo", "server", "create", "--flavor", "m1.tiny", "--image", IMAGE,
                "--network", "e2e-net", "--wait", "net-a");
        assertEquals("ACTIVE", a.path("status").asText(), a.toString());
        String aAddress = fixedAddress(a.path("id").asText());
        assertTrue(aAddress.startsWith("10.20.0."), aAddress);
        String aConsole = waitForConsole("net-a", READY);
        assertTrue(aConsole.contains("addresses=eth0:" + aAddress + "/24"),
                "net-a did not get its port's address " + aAddress + " by DHCP:\n" + aConsole);

        // net-b pings net-a from its user data: the default group lets its own members in.
        Path script = cloud.state.resolve("e2e-ping.sh");
        Files.writeString(script, "#!/bin/sh\nif ping -c 3 -W 2 " + aAddress + " >/dev/null; then echo E2E-PING-OK;"
                + " else echo E2E-PING-FAILED; fi\n");
        JsonNode b = cloud.openstackJson("demo", "server", "create", "--flavor", "m1.tiny", "--image", IMAGE,
                "--network", "e2e-net", "--user-data", script.toString(), "--wait", "net-b");
        assertEquals("ACTIVE", b.path("status").asText(), b.toString());
        String bConsole = waitForConsole("net-b", READY);
        String bAddress = fixedAddress(b.path("id").asText());
        assertTrue(bConsole.contains("addresses=eth0:" + bAddress + "/24"), bConsole);
        assertTrue(bConsole.contains("E2E-PING-OK"), "net-b could not ping net-a:\n" + bConsole);

        JsonNode fip = cloud.openstackJson("demo", "floating", "ip", "create", "public");
        String floating = fip.path("floating_ip_address").asText();
        cloud.openstack("demo", "server", "add", "floating", "ip", "net-a", floating).expectSuccess("add floating ip");
        JsonNode shown = cloud.openstackJson("demo", "server", "show", "net-a");
        assertTrue(shown.path("addresses").toString().contains(floating) || waitForAddress("net-a", floating),
                "the floating IP is not among net-a's addresses: " + shown.path("addresses"));

        // The default group lets in only its members: the probe's pings are dropped...
        assertNotEquals(0, ping(floating, 3), "ping through the floating IP passed without an ICMP rule");
        // ...until ICMP is allowed from anywhere.
        cloud.openstackJson("demo", "security", "group", "rule", "create", "--protocol", "icmp", "--ingress",
                "--remote-ip", "0.0.0.0/0", "default");
        CloudWaits.waitFor(Duration.ofSeconds(60), "ping through floating IP " + floating,
                () -> ping(floating, 1) == 0 ? Boolean.TRUE : null);

        for (String server : new String[] {"net-a", "net-b"}) {
            cloud.openstack("demo", "server", "delete", "--wait", server).expectSuccess("delete " + server);
        }
        cloud.openstack("demo", "floating", "ip", "delete", floating).expectSuccess("floating ip delete");
        cloud.openstack("demo", "router", "remove", "subnet", "e2e-router", "e2e-subnet").expectSuccess("remove subnet");
        cloud.openstack("demo", "router", "delete", "e2e-router").expectSuccess("router delete");
        cloud.openstack("demo", "network", "delete", "e2e-net").expectSuccess("network delete");
    }

    /** The server's address on e2e-net, from {@code server show}. */
    private static String fixedAddress(String serverId) throws Exception {
        String addresses = cloud.openstackJson("demo", "server", "show", serverId).path("addresses").toString();
        Matcher m = Pattern.compile("10\\.20\\.0\\.\\d+").matcher(addresses);
        assertTrue(m.find(), "no address on e2e-net: " + addresses);
        return m.group();
    }

    private static boolean waitForAddress(String server, String address) throws Exception {
        return CloudWaits.waitFor(Duration.ofSeconds(30), address + " in the addresses of " + server, () -> cloud
                .openstackJson("demo", "server", "show", server).path("addresses").toString().contains(address)
                ? Boolean.TRUE : null);
    }

    private static String waitForConsole(String server, String marker) throws Exception {
        return CloudWaits.waitFor(Duration.ofSeconds(240), marker + " on the console of " + server, () -> {
            String log = cloud.openstack("demo", "console", "log", "show", server).expectSuccess("console log").stdout();
            return log.contains(marker) ? log : null;
        });
    }

    private static int ping(String address, int count) throws Exception {
        return Shell.run(cloud.state, Map.of(), 30, "ip", "netns", "exec", probe, "busybox", "ping", "-c",
                Integer.toString(count), "-W", "2", address).exitCode();
    }

    private static void run(String... command) throws Exception {
        Shell.run(cloud.state, Map.of(), 30, command).expectSuccess(String.join(" ", command));
    }
}
