package dev.stratus.compute.node.network.plan;

/**
 * A router's port on a tenant subnet.
 *
 * @param address the port's address with the subnet's prefix length, {@code 10.0.0.1/24} (the subnet's
 *        gateway address)
 */
public record RouterInterface(String networkId, String portId, String mac, String address) {

    public RouterInterface {
        PlanChecks.id(networkId, "network");
        PlanChecks.id(portId, "router port");
        mac = PlanChecks.mac(mac, "router port " + portId);
        address = interfaceAddress(address, "router port " + portId).withLengthText();
    }

    public IpPrefix prefix() {
        return IpPrefix.parse(address);
    }

    static IpPrefix interfaceAddress(String address, String what) {
        if (address == null || !address.contains("/")) {
            throw new IllegalArgumentException(what + " needs an address with its prefix length: " + address);
        }
        IpPrefix prefix = IpPrefix.parse(address);
        if (prefix.isHost()) {
            throw new IllegalArgumentException(what + ": " + address + " is not an address in a subnet");
        }
        return prefix;
    }
}
