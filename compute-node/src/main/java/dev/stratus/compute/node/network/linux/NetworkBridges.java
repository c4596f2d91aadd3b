package dev.stratus.compute.node.network.linux;

import dev.stratus.compute.node.network.HostNetworkingException;
import dev.stratus.compute.node.network.plan.NetworkPlumbing;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The bridge of each tenant network: made up with the network's MTU, with no address at all (IPv6 is turned
 * off on it, so not even a link-local one), marked as the node's. The host never takes part in tenant
 * traffic; the bridge only switches between guests' taps and the namespaces' veths.
 */
public final class NetworkBridges {

    private static final Logger LOG = Logger.getLogger(NetworkBridges.class);

    private final HostShell shell;

    public NetworkBridges(HostShell shell) {
        this.shell = shell;
    }

    /** Makes the network's bridge, or changes what differs; a physical bridge must exist and is left as it is. */
    public void ensure(NetworkPlumbing network, Map<String, Link> hostLinks) throws HostNetworkingException {
        String name = network.bridge();
        Link link = hostLinks.get(name);
        if (!network.ownsBridge()) {
            if (link == null || !"bridge".equals(link.kind())) {
                throw new HostNetworkingException("the physical bridge " + name + " of network "
                        + network.networkId() + " does not exist");
            }
            return;
        }
        String mark = Ownership.mark(Ownership.NETWORK, network.networkId());
        if (link == null) {
            shell.ip(null, "link", "add", "name", name, "type", "bridge");
            disableIpv6(name);
            shell.ip(null, "link", "set", "dev", name, "alias", mark);
            if (network.mtu() > 0) {
                shell.ip(null, "link", "set", "dev", name, "mtu", Integer.toString(network.mtu()));
            }
            shell.ip(null, "link", "set", "dev", name, "up");
            LOG.infof("Created bridge %s of network %s", name, network.networkId());
            return;
        }
        if (!"bridge".equals(link.kind())) {
            throw new HostNetworkingException(name + " exists and is not a bridge (" + link.kind() + ")");
        }
        if (!mark.equals(link.alias())) {
            shell.ip(null, "link", "set", "dev", name, "alias", mark);
        }
        if (!link.addresses().isEmpty()) {
            disableIpv6(name);
            shell.ip(null, "addr", "flush", "dev", name);
            LOG.warnf("Removed addresses %s from bridge %s: the host takes no part in tenant traffic",
                    link.addresses(), name);
        }
        if (network.mtu() > 0 && link.mtu() != network.mtu()) {
            shell.ip(null, "link", "set", "dev", name, "mtu", Integer.toString(network.mtu()));
        }
        if (!link.up()) {
            shell.ip(null, "link", "set", "dev", name, "up");
        }
    }

    /** Removes the node's bridges whose network is not among {@code networkIds}. */
    public void removeOthers(Set<String> networkIds, Map<String, Link> hostLinks) throws HostNetworkingException {
        for (Link link : hostLinks.values()) {
            String owner = Ownership.owner(link.alias(), Ownership.NETWORK);
            if (owner != null && "bridge".equals(link.kind()) && !networkIds.contains(owner)) {
                shell.ip(null, "link", "delete", "dev", link.name());
                LOG.infof("Removed bridge %s of network %s", link.name(), owner);
            }
        }
    }

    private void disableIpv6(String name) throws HostNetworkingException {
        shell.onHost("sysctl", "-q", "-w", "net.ipv6.conf." + name + ".disable_ipv6=1");
    }
}
