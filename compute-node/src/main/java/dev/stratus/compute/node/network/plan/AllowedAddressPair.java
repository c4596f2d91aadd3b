package dev.stratus.compute.node.network.plan;

/**
 * An address (or whole prefix) a port may also send from, with the MAC it may use for it.
 *
 * @param mac null when the pair uses the port's own MAC
 */
public record AllowedAddressPair(String ipAddress, String mac) {

    public AllowedAddressPair {
        ipAddress = IpPrefix.parse(ipAddress).toString();
        mac = mac == null || mac.isBlank() ? null : PlanChecks.mac(mac, "an allowed address pair");
    }

    public IpPrefix prefix() {
        return IpPrefix.parse(ipAddress);
    }
}
