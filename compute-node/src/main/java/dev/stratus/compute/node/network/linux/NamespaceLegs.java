package dev.stratus.compute.node.network.linux;

import dev.stratus.compute.node.network.HostNetworkingException;
import dev.stratus.compute.node.network.plan.IpPrefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Makes {@link NamespaceLeg}s match what they should be, changing only what differs. */
public final class NamespaceLegs {

    private final HostShell shell;

    public NamespaceLegs(HostShell shell) {
        this.shell = shell;
    }

    /**
     * @param hostLinks the host's interfaces, read at the start of this reconciliation
     * @param namespaceLinks the namespace's interfaces, read just before
     */
    public void ensure(NamespaceLeg leg, Map<String, Link> hostLinks, Map<String, Link> namespaceLinks)
            throws HostNetworkingException {
        Link inside = namespaceLinks.get(leg.namespaceEnd());
        Link outside = hostLinks.get(leg.hostEnd());
        if (inside == null || !"veth".equals(inside.kind())) {
            if (inside != null) {
                shell.ip(leg.namespace(), "link", "delete", "dev", leg.namespaceEnd());
            }
            if (outside != null) {
                // left over from a pair whose other end is gone or elsewhere
                shell.ip(null, "link", "delete", "dev", leg.hostEnd());
            }
            List<String> add = new ArrayList<>(List.of("link", "add", leg.hostEnd()));
            if (leg.mtu() > 0) {
                add.addAll(List.of("mtu", Integer.toString(leg.mtu())));
            }
            add.addAll(List.of("type", "veth", "peer", "name", leg.namespaceEnd(), "netns", leg.namespace()));
            shell.ip(null, add.toArray(String[]::new));
            shell.onHost("sysctl", "-q", "-w", "net.ipv6.conf." + leg.hostEnd() + ".disable_ipv6=1");
            outside = null;
            inside = null;
        }
        ensureHostEnd(leg, outside);
        ensureNamespaceEnd(leg, inside);
    }

    private void ensureHostEnd(NamespaceLeg leg, Link outside) throws HostNetworkingException {
        String name = leg.hostEnd();
        if (outside == null || !leg.mark().equals(outside.alias())) {
            shell.ip(null, "link", "set", "dev", name, "alias", leg.mark());
        }
        if (outside != null && !outside.assignedAddresses().isEmpty()) {
            shell.ip(null, "addr", "flush", "dev", name);
        }
        if (outside == null || !leg.bridge().equals(outside.master())) {
            shell.ip(null, "link", "set", "dev", name, "master", leg.bridge());
        }
        if (leg.mtu() > 0 && (outside == null || outside.mtu() != leg.mtu())) {
            shell.ip(null, "link", "set", "dev", name, "mtu", Integer.toString(leg.mtu()));
        }
        if (outside == null || !outside.up()) {
            shell.ip(null, "link", "set", "dev", name, "up");
        }
    }

    private void ensureNamespaceEnd(NamespaceLeg leg, Link inside) throws HostNetworkingException {
        String ns = leg.namespace();
        String name = leg.namespaceEnd();
        if (inside == null || !leg.mac().equalsIgnoreCase(inside.mac())) {
            shell.ip(ns, "link", "set", "dev", name, "address", leg.mac());
        }
        if (leg.mtu() > 0 && (inside == null || inside.mtu() != leg.mtu())) {
            shell.ip(ns, "link", "set", "dev", name, "mtu", Integer.toString(leg.mtu()));
        }
        if (inside == null || !inside.up()) {
            shell.ip(ns, "link", "set", "dev", name, "up");
        }
        List<IpPrefix> present = inside == null ? List.of() : inside.assignedAddresses();
        for (IpPrefix address : present) {
            if (!leg.addresses().contains(address)) {
                shell.ip(ns, "addr", "delete", address.withLengthText(), "dev", name);
            }
        }
        for (IpPrefix address : leg.addresses()) {
            if (!present.contains(address)) {
                shell.ip(ns, "addr", "add", address.withLengthText(), "dev", name);
            }
        }
    }

    /** Deletes the namespace's interfaces named with {@code prefix} that are not in {@code keep}. */
    public void removeOthers(String namespace, String prefix, Set<String> keep, Map<String, Link> namespaceLinks)
            throws HostNetworkingException {
        for (String name : namespaceLinks.keySet()) {
            if (name.startsWith(prefix) && !keep.contains(name)) {
                shell.ip(namespace, "link", "delete", "dev", name);
            }
        }
    }
}
