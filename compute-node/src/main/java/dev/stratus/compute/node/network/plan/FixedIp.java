package dev.stratus.compute.node.network.plan;

/** One address of a port in one of its network's subnets. */
public record FixedIp(String subnetId, String ipAddress) {

    public FixedIp {
        PlanChecks.id(subnetId, "subnet");
        ipAddress = IpPrefix.parseHost(ipAddress).address();
    }

    public IpPrefix address() {
        return IpPrefix.parseHost(ipAddress);
    }
}
