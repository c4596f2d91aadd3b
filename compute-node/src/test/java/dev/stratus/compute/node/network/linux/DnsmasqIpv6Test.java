package dev.stratus.compute.node.network.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.compute.node.network.SamplePlans;
import dev.stratus.compute.node.network.plan.DhcpOption;
import dev.stratus.compute.node.network.plan.FixedIp;
import dev.stratus.compute.node.network.plan.NetworkPlumbing;
import dev.stratus.compute.node.network.plan.PortPlumbing;
import dev.stratus.compute.node.network.plan.SubnetPlumbing;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** dnsmasq for IPv6 subnets in each of Neutron's mode combinations (ipv6_ra_mode / ipv6_address_mode). */
class DnsmasqIpv6Test {

    private static final String V6 = SamplePlans.TENANT_V6_SUBNET;
    private static final String V4 = SamplePlans.TENANT_SUBNET;
    private static final String RANGE = "--dhcp-range=set:subnet-" + V6 + ",2001:db8:0:1::,";
    private static final String PORT = "abcdef01-0000-4000-8000-000000000001";

    /** A dual-stack port: 10.0.0.9 and 2001:db8:0:1::9 (its EUI-64 or pool address, the test does not mind). */
    private static PortPlumbing port(DhcpOption... options) {
        return new PortPlumbing(PORT, SamplePlans.TENANT_NET, "fa:16:3e:ab:cd:ef",
                List.of(new FixedIp(V4, "10.0.0.9"), new FixedIp(V6, "2001:db8:0:1::9")), "vm", true, List.of(),
                List.of(), List.of(options));
    }

    private static DnsmasqConfig config(String raMode, String addressMode, DhcpOption... options) {
        return DnsmasqConfig.of(SamplePlans.tenantNetworkV6(raMode, addressMode), List.of(port(options)), "ns-x",
                Path.of("/tmp/dhcp"));
    }

    private static List<String> v6Arguments(DnsmasqConfig config) {
        return config.arguments().stream().filter(a -> a.startsWith(RANGE) || a.equals("--enable-ra")
                || a.equals("--quiet-ra") || a.startsWith("--ra-param") || a.equals("--quiet-dhcp6")).toList();
    }

    @Test
    void slaacIsAdvertisedWithoutDhcpv6() {
        DnsmasqConfig config = config("slaac", "slaac", new DhcpOption("dns-server", "[2001:db8::1]", 6));
        assertEquals(List.of(RANGE + "ra-only,64,86400s", "--quiet-dhcp6", "--quiet-ra",
                "--ra-param=ns-x,mtu:1450,0,0"), v6Arguments(config));
        // no DHCPv6 for the port: its IPv4 lease only, and no IPv6 option nor name servers
        assertEquals("fa:16:3e:ab:cd:ef,set:port-" + PORT + ",10.0.0.9,vm\n", config.hosts());
        assertFalse(config.options().contains("option6:dns-server,[2001:db8::53]"), config.options());
        assertEquals(config("slaac", null).arguments(), config("slaac", "slaac").arguments());
    }

    @Test
    void statelessIsAdvertisedAndAnswersOptionsButGivesNoLease() {
        DnsmasqConfig config = config("dhcpv6-stateless", "dhcpv6-stateless",
                new DhcpOption("dns-server", "[2001:db8::1]", 6));
        assertEquals(List.of(RANGE + "ra-stateless,64,86400s", "--quiet-dhcp6", "--quiet-ra",
                "--ra-param=ns-x,mtu:1450,0,0"), v6Arguments(config));
        assertEquals("fa:16:3e:ab:cd:ef,set:port-" + PORT + ",10.0.0.9,vm\n"
                + "fa:16:3e:ab:cd:ef,set:port-" + PORT + "\n", config.hosts());
        assertTrue(config.options().contains("tag:subnet-" + V6 + ",option6:dns-server,[2001:db8::53]\n"),
                config.options());
        assertTrue(config.options().contains("tag:port-" + PORT + ",option6:dns-server,[2001:db8::1]\n"),
                config.options());
        // without an RA mode: the same DHCPv6 service, nothing advertised
        assertEquals(List.of(RANGE + "static,64,86400s", "--quiet-dhcp6"),
                v6Arguments(config(null, "dhcpv6-stateless")));
        assertEquals("fa:16:3e:ab:cd:ef,10.0.0.9,vm\n", config(null, "dhcpv6-stateless").hosts());
    }

    @Test
    void statefulLeasesThePortsAddressAndIsAdvertisedManaged() {
        DnsmasqConfig config = config("dhcpv6-stateful", "dhcpv6-stateful",
                new DhcpOption("client-id", "00:01:00:01:aa", 4));
        assertEquals(List.of(RANGE + "static,64,86400s", "--quiet-dhcp6", "--enable-ra", "--quiet-ra",
                "--ra-param=ns-x,mtu:1450,0,0"), v6Arguments(config));
        assertEquals("fa:16:3e:ab:cd:ef,id:00:01:00:01:aa,10.0.0.9,vm\n"
                + "fa:16:3e:ab:cd:ef,id:00:01:00:01:aa,[2001:db8:0:1::9],vm\n", config.hosts());
        assertTrue(config.options().contains("tag:subnet-" + V6 + ",option6:dns-server,[2001:db8::53]\n"));
        // the address mode alone: DHCPv6 leases as Neutron's driver hands them out, no advertisements
        DnsmasqConfig quiet = config(null, "dhcpv6-stateful");
        assertEquals(List.of(RANGE + "static,64,86400s", "--quiet-dhcp6"), v6Arguments(quiet));
        assertEquals(config.hosts().replace("id:00:01:00:01:aa,", ""), quiet.hosts());
        assertEquals(List.of(RANGE + "static,64,86400s", "--quiet-dhcp6"), v6Arguments(config(null, null)));
    }

    @Test
    void slaacWithoutAnRaModeIsLeftToAnOutsideRouter() {
        NetworkPlumbing network = SamplePlans.tenantNetworkV6(null, "slaac");
        assertEquals(List.of(network.subnet(V4).orElseThrow()), network.dhcpSubnets());
        DnsmasqConfig config = DnsmasqConfig.of(network, List.of(port()), "ns-x", Path.of("/tmp/dhcp"));
        assertEquals(List.of(), v6Arguments(config));
        assertEquals("fa:16:3e:ab:cd:ef,10.0.0.9,vm\n", config.hosts());
    }

    @Test
    void anIpv6OnlyNetworkServesDhcpAndTheHostNameFallsBackToTheAddress() {
        NetworkPlumbing dual = SamplePlans.tenantNetworkV6("dhcpv6-stateful", "dhcpv6-stateful");
        SubnetPlumbing v6 = dual.subnet(V6).orElseThrow();
        NetworkPlumbing v6Only = new NetworkPlumbing(dual.networkId(), 1200, null,
                new dev.stratus.compute.node.network.plan.DhcpServer(SamplePlans.DHCP_PORT, "fa:16:3e:00:00:02",
                        List.of(new FixedIp(V6, "2001:db8:0:1::2"))), List.of(v6));
        assertTrue(v6Only.servesDhcp());
        PortPlumbing nameless = new PortPlumbing(PORT, dual.networkId(), "fa:16:3e:ab:cd:ef",
                List.of(new FixedIp(V6, "2001:db8:0:1::9")), null, true, List.of(), List.of(), List.of());
        DnsmasqConfig config = DnsmasqConfig.of(v6Only, List.of(nameless), "ns-x", Path.of("/tmp/dhcp"));
        assertEquals("fa:16:3e:ab:cd:ef,[2001:db8:0:1::9],host-2001-db8-0-1--9\n", config.hosts());
        // an MTU below IPv6's minimum is not advertised
        assertTrue(config.arguments().contains("--ra-param=ns-x,0,0"), config.arguments().toString());
        assertTrue(config.arguments().contains("--dhcp-lease-max=16777216"));
    }

    @Test
    void modesAreIpv6OnlyAndNeutronsValuesOnly() {
        assertThrows(IllegalArgumentException.class, () -> new SubnetPlumbing(V4, "10.0.0.0/24", 4, null, List.of(),
                List.of(), true, "slaac", null));
        assertThrows(IllegalArgumentException.class, () -> new SubnetPlumbing(V6, "2001:db8::/64", 6, null, List.of(),
                List.of(), true, null, "eui64"));
        // prefixes shorter than 64 bits are not served (Neutron's driver leaves them out)
        assertFalse(new SubnetPlumbing(V6, "2001:db8::/48", 6, null, List.of(), List.of(), true, null,
                "dhcpv6-stateful").servedByDhcp());
    }
}
