package dev.stratus.compute.node.network.plan;

/** A floating IP of a router: traffic to {@code floatingIp} goes to {@code fixedIp}, and back from it. */
public record FloatingIpNat(String floatingIp, String fixedIp) {

    public FloatingIpNat {
        IpPrefix floating = IpPrefix.parseHost(floatingIp);
        IpPrefix fixed = IpPrefix.parseHost(fixedIp);
        if (floating.version() != 4 || fixed.version() != 4) {
            throw new IllegalArgumentException("floating IPs are IPv4: " + floatingIp + " -> " + fixedIp);
        }
        floatingIp = floating.address();
        fixedIp = fixed.address();
    }
}
