package dev.stratus.compute.node.network.linux;

import dev.stratus.compute.node.network.plan.IpPrefix;
import java.util.List;

/**
 * A network interface as {@code ip -json -d link} and {@code ip -json addr} report it.
 *
 * @param kind {@code bridge}, {@code veth}, ... ; null for a plain device
 * @param master the bridge it is a port of, or null
 * @param alias its {@code ifalias}: the plumbing marks what it made with {@code stratus:<what>:<id>}
 * @param up administratively up
 * @param addresses all its addresses, IPv6 link-local ones included
 */
public record Link(String name, String kind, String master, int mtu, String mac, String alias, boolean up,
        List<IpPrefix> addresses) {

    public Link {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    private static final IpPrefix IPV6_LINK_LOCAL = IpPrefix.parse("fe80::/10");

    /** Its addresses without IPv6 link-local ones (which the kernel adds by itself). */
    public List<IpPrefix> assignedAddresses() {
        return addresses.stream().filter(a -> !IPV6_LINK_LOCAL.contains(a.host())).toList();
    }
}
