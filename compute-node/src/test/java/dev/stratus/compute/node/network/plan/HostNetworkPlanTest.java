package dev.stratus.compute.node.network.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.compute.node.network.SamplePlans;
import dev.stratus.compute.node.network.plan.SecurityRule.Direction;
import dev.stratus.compute.node.network.plan.SecurityRule.Ethertype;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a plan accepts, and the shapes it refuses before anything reaches the host. */
class HostNetworkPlanTest {

    private static PortPlumbing port(String id, String network, String mac) {
        return new PortPlumbing(id, network, mac, List.of(), null, true, List.of(), List.of());
    }

    @Test
    void theSampleIsValidAndNormalised() {
        HostNetworkPlan plan = SamplePlans.plan();
        PortPlumbing web = plan.ports().stream().filter(p -> p.portId().equals(SamplePlans.WEB_PORT)).findFirst()
                .orElseThrow();
        assertEquals("fa:16:3e:11:11:11", web.mac(), "MACs are kept in lower case");
        assertEquals("brq6f1c2a3e-9d", plan.network(SamplePlans.TENANT_NET).orElseThrow().bridge());
        assertEquals("br-provider", plan.network(SamplePlans.PROVIDER_NET).orElseThrow().bridge());
        assertEquals(3, plan.portsOn(SamplePlans.TENANT_NET).size());
    }

    @Test
    void portsMustBeOnAPlannedNetwork() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HostNetworkPlan(List.of(),
                List.of(port("p1", "net-x", "fa:16:3e:00:00:01")), List.of()));
        assertTrue(e.getMessage().contains("net-x"), e.getMessage());
    }

    @Test
    void interfaceNamesMustNotCollide() {
        NetworkPlumbing net = new NetworkPlumbing("net-1", 1500, null, null, List.of());
        // the same first 11 characters give the same tap
        assertThrows(IllegalArgumentException.class, () -> new HostNetworkPlan(List.of(net),
                List.of(port("0123456789a-one", "net-1", "fa:16:3e:00:00:01"),
                        port("0123456789a-two", "net-1", "fa:16:3e:00:00:02")), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new HostNetworkPlan(List.of(
                new NetworkPlumbing("0123456789a-one", 1500, null, null, List.of()),
                new NetworkPlumbing("0123456789a-two", 1500, null, null, List.of())), List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new HostNetworkPlan(List.of(net, net), List.of(),
                List.of()));
    }

    @Test
    void valuesThatWouldReachCommandsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> port("p1;rm", "net-1", "fa:16:3e:00:00:01"));
        assertThrows(IllegalArgumentException.class, () -> port("p1", "net-1", "fa:16:3e:00:00:0g"));
        assertThrows(IllegalArgumentException.class, () -> port("p1", "net-1", "01:00:5e:00:00:01"),
                "a multicast MAC");
        assertThrows(IllegalArgumentException.class, () -> new NetworkPlumbing("net-1", 1500, "br ex", null,
                List.of()));
        assertThrows(IllegalArgumentException.class, () -> new SubnetPlumbing("s1", "10.0.0.0/24", 6, null,
                List.of(), List.of(), true));
        assertThrows(IllegalArgumentException.class, () -> new FixedIp("s1", "10.0.0.5\n--dhcp-range"));
    }

    @Test
    void theDhcpPortMustBeInItsSubnets() {
        SubnetPlumbing subnet = new SubnetPlumbing("s1", "10.0.0.0/24", 4, "10.0.0.1", List.of(), List.of(), true);
        assertThrows(IllegalArgumentException.class, () -> new NetworkPlumbing("net-1", 1500, null,
                new DhcpServer("d1", "fa:16:3e:00:00:09", List.of(new FixedIp("s1", "10.0.1.2"))), List.of(subnet)));
        assertThrows(IllegalArgumentException.class, () -> new NetworkPlumbing("net-1", 1500, null,
                new DhcpServer("d1", "fa:16:3e:00:00:09", List.of(new FixedIp("s2", "10.0.0.2"))), List.of(subnet)));
        NetworkPlumbing noDhcpSubnet = new NetworkPlumbing("net-1", 1500, null,
                new DhcpServer("d1", "fa:16:3e:00:00:09", List.of(new FixedIp("s1", "10.0.0.2"))), List.of(
                        new SubnetPlumbing("s1", "10.0.0.0/24", 4, null, List.of(), List.of(), false)));
        assertTrue(!noDhcpSubnet.servesDhcp(), "no DHCP subnet, no DHCP server");
    }

    @Test
    void securityRuleProtocolsAsNeutronHasThem() {
        SecurityRule icmpOnV6 = new SecurityRule(Direction.INGRESS, Ethertype.IPV6, "ICMP", 128, null, null);
        assertEquals(58, icmpOnV6.protocolNumber(), "icmp in an IPv6 rule is ICMPv6");
        assertEquals(6, new SecurityRule(Direction.INGRESS, Ethertype.IPV4, "6", 22, 22, null).protocolNumber());
        assertNull(new SecurityRule(Direction.INGRESS, Ethertype.IPV4, "any", null, null, null).protocolNumber());
        SecurityRule gre = new SecurityRule(Direction.INGRESS, Ethertype.IPV4, "gre", 1, 2, null);
        assertNull(gre.portMin(), "no ports on a protocol without ports");
        assertThrows(IllegalArgumentException.class,
                () -> new SecurityRule(Direction.INGRESS, Ethertype.IPV4, "tcp", 90, 80, null));
        assertThrows(IllegalArgumentException.class,
                () -> new SecurityRule(Direction.INGRESS, Ethertype.IPV4, "tcp", 1, 70000, null));
        assertThrows(IllegalArgumentException.class,
                () -> new SecurityRule(Direction.INGRESS, Ethertype.IPV4, "bogus", null, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new SecurityRule(Direction.INGRESS, Ethertype.IPV4, "icmp", null, 0, null));
    }

    @Test
    void remotesNoneAnyOrSome() {
        SecurityRule any = new SecurityRule(Direction.INGRESS, Ethertype.IPV4, null, null, null, null);
        SecurityRule emptyGroup = new SecurityRule(Direction.INGRESS, Ethertype.IPV4, null, null, null, List.of());
        SecurityRule otherVersion = new SecurityRule(Direction.INGRESS, Ethertype.IPV4, null, null, null,
                List.of("2001:db8::5"));
        assertTrue(any.canMatch() && any.anyRemote());
        assertTrue(!emptyGroup.canMatch(), "a remote group without members matches nothing");
        assertTrue(!otherVersion.canMatch(), "only addresses of the rule's IP version count");
    }

    @Test
    void floatingIpsNeedAGateway() {
        assertThrows(IllegalArgumentException.class, () -> new RouterPlumbing("r1", null, List.of(),
                List.of(new FloatingIpNat("203.0.113.20", "10.0.0.5"))));
        assertThrows(IllegalArgumentException.class, () -> new RouterInterface("n1", "p1", "fa:16:3e:00:00:01",
                "10.0.0.1"), "an interface address needs its prefix length");
    }
}
