package dev.stratus.compute.node.network.plan;

import java.util.List;

/**
 * A subnet of a network plumbed on this host: what its DHCP server hands out.
 *
 * @param cidr the subnet, {@code 10.0.0.0/24}
 * @param gatewayIp the router address given to DHCP clients; null for a subnet without gateway
 * @param dnsServers name servers given to DHCP clients (none: the option is not sent)
 * @param hostRoutes extra routes given to DHCP clients
 * @param enableDhcp whether the network's DHCP server serves this subnet
 * @param ipv6RaMode Neutron's {@code ipv6_ra_mode} ({@code slaac}, {@code dhcpv6-stateless},
 *        {@code dhcpv6-stateful}) or null: what router advertisements tell the guests
 * @param ipv6AddressMode Neutron's {@code ipv6_address_mode} (same values) or null: how guests get addresses
 */
public record SubnetPlumbing(String subnetId, String cidr, int ipVersion, String gatewayIp, List<String> dnsServers,
        List<HostRoute> hostRoutes, boolean enableDhcp, String ipv6RaMode, String ipv6AddressMode) {

    public static final String SLAAC = "slaac";
    public static final String DHCPV6_STATELESS = "dhcpv6-stateless";
    public static final String DHCPV6_STATEFUL = "dhcpv6-stateful";
    private static final List<String> MODES = List.of(SLAAC, DHCPV6_STATELESS, DHCPV6_STATEFUL);

    /** A subnet without IPv6 modes (every IPv4 subnet). */
    public SubnetPlumbing(String subnetId, String cidr, int ipVersion, String gatewayIp, List<String> dnsServers,
            List<HostRoute> hostRoutes, boolean enableDhcp) {
        this(subnetId, cidr, ipVersion, gatewayIp, dnsServers, hostRoutes, enableDhcp, null, null);
    }

    public SubnetPlumbing {
        for (String mode : java.util.Arrays.asList(ipv6RaMode, ipv6AddressMode)) {
            if (mode != null && (ipVersion != 6 || !MODES.contains(mode))) {
                throw new IllegalArgumentException("subnet " + subnetId + ": IPv6 mode " + mode + " on an IPv"
                        + ipVersion + " subnet or unknown");
            }
        }
        PlanChecks.id(subnetId, "subnet");
        IpPrefix prefix = IpPrefix.parse(cidr);
        if (prefix.version() != ipVersion) {
            throw new IllegalArgumentException("subnet " + subnetId + ": " + cidr + " is not IPv" + ipVersion);
        }
        cidr = prefix.toString();
        if (gatewayIp != null) {
            IpPrefix gateway = IpPrefix.parseHost(gatewayIp);
            if (gateway.version() != ipVersion) {
                throw new IllegalArgumentException("subnet " + subnetId + ": gateway " + gatewayIp + " is not IPv"
                        + ipVersion);
            }
            gatewayIp = gateway.address();
        }
        dnsServers = PlanChecks.list(dnsServers).stream().map(s -> IpPrefix.parseHost(s).address()).toList();
        hostRoutes = PlanChecks.list(hostRoutes);
    }

    public IpPrefix prefix() {
        return IpPrefix.parse(cidr);
    }

    /**
     * Whether the network's DHCP server has anything to do for the subnet, as Neutron's dnsmasq driver and radvd
     * decide: every IPv4 subnet with DHCP; an IPv6 one with DHCP and a prefix of at least 64 bits unless its
     * addresses are SLAAC ones that no router advertisement of the cloud announces (address mode {@code slaac}
     * without an RA mode: an outside router does that).
     */
    public boolean servedByDhcp() {
        if (!enableDhcp) {
            return false;
        }
        if (ipVersion == 4) {
            return true;
        }
        return prefix().length() >= 64 && !(ipv6RaMode == null && SLAAC.equals(ipv6AddressMode));
    }

    /** Whether guests get their address of this IPv6 subnet from DHCPv6 leases (stateful, or no modes at all). */
    public boolean dhcpv6Leases() {
        return servedByDhcp() && ipVersion == 6 && !SLAAC.equals(ipv6RaMode) && !DHCPV6_STATELESS.equals(ipv6RaMode)
                && !SLAAC.equals(ipv6AddressMode) && !DHCPV6_STATELESS.equals(ipv6AddressMode);
    }
}
