package dev.stratus.compute.node.network;

import dev.stratus.compute.node.network.plan.AllowedAddressPair;
import dev.stratus.compute.node.network.plan.DhcpOption;
import dev.stratus.compute.node.network.plan.DhcpServer;
import dev.stratus.compute.node.network.plan.ExternalGateway;
import dev.stratus.compute.node.network.plan.FixedIp;
import dev.stratus.compute.node.network.plan.FloatingIpNat;
import dev.stratus.compute.node.network.plan.HostNetworkPlan;
import dev.stratus.compute.node.network.plan.HostRoute;
import dev.stratus.compute.node.network.plan.NetworkPlumbing;
import dev.stratus.compute.node.network.plan.PortPlumbing;
import dev.stratus.compute.node.network.plan.RouterInterface;
import dev.stratus.compute.node.network.plan.RouterPlumbing;
import dev.stratus.compute.node.network.plan.SecurityRule;
import dev.stratus.compute.node.network.plan.SecurityRule.Direction;
import dev.stratus.compute.node.network.plan.SecurityRule.Ethertype;
import dev.stratus.compute.node.network.plan.SubnetPlumbing;
import java.util.List;

/** A fixed plan with one of everything, for the renderers' golden files. */
public final class SamplePlans {

    public static final String TENANT_NET = "6f1c2a3e-9d0b-4c1e-8a55-0d8a3c1b2e7f";
    public static final String TENANT_SUBNET = "a1b2c3d4-0000-4000-8000-000000000001";
    public static final String TENANT_V6_SUBNET = "a1b2c3d4-0000-4000-8000-000000000002";
    public static final String PROVIDER_NET = "e0e0e0e0-1111-4222-8333-444444444444";
    public static final String PROVIDER_SUBNET = "e0e0e0e0-5555-4666-8777-888888888888";
    public static final String WEB_PORT = "11111111-aaaa-4bbb-8ccc-dddddddddddd";
    public static final String DB_PORT = "22222222-aaaa-4bbb-8ccc-dddddddddddd";
    public static final String OPEN_PORT = "33333333-aaaa-4bbb-8ccc-dddddddddddd";
    public static final String PROVIDER_PORT = "44444444-aaaa-4bbb-8ccc-dddddddddddd";
    public static final String DHCP_PORT = "55555555-aaaa-4bbb-8ccc-dddddddddddd";
    public static final String ROUTER = "77777777-aaaa-4bbb-8ccc-dddddddddddd";
    public static final String ROUTER_PORT = "88888888-aaaa-4bbb-8ccc-dddddddddddd";
    public static final String GATEWAY_PORT = "99999999-aaaa-4bbb-8ccc-dddddddddddd";

    private SamplePlans() {
    }

    public static NetworkPlumbing tenantNetwork() {
        return new NetworkPlumbing(TENANT_NET, 1450, null,
                new DhcpServer(DHCP_PORT, "fa:16:3e:00:00:02", List.of(new FixedIp(TENANT_SUBNET, "10.0.0.2"))),
                List.of(new SubnetPlumbing(TENANT_SUBNET, "10.0.0.0/24", 4, "10.0.0.1",
                                List.of("192.0.2.53", "192.0.2.54"),
                                List.of(new HostRoute("172.16.0.0/16", "10.0.0.254")), true),
                        new SubnetPlumbing(TENANT_V6_SUBNET, "2001:db8:0:1::/64", 6, "2001:db8:0:1::1", List.of(),
                                List.of(), true)));
    }

    /** The tenant network with its IPv6 subnet in the given Neutron modes and the DHCP port's EUI-64 address on it. */
    public static NetworkPlumbing tenantNetworkV6(String raMode, String addressMode) {
        NetworkPlumbing plain = tenantNetwork();
        SubnetPlumbing v6 = plain.subnet(TENANT_V6_SUBNET).orElseThrow();
        return new NetworkPlumbing(TENANT_NET, plain.mtu(), null,
                new DhcpServer(DHCP_PORT, "fa:16:3e:00:00:02", List.of(new FixedIp(TENANT_SUBNET, "10.0.0.2"),
                        new FixedIp(TENANT_V6_SUBNET, "2001:db8:0:1:f816:3eff:fe00:2"))),
                List.of(plain.subnet(TENANT_SUBNET).orElseThrow(), new SubnetPlumbing(TENANT_V6_SUBNET, v6.cidr(), 6,
                        v6.gatewayIp(), List.of("2001:db8::53"), List.of(), true, raMode, addressMode)));
    }

    public static NetworkPlumbing providerNetwork() {
        return new NetworkPlumbing(PROVIDER_NET, 1500, "br-provider", null,
                List.of(new SubnetPlumbing(PROVIDER_SUBNET, "203.0.113.0/24", 4, "203.0.113.1", List.of(), List.of(),
                        false)));
    }

    public static List<SecurityRule> webRules() {
        return List.of(
                new SecurityRule(Direction.EGRESS, Ethertype.IPV4, null, null, null, null),
                new SecurityRule(Direction.EGRESS, Ethertype.IPV6, null, null, null, null),
                new SecurityRule(Direction.INGRESS, Ethertype.IPV4, "tcp", 22, 22, List.of("0.0.0.0/0")),
                new SecurityRule(Direction.INGRESS, Ethertype.IPV4, "tcp", 8000, 8080, null),
                // a remote group: its members' addresses, both versions; the IPv6 one is ignored here
                new SecurityRule(Direction.INGRESS, Ethertype.IPV4, "icmp", 8, null,
                        List.of("10.0.0.5", "2001:db8:0:1::5", "10.0.0.0/25")),
                new SecurityRule(Direction.INGRESS, Ethertype.IPV6, "icmp", 128, 0, null),
                // a remote group without members matches nothing
                new SecurityRule(Direction.INGRESS, Ethertype.IPV4, "udp", 53, null, List.of()),
                new SecurityRule(Direction.INGRESS, Ethertype.IPV4, "gre", null, null, List.of("198.51.100.0/24")),
                // the same as the first egress rule: written once
                new SecurityRule(Direction.EGRESS, Ethertype.IPV4, "any", null, null, null));
    }

    /** Tempest's PXE options, a number, an iPXE condition, a blank router, an IPv6 option. */
    public static List<DhcpOption> webDhcpOptions() {
        return List.of(
                new DhcpOption("bootfile-name", "pxelinux.0", 4),
                new DhcpOption("tftp-server", "123.123.123.123", 4),
                new DhcpOption("server-ip-address", "123.123.123.45", 4),
                new DhcpOption("150", "192.0.2.69", 4),
                new DhcpOption("tag:ipxe,bootfile-name", "http://192.0.2.80/boot.ipxe", 4),
                new DhcpOption("router", "", 4),
                new DhcpOption("bootfile-url", "tftp://[2001:db8::69]/pxelinux.0", 6));
    }

    public static HostNetworkPlan plan() {
        PortPlumbing web = new PortPlumbing(WEB_PORT, TENANT_NET, "FA:16:3E:11:11:11",
                List.of(new FixedIp(TENANT_SUBNET, "10.0.0.5"), new FixedIp(TENANT_V6_SUBNET, "2001:db8:0:1::5")),
                "Web Server_1", true,
                List.of(new AllowedAddressPair("10.0.0.100", null),
                        new AllowedAddressPair("10.0.9.0/24", "fa:16:3e:aa:aa:aa"),
                        new AllowedAddressPair("10.0.9.7", "fa:16:3e:aa:aa:aa")),
                webRules(), webDhcpOptions());
        PortPlumbing db = new PortPlumbing(DB_PORT, TENANT_NET, "fa:16:3e:22:22:22",
                List.of(new FixedIp(TENANT_SUBNET, "10.0.0.6")), null, true, List.of(),
                List.of(new SecurityRule(Direction.INGRESS, Ethertype.IPV4, "tcp", 5432, null, List.of("10.0.0.5"))),
                // a client id alone: the host entry's id, no tag
                List.of(new DhcpOption("client-id", "01:fa:16:3e:22:22:22", 4)));
        PortPlumbing open = new PortPlumbing(OPEN_PORT, TENANT_NET, "fa:16:3e:33:33:33",
                List.of(new FixedIp(TENANT_SUBNET, "10.0.0.7")), "open", false, List.of(), List.of(),
                // IPv6 only, and the port has no IPv6 address: left out
                List.of(new DhcpOption("dns-server", "[2001:db8::53]", 6)));
        PortPlumbing provider = new PortPlumbing(PROVIDER_PORT, PROVIDER_NET, "fa:16:3e:44:44:44",
                List.of(new FixedIp(PROVIDER_SUBNET, "203.0.113.50")), "edge", true, List.of(),
                List.of(new SecurityRule(Direction.INGRESS, Ethertype.IPV4, "icmp", null, null, null)));
        RouterPlumbing router = new RouterPlumbing(ROUTER,
                new ExternalGateway(PROVIDER_NET, GATEWAY_PORT, "fa:16:3e:99:99:99", "203.0.113.10/24",
                        "203.0.113.1", true),
                List.of(new RouterInterface(TENANT_NET, ROUTER_PORT, "fa:16:3e:88:88:88", "10.0.0.1/24")),
                List.of(new FloatingIpNat("203.0.113.20", "10.0.0.5")));
        return new HostNetworkPlan(List.of(tenantNetwork(), providerNetwork()), List.of(db, web, open, provider),
                List.of(router));
    }
}
