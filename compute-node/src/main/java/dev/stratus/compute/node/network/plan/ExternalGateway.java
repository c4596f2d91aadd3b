package dev.stratus.compute.node.network.plan;

/**
 * A router's port on its external network.
 *
 * @param address the port's IPv4 address with the external subnet's prefix length, {@code 203.0.113.2/24};
 *        source NAT and floating IPs leave from it
 * @param gatewayIp the external subnet's gateway, the router's default route; null for none
 * @param snat whether tenant traffic without a floating IP leaves with {@code address} as its source
 */
public record ExternalGateway(String networkId, String portId, String mac, String address, String gatewayIp,
        boolean snat) {

    public ExternalGateway {
        PlanChecks.id(networkId, "network");
        PlanChecks.id(portId, "router gateway port");
        mac = PlanChecks.mac(mac, "router gateway port " + portId);
        IpPrefix prefix = RouterInterface.interfaceAddress(address, "router gateway port " + portId);
        if (prefix.version() != 4) {
            throw new IllegalArgumentException("router gateway port " + portId + ": only IPv4 gateways are NATed");
        }
        address = prefix.withLengthText();
        gatewayIp = gatewayIp == null ? null : IpPrefix.parseHost(gatewayIp).address();
    }

    public IpPrefix prefix() {
        return IpPrefix.parse(address);
    }
}
