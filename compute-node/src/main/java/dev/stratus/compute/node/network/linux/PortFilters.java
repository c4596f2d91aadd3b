package dev.stratus.compute.node.network.linux;

import dev.stratus.compute.node.network.CommandRunner;
import dev.stratus.compute.node.network.HostNetworkingException;
import dev.stratus.compute.node.network.plan.HostNetworkPlan;
import org.jboss.logging.Logger;

/**
 * Puts the {@link PortFilterRuleset} of a plan in place, in one nft transaction, when it differs from the one
 * the host has; removes both tables when no port needs them. Security groups need bridged packets to reach
 * the IP hooks, so br_netfilter's {@code bridge-nf-call-iptables} and {@code -ip6tables} are turned on.
 */
public final class PortFilters {

    private static final Logger LOG = Logger.getLogger(PortFilters.class);
    private static final String[] BRIDGE_NETFILTER = {"net.bridge.bridge-nf-call-iptables",
        "net.bridge.bridge-nf-call-ip6tables"};

    private final HostShell shell;
    private final NftTables tables;

    public PortFilters(HostShell shell, NftTables tables) {
        this.shell = shell;
        this.tables = tables;
    }

    public void apply(HostNetworkPlan plan) throws HostNetworkingException {
        String definitions = PortFilterRuleset.render(plan, null);
        if (definitions.isEmpty()) {
            tables.delete(null, PortFilterRuleset.TABLES);
            return;
        }
        enableBridgeNetfilter();
        String digest = NftTables.digest(definitions);
        if (tables.replace(null, PortFilterRuleset.TABLES, PortFilterRuleset.render(plan, digest), digest)) {
            LOG.infof("Security group rules of %d ports in place (%s)",
                    PortFilterRuleset.securedPorts(plan).size(), digest);
        }
    }

    private void enableBridgeNetfilter() throws HostNetworkingException {
        CommandRunner.Result current = shell.tryIn(null, null, "sysctl", "-n", BRIDGE_NETFILTER[0],
                BRIDGE_NETFILTER[1]);
        if (current.ok() && current.output().replaceAll("\\s+", " ").strip().equals("1 1")) {
            return;
        }
        if (!current.ok()) {
            // br_netfilter is a module on most kernels; its sysctls appear once it is loaded
            shell.tryIn(null, null, "modprobe", "br_netfilter");
        }
        shell.onHost("sysctl", "-q", "-w", BRIDGE_NETFILTER[0] + "=1", BRIDGE_NETFILTER[1] + "=1");
    }
}
