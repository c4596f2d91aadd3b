package dev.stratus.compute.node.network.plan;

/** A subnet's host route, handed to DHCP clients as a classless static route. */
public record HostRoute(String destination, String nexthop) {

    public HostRoute {
        destination = IpPrefix.parse(destination).toString();
        nexthop = IpPrefix.parseHost(nexthop).address();
    }
}
