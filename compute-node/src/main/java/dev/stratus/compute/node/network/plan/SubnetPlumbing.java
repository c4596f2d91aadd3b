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
 */
public record SubnetPlumbing(String subnetId, String cidr, int ipVersion, String gatewayIp, List<String> dnsServers,
        List<HostRoute> hostRoutes, boolean enableDhcp) {

    public SubnetPlumbing {
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
}
