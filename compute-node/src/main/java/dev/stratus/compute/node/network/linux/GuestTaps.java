package dev.stratus.compute.node.network.linux;

import dev.stratus.compute.node.network.HostNetworkingException;
import dev.stratus.compute.node.network.PlumbingNames;
import dev.stratus.compute.node.network.plan.HostNetworkPlan;
import dev.stratus.compute.node.network.plan.NetworkPlumbing;
import dev.stratus.compute.node.network.plan.PortPlumbing;
import java.util.Map;

/**
 * The taps libvirt made for the plan's ports, once they exist: the host keeps no address on them (libvirt
 * leaves IPv6 on, so the host would give each tap a link-local address and send its own router solicitations
 * and MLD reports into the guest) and they carry their network's MTU. Which bridge a tap is on is libvirt's
 * business; a tap that does not exist yet is left for a later reconciliation.
 */
public final class GuestTaps {

    private final HostShell shell;

    public GuestTaps(HostShell shell) {
        this.shell = shell;
    }

    public void ensure(HostNetworkPlan plan, PortPlumbing port, Map<String, Link> hostLinks)
            throws HostNetworkingException {
        String name = PlumbingNames.tapName(port.portId());
        Link tap = hostLinks.get(name);
        if (tap == null) {
            return;
        }
        if (!tap.addresses().isEmpty()) {
            shell.onHost("sysctl", "-q", "-w", "net.ipv6.conf." + name + ".disable_ipv6=1");
            shell.ip(null, "addr", "flush", "dev", name);
        }
        NetworkPlumbing network = plan.network(port.networkId()).orElseThrow();
        if (network.mtu() > 0 && tap.mtu() != network.mtu()) {
            shell.ip(null, "link", "set", "dev", name, "mtu", Integer.toString(network.mtu()));
        }
    }
}
