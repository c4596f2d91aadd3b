package dev.stratus.network.persistence;

import dev.stratus.network.api.StructuredValues.Route;
import dev.stratus.network.ipam.Cidr;
import dev.stratus.network.ipam.IpAddress;
import dev.stratus.network.ipam.IpRange;
import dev.stratus.network.ipam.Ipv6Modes;
import java.util.List;

/**
 * A subnet with its allocation pools and host routes. {@code gatewayIp} is null for a subnet without one,
 * {@code subnetpoolId} for one not allocated from a subnet pool.
 */
public record SubnetRow(String id, String networkId, String projectId, String name, int ipVersion, String cidr,
        String gatewayIp, boolean enableDhcp, String ipv6RaMode, String ipv6AddressMode, List<String> dnsNameservers,
        List<IpRange> allocationPools, List<Route> hostRoutes, String subnetpoolId, StandardAttributes standard) {

    public Cidr network() {
        return Cidr.of(cidr);
    }

    public IpAddress gateway() {
        return gatewayIp == null ? null : IpAddress.of(gatewayIp);
    }

    /**
     * SLAAC or DHCPv6-stateless (by either mode): its ports' addresses are EUI-64 ones, added to every port of the
     * network, and Neutron lets such a subnet go although ports hold its addresses.
     */
    public boolean autoAddress() {
        return Ipv6Modes.autoAddress(ipv6RaMode, ipv6AddressMode);
    }
}
