package dev.stratus.compute.node.network.linux;

import dev.stratus.compute.node.network.plan.IpPrefix;
import java.util.List;

/**
 * A veth pair that plugs a namespace (a DHCP server, a router) into a network's bridge, as a port of that
 * network: the namespace end carries the port's MAC and addresses, the host end is a bridge port without
 * any address.
 *
 * @param hostEnd {@code tap<port>} on the bridge
 * @param namespaceEnd {@code ns-}, {@code qr-} or {@code qg-<port>} inside the namespace
 * @param mtu 0 leaves the kernel's
 * @param mark the {@link Ownership} mark written on the host end
 */
public record NamespaceLeg(String namespace, String hostEnd, String namespaceEnd, String bridge, String mac, int mtu,
        List<IpPrefix> addresses, String mark) {

    public NamespaceLeg {
        addresses = List.copyOf(addresses);
    }
}
