package dev.stratus.compute.node.network.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stratus.compute.node.network.SamplePlans;
import dev.stratus.compute.node.network.plan.DhcpOption;
import dev.stratus.compute.node.network.plan.FixedIp;
import dev.stratus.compute.node.network.plan.NetworkPlumbing;
import dev.stratus.compute.node.network.plan.PortPlumbing;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A port's extra DHCP options as dnsmasq host-entry fields and tagged option lines (Neutron's agent's forms). */
class DnsmasqPortOptionsTest {

    private static final String PORT = "abcdef01-0000-4000-8000-000000000001";

    private static PortPlumbing port(List<FixedIp> ips, DhcpOption... options) {
        return new PortPlumbing(PORT, SamplePlans.TENANT_NET, "fa:16:3e:ab:cd:ef", ips, "pxe", true, List.of(),
                List.of(), List.of(options));
    }

    private static PortPlumbing v4Port(DhcpOption... options) {
        return port(List.of(new FixedIp(SamplePlans.TENANT_SUBNET, "10.0.0.9")), options);
    }

    @Test
    void namesGetOptionNumbersStayBareIpv6GetsOption6() {
        String tag = "port-" + PORT;
        assertEquals("tag:" + tag + ",option:tftp-server,192.0.2.1",
                DnsmasqPortOptions.line(tag, new DhcpOption("tftp-server", "192.0.2.1", 4)));
        assertEquals("tag:" + tag + ",66,192.0.2.1", DnsmasqPortOptions.line(tag, new DhcpOption("66", "192.0.2.1", 4)));
        assertEquals("tag:" + tag + ",option6:23,[2001:db8::53]",
                DnsmasqPortOptions.line(tag, new DhcpOption("23", "[2001:db8::53]", 6)));
        assertEquals("tag:" + tag + ",tag:!ipxe,option:bootfile-name,undionly.kpxe",
                DnsmasqPortOptions.line(tag, new DhcpOption("tag:!ipxe,bootfile-name", "undionly.kpxe", 4)));
        assertEquals("tag:" + tag + ",option:classless-static-route",
                DnsmasqPortOptions.line(tag, new DhcpOption("classless-static-route", "", 4)));
    }

    @Test
    void onlyTheFirstLineOfANameOrValueIsKept() {
        DhcpOption option = new DhcpOption("router\nmore", "10.0.0.1\ndhcp-option=tag:x,3,6.6.6.6", 4);
        assertEquals("router", option.name());
        assertEquals("10.0.0.1", option.value());
        assertThrows(IllegalArgumentException.class, () -> new DhcpOption("\nrouter", "x", 4));
        assertThrows(IllegalArgumentException.class, () -> new DhcpOption("router", "x", 5));
    }

    @Test
    void optionsFollowThePortsAddressVersions() {
        PortPlumbing v4 = v4Port(new DhcpOption("bootfile-name", "a", 4), new DhcpOption("bootfile-url", "b", 6));
        assertEquals(List.of("tag:port-" + PORT + ",option:bootfile-name,a"), DnsmasqPortOptions.lines(v4));
        PortPlumbing dual = port(List.of(new FixedIp(SamplePlans.TENANT_SUBNET, "10.0.0.9"),
                new FixedIp(SamplePlans.TENANT_V6_SUBNET, "2001:db8:0:1::9")), new DhcpOption("bootfile-url", "b", 6));
        assertEquals(List.of("tag:port-" + PORT + ",option6:bootfile-url,b"), DnsmasqPortOptions.lines(dual));
    }

    @Test
    void theHostEntrySetsThePortsTagAndTakesItsClientId() {
        assertEquals("", DnsmasqPortOptions.hostFields(v4Port()));
        assertEquals("set:port-" + PORT + ",", DnsmasqPortOptions.hostFields(v4Port(new DhcpOption("66", "x", 4))));
        assertEquals("", DnsmasqPortOptions.hostFields(v4Port(new DhcpOption("66", "x", 6))),
                "no tag for options the port cannot be sent");
        assertEquals("id:01:aa,", DnsmasqPortOptions.hostFields(v4Port(new DhcpOption("client-id", "01:aa", 4))));
        assertEquals("id:01:aa,set:port-" + PORT + ",", DnsmasqPortOptions.hostFields(v4Port(
                new DhcpOption("61", "01:aa", 4), new DhcpOption("bootfile-name", "a", 4))));
    }

    @Test
    void theNetworksFilesCarryThemAndOnlyForPortsWithALease() {
        // SLAAC: no DHCPv6 for the IPv6-only port
        NetworkPlumbing network = SamplePlans.tenantNetworkV6("slaac", "slaac");
        PortPlumbing pxe = v4Port(new DhcpOption("bootfile-name", "pxelinux.0", 4));
        PortPlumbing noLease = new PortPlumbing("abcdef01-0000-4000-8000-000000000002", SamplePlans.TENANT_NET,
                "fa:16:3e:ab:cd:00", List.of(new FixedIp(SamplePlans.TENANT_V6_SUBNET, "2001:db8:0:1::7")), null,
                true, List.of(), List.of(), List.of(new DhcpOption("bootfile-url", "b", 6)));
        DnsmasqConfig config = DnsmasqConfig.of(network, List.of(noLease, pxe), "ns-x", Path.of("/tmp/dhcp"));
        assertEquals("fa:16:3e:ab:cd:ef,set:port-" + PORT + ",10.0.0.9,pxe\n", config.hosts());
        assertEquals("tag:port-" + PORT + ",option:bootfile-name,pxelinux.0\n",
                config.options().substring(config.options().indexOf("tag:port-")));
    }
}
