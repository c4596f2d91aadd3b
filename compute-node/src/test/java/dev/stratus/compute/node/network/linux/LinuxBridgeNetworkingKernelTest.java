package dev.stratus.compute.node.network.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.compute.node.network.CommandRunner;
import dev.stratus.compute.node.network.HostNetworkingException;
import dev.stratus.compute.node.network.LinuxBridgeNetworking;
import dev.stratus.compute.node.network.MeteredTraffic;
import dev.stratus.compute.node.network.PlumbingNames;
import dev.stratus.compute.node.network.linux.NamespaceLab.Guest;
import dev.stratus.compute.node.network.plan.AllowedAddressPair;
import dev.stratus.compute.node.network.plan.DhcpServer;
import dev.stratus.compute.node.network.plan.ExternalGateway;
import dev.stratus.compute.node.network.plan.FixedIp;
import dev.stratus.compute.node.network.plan.FloatingIpNat;
import dev.stratus.compute.node.network.plan.HostNetworkPlan;
import dev.stratus.compute.node.network.plan.HostRoute;
import dev.stratus.compute.node.network.plan.MeteringLabel;
import dev.stratus.compute.node.network.plan.MeteringRule;
import dev.stratus.compute.node.network.plan.NetworkPlumbing;
import dev.stratus.compute.node.network.plan.PortPlumbing;
import dev.stratus.compute.node.network.plan.RouterInterface;
import dev.stratus.compute.node.network.plan.RouterPlumbing;
import dev.stratus.compute.node.network.plan.SecurityRule;
import dev.stratus.compute.node.network.plan.SecurityRule.Direction;
import dev.stratus.compute.node.network.plan.SecurityRule.Ethertype;
import dev.stratus.compute.node.network.plan.SubnetPlumbing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real plumbing on the real kernel, judged by traffic between simulated guests: namespaces whose veth
 * is named as libvirt names a tap and plugged into the bridge after {@code apply}, as libvirt plugs a tap
 * when a guest starts. Each test has a {@link NamespaceLab} of its own as "host", so nothing lands in the
 * root namespace; run alone with {@code -Dgroups=host-network}.
 */
@Tag("host-network")
class LinuxBridgeNetworkingKernelTest {

    private static final String SUBNET = "10.91.0.0/24";
    private static final SecurityRule EGRESS_ANY = new SecurityRule(Direction.EGRESS, Ethertype.IPV4, null, null,
            null, null);
    private static final SecurityRule PING_IN = new SecurityRule(Direction.INGRESS, Ethertype.IPV4, "icmp", null,
            null, null);

    private NamespaceLab lab;
    private final List<List<String>> commands = new CopyOnWriteArrayList<>();
    private LinuxBridgeNetworking networking;
    private final String netId = UUID.randomUUID().toString();
    private final String subnetId = UUID.randomUUID().toString();

    @BeforeEach
    void createLab() throws Exception {
        NamespaceLab.assumeKernelLab();
        lab = NamespaceLab.create();
        networking = node();
    }

    @AfterEach
    void removeLab() throws Exception {
        if (lab == null) {
            return;
        }
        try {
            networking.apply(HostNetworkPlan.EMPTY);
        } finally {
            lab.close();
        }
    }

    /** A node process on the lab's host (a new one is a restarted node: same host, same state directory). */
    private LinuxBridgeNetworking node() {
        CommandRunner system = CommandRunner.system();
        CommandRunner recording = (command, input) -> {
            commands.add(command);
            return system.run(command, input);
        };
        return new LinuxBridgeNetworking(recording, new LinuxBridgeNetworking.Settings(lab.directory.resolve("state"),
                lab.host));
    }

    // ---- plans ----

    private NetworkPlumbing tenantNetwork(int mtu, boolean dhcp) {
        return new NetworkPlumbing(netId, mtu, null,
                dhcp ? new DhcpServer(id("dhcp"), "fa:16:3e:00:00:02", List.of(new FixedIp(subnetId, "10.91.0.2")))
                        : null,
                List.of(new SubnetPlumbing(subnetId, SUBNET, 4, "10.91.0.1", List.of("192.0.2.53"),
                        List.of(new HostRoute("172.16.0.0/16", "10.91.0.254")), true)));
    }

    private final Map<String, String> ids = new java.util.HashMap<>();

    /** A random id per name within a test (so each port's tap is new to the kernel). */
    private String id(String name) {
        return ids.computeIfAbsent(name, n -> UUID.randomUUID().toString());
    }

    private PortPlumbing port(String name, int host, List<SecurityRule> rules) {
        return port(name, host, true, List.of(), rules);
    }

    private PortPlumbing port(String name, int host, boolean security, List<AllowedAddressPair> pairs,
            List<SecurityRule> rules) {
        return new PortPlumbing(id(name), netId, String.format("fa:16:3e:00:01:%02x", host),
                List.of(new FixedIp(subnetId, "10.91.0." + host)), "vm-" + name, security, pairs, rules);
    }

    private static HostNetworkPlan plan(NetworkPlumbing network, PortPlumbing... ports) {
        return new HostNetworkPlan(List.of(network), List.of(ports), List.of());
    }

    private Guest guest(String name, PortPlumbing port, boolean staticAddress) throws Exception {
        Guest guest = lab.guest(name, port, PlumbingNames.bridgeName(port.networkId()));
        if (staticAddress) {
            guest.address(port.fixedIps().get(0).ipAddress() + "/24");
        }
        return guest;
    }

    // ---- tests ----

    @Test
    void guestsGetTheirPortsAddressesByDhcpAndReachEachOther() throws Exception {
        PortPlumbing one = port("one", 11, List.of(EGRESS_ANY, PING_IN));
        PortPlumbing two = port("two", 12, List.of(EGRESS_ANY, PING_IN));
        NetworkPlumbing network = tenantNetwork(1400, true);
        networking.apply(plan(network, one, two));

        String bridge = PlumbingNames.bridgeName(netId);
        JsonNode link = json(lab.onHost("ip", "-json", "-d", "addr", "show", "dev", bridge)).get(0);
        assertEquals(1400, link.path("mtu").asInt());
        assertEquals("bridge", link.path("linkinfo").path("info_kind").asText());
        assertEquals(0, link.path("addr_info").size(), "the bridge has no address, not even IPv6 link-local");
        assertEquals("stratus:network:" + netId, link.path("ifalias").asText());

        Guest g1 = guest("g1", one, false);
        Guest g2 = guest("g2", two, false);
        Map<String, String> lease = g1.dhcp();
        assertEquals("10.91.0.11", lease.get("ip"), "lease " + lease);
        assertEquals("24", lease.get("mask"));
        assertEquals("10.91.0.1", lease.get("router"));
        assertEquals("1400", lease.get("mtu"));
        assertEquals("192.0.2.53", lease.get("dns"));
        assertEquals("vm-one", lease.get("hostname"));
        assertEquals("172.16.0.0/16 10.91.0.254 0.0.0.0/0 10.91.0.1", lease.get("staticroutes"));
        assertEquals("10.91.0.12", g2.dhcp().get("ip"));

        assertTrue(g1.ping("10.91.0.12"), "g1 reaches g2");
        assertTrue(g2.ping("10.91.0.11"), "g2 reaches g1");

        // The taps exist now (libvirt made them with IPv6 on); the next reconciliation takes the host off them.
        networking.apply(plan(network, one, two));
        for (PortPlumbing port : List.of(one, two)) {
            JsonNode tap = json(lab.onHost("ip", "-json", "addr", "show", "dev", PlumbingNames.tapName(port.portId())))
                    .get(0);
            assertEquals(0, tap.path("addr_info").size(), "no host address on the tap of " + port.portId());
            assertEquals(1400, tap.path("mtu").asInt(), "the tap has the network's MTU");
        }
        assertTrue(g1.ping("10.91.0.12"));

        // A MAC no port of the plan has gets nothing.
        Guest stranger = lab.guest("g3", "tapstranger01", "fa:16:3e:00:09:09", bridge);
        assertEquals(Map.of(), stranger.dhcp());
    }

    /** A network scheduled to this host's DHCP agent: no guest here, DHCP for the network's guests elsewhere. */
    @Test
    void aDhcpAgentsNetworkIsServedWithoutLocalGuests() throws Exception {
        PortPlumbing elsewhere = port("elsewhere", 21, List.of());
        NetworkPlumbing plain = tenantNetwork(1400, true);
        NetworkPlumbing scheduled = new NetworkPlumbing(netId, 1400, null, plain.dhcp(), plain.subnets(),
                List.of(elsewhere));
        networking.apply(new HostNetworkPlan(List.of(scheduled), List.of(), List.of()));
        String bridge = PlumbingNames.bridgeName(netId);
        // a guest of another host reaching this bridge (as over a shared segment) with its port's MAC
        Guest remote = lab.guest("g1", "tapelsewhere1", "fa:16:3e:00:01:15", bridge);
        Map<String, String> lease = remote.dhcp();
        assertEquals("10.91.0.21", lease.get("ip"), "lease " + lease);
        assertEquals("vm-elsewhere", lease.get("hostname"));
        assertEquals("10.91.0.1", lease.get("router"));
        Guest stranger = lab.guest("g2", "tapstranger01", "fa:16:3e:00:09:09", bridge);
        assertEquals(Map.of(), stranger.dhcp());
        // unscheduled and no guest here: the plan drops the network, its DHCP server goes
        networking.apply(HostNetworkPlan.EMPTY);
        String namespaces = lab.onHost("ip", "netns", "list");
        assertTrue(!namespaces.contains("sdhcp-" + netId), "DHCP namespace removed: " + namespaces);
    }

    @Test
    void securityGroupsAdmitOnlyWhatTheirRulesAllowAndAnswersToWhatWasSent() throws Exception {
        NetworkPlumbing network = tenantNetwork(1500, false);
        PortPlumbing one = port("one", 11, List.of(EGRESS_ANY));
        PortPlumbing two = port("two", 12, List.of(EGRESS_ANY,
                new SecurityRule(Direction.INGRESS, Ethertype.IPV4, "tcp", 8080, null, null),
                new SecurityRule(Direction.INGRESS, Ethertype.IPV4, "tcp", 9090, null, List.of("10.91.0.99"))));
        networking.apply(plan(network, one, two));
        Guest g1 = guest("g1", one, true);
        Guest g2 = guest("g2", two, true);
        g2.serve(8080, "eighty");
        g2.serve(9090, "ninety");
        g2.serve(7070, "seventy");

        assertFalse(g1.ping("10.91.0.12"), "no ICMP ingress rule on two");
        assertFalse(g2.ping("10.91.0.11"), "no ICMP ingress rule on one");
        assertEquals("eighty", g1.fetch("10.91.0.12", 8080, "eighty"), "tcp 8080 is open to anyone");
        assertNull(g1.fetch("10.91.0.12", 7070, "seventy"), "tcp 7070 has no rule");
        assertNull(g1.fetch("10.91.0.12", 9090, "ninety"), "tcp 9090 is open to 10.91.0.99 only");

        PortPlumbing twoWithPing = port("two", 12, List.of(EGRESS_ANY, PING_IN,
                new SecurityRule(Direction.INGRESS, Ethertype.IPV4, "tcp", 8080, null, null),
                new SecurityRule(Direction.INGRESS, Ethertype.IPV4, "tcp", 9090, null, List.of("10.91.0.11"))));
        networking.apply(plan(network, one, twoWithPing));
        assertTrue(g1.ping("10.91.0.12"), "the ICMP rule admits the echo request, the answer is established");
        assertFalse(g2.ping("10.91.0.11"), "one still admits no ICMP");
        assertEquals("ninety", g1.fetch("10.91.0.12", 9090, "ninety"), "the remote prefix now names g1");

        PortPlumbing oneWithoutEgress = port("one", 11, List.of(PING_IN));
        networking.apply(plan(network, oneWithoutEgress, twoWithPing));
        assertFalse(g1.ping("10.91.0.12"), "no egress rule on one: nothing leaves it");
        assertTrue(g2.ping("10.91.0.11"), "ingress allowed on one, and the answer is established");
    }

    @Test
    void aGuestCanSendOnlyFromItsPortsAddressesAndMac() throws Exception {
        NetworkPlumbing network = tenantNetwork(1500, false);
        PortPlumbing one = port("one", 11, List.of(EGRESS_ANY, PING_IN));
        PortPlumbing two = port("two", 12, List.of(EGRESS_ANY, PING_IN));
        networking.apply(plan(network, one, two));
        Guest g1 = guest("g1", one, true);
        Guest g2 = guest("g2", two, true);
        assertTrue(g1.ping("10.91.0.12"));

        g1.address("10.91.0.99/24");
        assertFalse(g1.ping("10.91.0.12"), "another IP address is spoofing");
        g1.address("10.91.0.11/24");
        assertTrue(g1.ping("10.91.0.12"));

        g1.mac("fa:16:3e:00:01:63");
        g2.in("ip", "neigh", "flush", "dev", "eth0");
        assertFalse(g1.ping("10.91.0.12"), "another MAC is spoofing");
        g1.mac(one.mac());
        assertTrue(g1.ping("10.91.0.12"));

        // An allowed address pair makes another address (with its MAC) legitimate.
        PortPlumbing onePaired = port("one", 11, true, List.of(new AllowedAddressPair("10.91.0.99", null)),
                one.rules());
        networking.apply(plan(network, onePaired, two));
        g1.address("10.91.0.99/24");
        assertTrue(g1.ping("10.91.0.12"), "10.91.0.99 is an allowed address pair of one");

        // Without port security nothing is checked.
        PortPlumbing oneOpen = port("one", 11, false, List.of(), List.of());
        networking.apply(plan(network, oneOpen, two));
        g1.address("10.91.0.98/24");
        g1.mac("fa:16:3e:00:01:62");
        assertTrue(g1.ping("10.91.0.12"), "port security off: any address and MAC");
    }

    @Test
    void ipv6PassesNeighbourDiscoveryTheRulesAndTheAntiSpoofing() throws Exception {
        String v6Subnet = UUID.randomUUID().toString();
        NetworkPlumbing network = new NetworkPlumbing(netId, 1500, null, null, List.of(
                new SubnetPlumbing(v6Subnet, "2001:db8:91::/64", 6, null, List.of(), List.of(), false)));
        SecurityRule egress6 = new SecurityRule(Direction.EGRESS, Ethertype.IPV6, null, null, null, null);
        SecurityRule echo6 = new SecurityRule(Direction.INGRESS, Ethertype.IPV6, "icmp", 128, null, null);
        PortPlumbing one = new PortPlumbing(id("one"), netId, "fa:16:3e:00:06:0b",
                List.of(new FixedIp(v6Subnet, "2001:db8:91::11")), null, true, List.of(), List.of(egress6));
        PortPlumbing two = new PortPlumbing(id("two"), netId, "fa:16:3e:00:06:0c",
                List.of(new FixedIp(v6Subnet, "2001:db8:91::12")), null, true, List.of(), List.of(egress6, echo6));
        networking.apply(plan(network, one, two));
        Guest g1 = lab.guest("g1", one, PlumbingNames.bridgeName(netId));
        Guest g2 = lab.guest("g2", two, PlumbingNames.bridgeName(netId));
        g1.in("ip", "-6", "addr", "add", "2001:db8:91::11/64", "dev", "eth0", "nodad");
        g2.in("ip", "-6", "addr", "add", "2001:db8:91::12/64", "dev", "eth0", "nodad");

        assertTrue(eventually(() -> g1.ping("2001:db8:91::12")), "echo requests admitted by the ICMPv6 rule");
        assertFalse(g2.ping("2001:db8:91::11"), "one has no ingress rule");
        g1.in("ip", "-6", "addr", "add", "2001:db8:91::99/64", "dev", "eth0", "nodad");
        String fromOtherSource = "busybox ping -c 1 -W 1 -I 2001:db8:91::99 2001:db8:91::12 >/dev/null 2>&1"
                + " && echo reached || echo blocked";
        assertEquals("blocked", g1.in("sh", "-c", fromOtherSource), "another IPv6 source is spoofing");
        PortPlumbing oneOpen = new PortPlumbing(one.portId(), netId, one.mac(), one.fixedIps(), null, false,
                List.of(), List.of());
        networking.apply(plan(network, oneOpen, two));
        assertEquals("reached", g1.in("sh", "-c", fromOtherSource), "without port security it is not");
    }

    @Test
    void routersNatTenantTrafficAndFloatingIps() throws Exception {
        String external = lab.prefix + "-ext";
        lab.hostBridge(external);
        Guest probe = lab.guest("probe", lab.prefix + "-prb", "fa:16:3e:00:0e:01", external);
        // the outside world: it knows its own subnet only, so an answer reaches a guest only through NAT
        probe.address("198.51.100.1/24");

        String extNet = UUID.randomUUID().toString();
        String extSubnet = UUID.randomUUID().toString();
        NetworkPlumbing externalNetwork = new NetworkPlumbing(extNet, 1500, external, null, List.of(
                new SubnetPlumbing(extSubnet, "198.51.100.0/24", 4, "198.51.100.1", List.of(), List.of(), false)));
        NetworkPlumbing tenant = tenantNetwork(1500, false);
        // a second tenant subnet behind the same router
        String otherNet = UUID.randomUUID().toString();
        String otherSubnet = UUID.randomUUID().toString();
        NetworkPlumbing other = new NetworkPlumbing(otherNet, 1500, null, null, List.of(new SubnetPlumbing(
                otherSubnet, "10.92.0.0/24", 4, "10.92.0.1", List.of(), List.of(), false)));
        PortPlumbing three = new PortPlumbing(id("three"), otherNet, "fa:16:3e:00:02:0d",
                List.of(new FixedIp(otherSubnet, "10.92.0.13")), null, true, List.of(), List.of(EGRESS_ANY,
                        new SecurityRule(Direction.INGRESS, Ethertype.IPV4, "icmp", null, null,
                                List.of("10.91.0.0/24"))));
        // one admits ICMP from the other subnet and from the probe, and tcp 8080 from the router's gateway
        // address only (what a hairpin connection comes from): a wrong NAT shows as a refusal
        PortPlumbing one = port("one", 11, List.of(EGRESS_ANY,
                new SecurityRule(Direction.INGRESS, Ethertype.IPV4, "icmp", null, null, List.of("10.92.0.0/24")),
                new SecurityRule(Direction.INGRESS, Ethertype.IPV4, "icmp", null, null, List.of("198.51.100.1")),
                new SecurityRule(Direction.INGRESS, Ethertype.IPV4, "tcp", 8080, null, List.of("198.51.100.10"))));
        PortPlumbing two = port("two", 12, List.of(EGRESS_ANY));
        RouterPlumbing router = new RouterPlumbing(id("router"),
                new ExternalGateway(extNet, id("gateway-port"), "fa:16:3e:00:0e:0a", "198.51.100.10/24",
                        "198.51.100.1", true),
                List.of(new RouterInterface(netId, id("router-port"), "fa:16:3e:00:00:01", "10.91.0.1/24"),
                        new RouterInterface(otherNet, id("router-port-2"), "fa:16:3e:00:02:01", "10.92.0.1/24")),
                List.of(new FloatingIpNat("198.51.100.20", "10.91.0.11")));
        networking.apply(new HostNetworkPlan(List.of(tenant, other, externalNetwork), List.of(one, two, three),
                List.of(router)));

        Guest g1 = guest("g1", one, true);
        Guest g2 = guest("g2", two, true);
        Guest g3 = lab.guest("g3", three, PlumbingNames.bridgeName(otherNet));
        g3.address("10.92.0.13/24");
        g1.defaultRoute("10.91.0.1");
        g2.defaultRoute("10.91.0.1");
        g3.defaultRoute("10.92.0.1");
        g1.serve(8080, "floating");
        g1.serve(8443, "allowed");

        assertTrue(g2.ping("198.51.100.1"), "two reaches the outside through SNAT to the gateway address");
        assertTrue(g1.ping("198.51.100.1"), "one reaches the outside from its floating IP");
        assertTrue(probe.ping("198.51.100.20"), "the outside reaches one through its floating IP");
        assertFalse(probe.ping("198.51.100.21"), "no other floating IP");
        assertNull(probe.fetch("198.51.100.20", 8080, "floating"), "one's security group still applies");
        assertTrue(g3.ping("10.91.0.11"), "routed between the router's subnets, not NATed");
        assertTrue(g1.ping("10.92.0.13"), "not even from a guest with a floating IP");
        assertEquals("floating", g2.fetch("198.51.100.20", 8080, "floating"),
                "two reaches one's floating IP from inside (hairpin), seen from the gateway address");
        assertFalse(probe.ping("10.91.0.11"), "the outside has no route to the tenant subnet");
        JsonNode qg = json(lab.sh("ip", "-n", lab.host + "-srouter-" + router.routerId(), "-json", "addr", "show",
                "dev", PlumbingNames.gatewayInterfaceName(id("gateway-port")))).get(0);
        assertEquals("fa:16:3e:00:0e:0a", qg.path("address").asText());

        PortPlumbing oneWithWeb = port("one", 11, List.of(EGRESS_ANY, PING_IN,
                new SecurityRule(Direction.INGRESS, Ethertype.IPV4, "tcp", 8443, null, List.of("198.51.100.0/24"))));
        RouterPlumbing noSnat = router(extNet, false, List.of(new FloatingIpNat("198.51.100.20", "10.91.0.11")));
        networking.apply(new HostNetworkPlan(List.of(tenant, other, externalNetwork), List.of(oneWithWeb, two),
                List.of(noSnat)));
        assertFalse(g2.ping("198.51.100.1"), "SNAT off: two's traffic leaves with its own address, no answer");
        assertTrue(g1.ping("198.51.100.1"), "the floating IP still translates one");
        assertEquals("allowed", probe.fetch("198.51.100.20", 8443, "allowed"), "a rule for the outside");

        networking.apply(new HostNetworkPlan(List.of(tenant, externalNetwork), List.of(oneWithWeb, two), List.of()));
        assertFalse(lab.attempt("ip", "-n", lab.host, "link", "show", "dev", PlumbingNames.bridgeName(otherNet)).ok(),
                "the other subnet's network left the host");
        assertFalse(lab.namespaces().contains(lab.host + "-srouter-" + router.routerId()), "the router is gone");
        assertFalse(probe.ping("198.51.100.20"), "and with it the floating IP");
        assertFalse(g1.ping("198.51.100.1"));
        // a namespace's veths go a moment after the namespace
        assertTrue(eventually(() -> lab.onHost("ip", "-br", "link", "show", "master", external).lines()
                .allMatch(line -> line.startsWith(lab.prefix))), "only the probe is left on the external bridge");
    }

    @Test
    void routersCountTheTrafficOfTheirMeteringLabels() throws Exception {
        String external = lab.prefix + "-ext";
        lab.hostBridge(external);
        Guest probe = lab.guest("probe", lab.prefix + "-prb", "fa:16:3e:00:0e:01", external);
        probe.address("198.51.100.1/24");
        String extNet = UUID.randomUUID().toString();
        NetworkPlumbing externalNetwork = new NetworkPlumbing(extNet, 1500, external, null, List.of(
                new SubnetPlumbing(UUID.randomUUID().toString(), "198.51.100.0/24", 4, "198.51.100.1", List.of(),
                        List.of(), false)));
        NetworkPlumbing tenant = tenantNetwork(1500, false);
        PortPlumbing one = port("one", 11, List.of(EGRESS_ANY, PING_IN));
        String counting = id("label-counting");
        String excluding = id("label-excluding");
        MeteringLabel outside = new MeteringLabel(counting, "project", false, List.of(
                MeteringRule.of("egress", false, "198.51.100.0/24", null, null),
                MeteringRule.of("ingress", false, "198.51.100.0/24", null, null)));
        MeteringLabel notTheProbe = new MeteringLabel(excluding, "project", true, List.of(
                MeteringRule.of("ingress", true, "198.51.100.1", null, null),
                MeteringRule.of("ingress", false, "198.51.100.0/24", null, null)));
        RouterPlumbing plain = router(extNet, true, List.of());
        RouterPlumbing metered = new RouterPlumbing(plain.routerId(), plain.gateway(), plain.interfaces(), List.of(),
                List.of(outside, notTheProbe));
        networking.apply(new HostNetworkPlan(List.of(tenant, externalNetwork), List.of(one), List.of(metered)));
        Guest g1 = guest("g1", one, true);
        g1.defaultRoute("10.91.0.1");
        String routerNs = lab.host + "-srouter-" + plain.routerId();

        assertTrue(g1.ping("198.51.100.1"));
        assertTrue(g1.ping("198.51.100.1"));
        Map<String, MeteredTraffic> first = networking.collectMeteredTraffic();
        assertEquals(new MeteredTraffic(4, 4 * 84), first.get(counting),
                "two echo requests out and two replies in, 84 bytes each");
        assertEquals(MeteredTraffic.NONE, first.get(excluding), "the probe's replies are excluded");
        assertEquals(MeteredTraffic.NONE, networking.collectMeteredTraffic().get(counting), "reading zeroes");

        assertTrue(g1.ping("198.51.100.1"));
        networking.apply(new HostNetworkPlan(List.of(tenant, externalNetwork), List.of(one), List.of(
                new RouterPlumbing(plain.routerId(), plain.gateway(), plain.interfaces(), List.of(),
                        List.of(outside)))));
        assertFalse(lab.sh("ip", "netns", "exec", routerNs, "nft", "list", "table", "inet", "stratus_metering")
                .contains(excluding.replace("-", "")), "the dropped label's counter is gone");
        assertEquals(new MeteredTraffic(2, 2 * 84), networking.collectMeteredTraffic().get(counting),
                "what was counted before the table changed is kept");

        networking.apply(new HostNetworkPlan(List.of(tenant, externalNetwork), List.of(one), List.of(plain)));
        assertFalse(lab.attempt("ip", "netns", "exec", routerNs, "nft", "list", "table", "inet", "stratus_metering")
                .ok(), "no label, no table");
        assertTrue(g1.ping("198.51.100.1"), "the router still routes");
        assertEquals(Map.of(counting, MeteredTraffic.NONE), networking.collectMeteredTraffic(),
                "the counter was read one last time before its table went");
        assertEquals(Map.of(), networking.collectMeteredTraffic(), "and nothing counts any more");
    }

    @Test
    void applyingTheSamePlanAgainChangesNothingEvenAfterARestart() throws Exception {
        String external = lab.prefix + "-ext";
        lab.hostBridge(external);
        String extNet = UUID.randomUUID().toString();
        NetworkPlumbing externalNetwork = new NetworkPlumbing(extNet, 1500, external, null, List.of());
        PortPlumbing one = port("one", 11, List.of(EGRESS_ANY, PING_IN));
        PortPlumbing two = port("two", 12, List.of(EGRESS_ANY, PING_IN));
        HostNetworkPlan plan = new HostNetworkPlan(List.of(tenantNetwork(1450, true), externalNetwork),
                List.of(one, two), List.of(router(extNet, true, List.of(new FloatingIpNat("198.51.100.20",
                        "10.91.0.11")))));
        networking.apply(plan);
        Guest g1 = guest("g1", one, false);
        Guest g2 = guest("g2", two, false);
        assertEquals("10.91.0.11", g1.dhcp().get("ip"));
        assertEquals("10.91.0.12", g2.dhcp().get("ip"));
        Path pidFile = lab.directory.resolve("state/dhcp/" + netId + "/pid");
        String pid = Files.readString(pidFile).strip();
        networking.apply(plan); // the guests' taps appeared since: they lose their host addresses

        commands.clear();
        long start = System.nanoTime();
        networking.apply(plan);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertOnlyReads("a second apply");
        System.out.printf("an apply that changes nothing (2 networks, 2 ports, a router): %d ms, %d commands%n",
                millis, commands.size());

        commands.clear();
        networking = node(); // the node restarted: nothing in memory, the host as it was
        networking.apply(plan);
        assertOnlyReads("an apply after a restart");
        assertEquals(pid, Files.readString(pidFile).strip(), "dnsmasq kept running");
        assertTrue(g1.ping("10.91.0.12"));
        assertEquals("10.91.0.12", g2.dhcp().get("ip"), "and still serves its leases");

        // A change of the hosts file is a reload, not a restart.
        PortPlumbing three = port("three", 13, List.of(EGRESS_ANY));
        networking.apply(new HostNetworkPlan(plan.networks(), List.of(one, two, three), plan.routers()));
        assertEquals(pid, Files.readString(pidFile).strip(), "dnsmasq was reloaded, not restarted");
        assertEquals("10.91.0.13", guest("g3", three, false).dhcp().get("ip"), "the new entry is served");
    }

    @Test
    void aFailingPartDoesNotStopTheOthers() throws Exception {
        NetworkPlumbing missing = new NetworkPlumbing(UUID.randomUUID().toString(), 1500, lab.prefix + "-none", null,
                List.of());
        PortPlumbing one = port("one", 11, List.of(EGRESS_ANY));
        HostNetworkPlan plan = new HostNetworkPlan(List.of(missing, tenantNetwork(1500, true)), List.of(one),
                List.of());
        HostNetworkingException failure = assertThrows(HostNetworkingException.class, () -> networking.apply(plan));
        assertTrue(failure.getMessage().contains(lab.prefix + "-none"), failure.getMessage());
        Guest g1 = guest("g1", one, false);
        assertEquals("10.91.0.11", g1.dhcp().get("ip"), "the tenant network was plumbed all the same");
    }

    @Test
    void aBridgeOutsideAnyPlanStaysWhatItWas() throws Exception {
        String name = lab.prefix + "-old";
        assertFalse(networking.hasBridge(name));
        networking.ensureBridge(name);
        networking.ensureBridge(name);
        assertTrue(networking.hasBridge(name));
        assertTrue(lab.onHost("ip", "-br", "link", "show", "dev", name).contains("UP"));
        networking.apply(HostNetworkPlan.EMPTY);
        assertTrue(networking.hasBridge(name), "apply removes only bridges it made for a network");
    }

    @Test
    void whatDriftedIsPutBack() throws Exception {
        String external = lab.prefix + "-ext";
        lab.hostBridge(external);
        Guest probe = lab.guest("probe", lab.prefix + "-prb", "fa:16:3e:00:0e:01", external);
        probe.address("198.51.100.1/24");
        String extNet = UUID.randomUUID().toString();
        NetworkPlumbing externalNetwork = new NetworkPlumbing(extNet, 1500, external, null, List.of());
        PortPlumbing one = port("one", 11, List.of(EGRESS_ANY));
        PortPlumbing two = port("two", 12, List.of(EGRESS_ANY));
        HostNetworkPlan plan = new HostNetworkPlan(List.of(tenantNetwork(1500, true), externalNetwork),
                List.of(one, two), List.of(router(extNet, true, List.of())));
        networking.apply(plan);
        Guest g1 = guest("g1", one, false);
        Guest g2 = guest("g2", two, false);
        assertEquals("10.91.0.11", g1.dhcp().get("ip"));
        g2.address("10.91.0.12/24");
        g2.defaultRoute("10.91.0.1");
        assertTrue(g2.ping("198.51.100.1"));
        assertFalse(g2.ping("10.91.0.11"), "one admits nothing");

        // someone (or a crash, or a reboot of part of it) undid parts of the plumbing
        String routerNs = lab.host + "-srouter-" + id("router");
        long dnsmasq = Long.parseLong(Files.readString(lab.directory.resolve("state/dhcp/" + netId + "/pid")).strip());
        lab.sh("kill", "-KILL", Long.toString(dnsmasq));
        lab.onHost("nft", "delete", "table", "inet", "stratus");
        lab.sh("ip", "-n", routerNs, "link", "delete", PlumbingNames.routerInterfaceName(id("router-port")));
        lab.sh("ip", "-n", lab.host, "addr", "add", "10.91.0.250/24", "dev", PlumbingNames.bridgeName(netId));
        lab.sh("ip", "-n", lab.host, "link", "set", "dev", PlumbingNames.bridgeName(netId), "mtu", "1280");
        assertFalse(g2.ping("198.51.100.1"), "the router lost its interface");

        networking.apply(plan);
        assertTrue(g2.ping("198.51.100.1"), "the router interface is back");
        assertFalse(g2.ping("10.91.0.11"), "so are the rules");
        assertEquals("10.91.0.11", g1.dhcp().get("ip"), "and the DHCP server");
        JsonNode bridge = json(lab.onHost("ip", "-json", "addr", "show", "dev", PlumbingNames.bridgeName(netId)))
                .get(0);
        assertEquals(0, bridge.path("addr_info").size(), "the bridge has no address again");
        assertEquals(1500, bridge.path("mtu").asInt());
    }

    private void assertOnlyReads(String when) {
        List<String> writes = new ArrayList<>();
        for (List<String> command : commands) {
            String text = String.join(" ", command);
            boolean read = text.contains(" -json ") || text.startsWith("ip -json")
                    || text.contains("nft -t list table") || text.contains("sysctl -n ");
            if (!read) {
                writes.add(text);
            }
        }
        assertEquals(List.of(), writes, when + " must only read the host");
    }

    @Test
    void whatThePlanDropsIsRemovedAndNothingElse() throws Exception {
        String foreign = "brqforeign";
        lab.hostBridge(foreign); // a bridge named like ours that the plumbing did not make
        String otherNet = UUID.randomUUID().toString();
        String otherSubnet = UUID.randomUUID().toString();
        NetworkPlumbing other = new NetworkPlumbing(otherNet, 1500, null,
                new DhcpServer(id("other-dhcp"), "fa:16:3e:00:02:02", List.of(new FixedIp(otherSubnet, "10.92.0.2"))),
                List.of(new SubnetPlumbing(otherSubnet, "10.92.0.0/24", 4, null, List.of(), List.of(), true)));
        PortPlumbing one = port("one", 11, List.of(EGRESS_ANY, PING_IN));
        PortPlumbing two = port("two", 12, List.of(EGRESS_ANY, PING_IN));
        PortPlumbing elsewhere = new PortPlumbing(id("elsewhere"), otherNet, "fa:16:3e:00:02:0b",
                List.of(new FixedIp(otherSubnet, "10.92.0.11")), null, true, List.of(), List.of(EGRESS_ANY));
        NetworkPlumbing tenant = tenantNetwork(1500, true);
        networking.apply(new HostNetworkPlan(List.of(tenant, other), List.of(one, two, elsewhere), List.of()));
        Guest g1 = guest("g1", one, false);
        Guest g2 = guest("g2", two, false);
        Guest g4 = lab.guest("g4", elsewhere, PlumbingNames.bridgeName(otherNet));
        assertEquals("10.91.0.11", g1.dhcp().get("ip"));
        assertEquals("10.91.0.12", g2.dhcp().get("ip"));
        Map<String, String> otherLease = g4.dhcp();
        assertEquals("10.92.0.11", otherLease.get("ip"));
        assertNull(otherLease.get("router"), "a subnet without gateway gives no router");
        Path otherPid = lab.directory.resolve("state/dhcp/" + otherNet + "/pid");
        long otherDnsmasq = Long.parseLong(Files.readString(otherPid).strip());

        // port two unbound: its rules and its DHCP entry go
        networking.apply(new HostNetworkPlan(List.of(tenant, other), List.of(one, elsewhere), List.of()));
        String rules = lab.onHost("nft", "list", "ruleset");
        assertFalse(rules.contains(two.portId().replace('-', '_')), "no chain of port two");
        assertFalse(rules.contains(PlumbingNames.tapName(two.portId())), "no rule naming two's tap");
        assertTrue(rules.contains(PlumbingNames.tapName(one.portId())));
        assertEquals(Map.of(), g2.dhcp(), "no lease for two any more");
        assertEquals("10.91.0.11", g1.dhcp().get("ip"));

        // the other network leaves the host: its bridge, DHCP namespace, dnsmasq and files go
        networking.apply(plan(tenant, one));
        assertFalse(lab.attempt("ip", "-n", lab.host, "link", "show", "dev", PlumbingNames.bridgeName(otherNet)).ok());
        assertFalse(lab.namespaces().contains(lab.host + "-sdhcp-" + otherNet));
        assertTrue(DnsmasqProcess.commandLine(otherDnsmasq).isEmpty(), "its dnsmasq is gone");
        assertFalse(Files.exists(otherPid.getParent()));
        assertTrue(lab.namespaces().contains(lab.host + "-sdhcp-" + netId), "the tenant network's DHCP stays");

        // nothing at all
        long dnsmasq = Long.parseLong(Files.readString(lab.directory.resolve("state/dhcp/" + netId + "/pid")).strip());
        networking.apply(HostNetworkPlan.EMPTY);
        assertEquals(List.of(lab.host, lab.prefix + "-g1", lab.prefix + "-g2", lab.prefix + "-g4").stream().sorted()
                .toList(), lab.namespaces().stream().sorted().toList(), "only the lab's own namespaces are left");
        assertTrue(DnsmasqProcess.commandLine(dnsmasq).isEmpty());
        assertEquals("", lab.onHost("nft", "list", "ruleset").strip(), "no table left");
        assertTrue(lab.attempt("ip", "-n", lab.host, "link", "show", "dev", foreign).ok(),
                "a bridge the plumbing did not make is left alone");
        assertFalse(lab.attempt("ip", "-n", lab.host, "link", "show", "dev", PlumbingNames.bridgeName(netId)).ok());
        try (var left = Files.list(lab.directory.resolve("state/dhcp"))) {
            assertEquals(0, left.count(), "no DHCP files left");
        }
    }

    private RouterPlumbing router(String extNet, boolean snat, List<FloatingIpNat> floatingIps) {
        return new RouterPlumbing(id("router"),
                new ExternalGateway(extNet, id("gateway-port"), "fa:16:3e:00:0e:0a", "198.51.100.10/24",
                        "198.51.100.1", snat),
                List.of(new RouterInterface(netId, id("router-port"), "fa:16:3e:00:00:01", "10.91.0.1/24")),
                floatingIps);
    }

    interface Check {
        boolean holds() throws Exception;
    }

    /** Whether the check holds within 3 s. */
    private static boolean eventually(Check check) throws Exception {
        for (int i = 0; i < 60; i++) {
            if (check.holds()) {
                return true;
            }
            Thread.sleep(50);
        }
        return check.holds();
    }

    private static JsonNode json(String text) throws Exception {
        return HostShell.parse(text, "test");
    }

}
