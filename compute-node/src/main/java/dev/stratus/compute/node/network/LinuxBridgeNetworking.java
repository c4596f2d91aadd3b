package dev.stratus.compute.node.network;

import dev.stratus.compute.node.network.linux.DhcpServers;
import dev.stratus.compute.node.network.linux.GuestTaps;
import dev.stratus.compute.node.network.linux.HostShell;
import dev.stratus.compute.node.network.linux.Link;
import dev.stratus.compute.node.network.linux.Links;
import dev.stratus.compute.node.network.linux.NamespaceLegs;
import dev.stratus.compute.node.network.linux.Namespaces;
import dev.stratus.compute.node.network.linux.NetworkBridges;
import dev.stratus.compute.node.network.linux.NftTables;
import dev.stratus.compute.node.network.linux.PortFilters;
import dev.stratus.compute.node.network.linux.Routers;
import dev.stratus.compute.node.network.plan.HostNetworkPlan;
import dev.stratus.compute.node.network.plan.NetworkPlumbing;
import dev.stratus.compute.node.network.plan.PortPlumbing;
import dev.stratus.compute.node.network.plan.RouterPlumbing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The host plumbing on Linux: bridges, veths and namespaces with iproute2, rules with nftables, DHCP with
 * dnsmasq; needs CAP_NET_ADMIN (root). {@link #apply} reconciles in this order: bridges, the ports' rules
 * (before any tap of theirs can exist), the ports' taps that libvirt already made, DHCP servers, routers,
 * then removes the DHCP servers, routers and bridges of the node that the plan no longer has.
 */
public class LinuxBridgeNetworking implements HostNetworking {

    private static final Logger LOG = Logger.getLogger(LinuxBridgeNetworking.class);
    // Linux interface names: at most 15 bytes, no slash, colon or white space.
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

    /**
     * @param stateDirectory where DHCP files and pid files live ({@code <dir>/dhcp/<network>/})
     * @param hostNamespace null: the plumbing lives in the root namespace, as libvirt's taps do; else the
     *        network namespace it is confined to (several simulated hosts on one machine), whose name also
     *        prefixes the node's DHCP and router namespaces
     */
    public record Settings(Path stateDirectory, String hostNamespace) {

        public static final Path DEFAULT_STATE_DIRECTORY = Path.of("/var/lib/stratus/network");

        public static Settings defaults() {
            return new Settings(DEFAULT_STATE_DIRECTORY, null);
        }
    }

    private final HostShell shell;
    private final Links links;
    private final NetworkBridges bridges;
    private final PortFilters filters;
    private final GuestTaps taps;
    private final DhcpServers dhcp;
    private final Routers routers;

    public LinuxBridgeNetworking(CommandRunner commands) {
        this(commands, Settings.defaults());
    }

    public LinuxBridgeNetworking(CommandRunner commands, Settings settings) {
        this.shell = new HostShell(commands, settings.hostNamespace());
        this.links = new Links(shell);
        Namespaces namespaces = new Namespaces(shell);
        NamespaceLegs legs = new NamespaceLegs(shell);
        NftTables tables = new NftTables(shell);
        this.bridges = new NetworkBridges(shell);
        this.filters = new PortFilters(shell, tables);
        this.taps = new GuestTaps(shell);
        this.dhcp = new DhcpServers(shell, namespaces, links, legs, settings.stateDirectory());
        this.routers = new Routers(shell, namespaces, links, legs, tables);
    }

    static String requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a valid Linux interface name: " + name);
        }
        return name;
    }

    @Override
    public synchronized void apply(HostNetworkPlan plan) throws HostNetworkingException {
        Failures failures = new Failures();
        Map<String, Link> hostLinks = links.all(null);
        for (NetworkPlumbing network : plan.networks()) {
            failures.attempt("bridge of network " + network.networkId(), () -> bridges.ensure(network, hostLinks));
        }
        failures.attempt("security group rules", () -> filters.apply(plan));
        for (PortPlumbing port : plan.ports()) {
            failures.attempt("tap of port " + port.portId(), () -> taps.ensure(plan, port, hostLinks));
        }
        for (NetworkPlumbing network : plan.networks()) {
            if (network.servesDhcp()) {
                failures.attempt("DHCP server of network " + network.networkId(),
                        () -> dhcp.ensure(network, plan.dhcpClientsOn(network.networkId()), hostLinks));
            }
        }
        for (RouterPlumbing router : plan.routers()) {
            failures.attempt("router " + router.routerId(), () -> routers.ensure(router, plan, hostLinks));
        }

        Set<String> dhcpNetworks = plan.networks().stream().filter(NetworkPlumbing::servesDhcp)
                .map(NetworkPlumbing::networkId).collect(Collectors.toSet());
        failures.attempt("removal of DHCP servers", () -> {
            for (String networkId : dhcp.present()) {
                if (!dhcpNetworks.contains(networkId)) {
                    failures.attempt("removal of the DHCP server of network " + networkId,
                            () -> dhcp.remove(networkId));
                }
            }
        });
        Set<String> routerIds = plan.routers().stream().map(RouterPlumbing::routerId).collect(Collectors.toSet());
        failures.attempt("removal of routers", () -> {
            for (String routerId : routers.present()) {
                if (!routerIds.contains(routerId)) {
                    failures.attempt("removal of router " + routerId, () -> routers.remove(routerId));
                }
            }
        });
        Set<String> networkIds = plan.networks().stream().filter(NetworkPlumbing::ownsBridge)
                .map(NetworkPlumbing::networkId).collect(Collectors.toSet());
        failures.attempt("removal of bridges", () -> bridges.removeOthers(networkIds, links.all(null)));
        failures.throwIfAny();
    }

    @Override
    public synchronized Map<String, MeteredTraffic> collectMeteredTraffic() throws HostNetworkingException {
        return routers.collectMeteredTraffic();
    }

    @Override
    public synchronized void ensureBridge(String name) throws HostNetworkingException {
        requireValidName(name);
        if (!exists(name)) {
            CommandRunner.Result added = shell.tryIp(null, "link", "add", "name", name, "type", "bridge");
            // Another process may have created it between our check and our add: that is fine.
            if (!added.ok() && !exists(name)) {
                throw new HostNetworkingException("cannot create bridge " + name + ": " + added.output());
            }
            LOG.infof("Created bridge %s", name);
        }
        // Like the plan's bridges, it carries no address of the host unless the operator gives it one: the
        // root namespace sends nothing onto it by itself (no IPv6 link-local address, no router solicitation).
        shell.onHost("sysctl", "-q", "-w", "net.ipv6.conf." + name + ".disable_ipv6=1");
        CommandRunner.Result up = shell.tryIp(null, "link", "set", "dev", name, "up");
        if (!up.ok()) {
            throw new HostNetworkingException("cannot bring bridge " + name + " up: " + up.output());
        }
    }

    @Override
    public boolean hasBridge(String name) {
        try {
            return exists(name);
        } catch (HostNetworkingException e) {
            return false;
        }
    }

    private boolean exists(String name) throws HostNetworkingException {
        return shell.tryIp(null, "link", "show", "dev", name).ok();
    }

    /** What went wrong in one reconciliation; the rest carries on. */
    private static final class Failures {
        private final List<String> messages = new ArrayList<>();

        interface Step {
            void run() throws HostNetworkingException;
        }

        void attempt(String what, Step step) {
            try {
                step.run();
            } catch (HostNetworkingException | RuntimeException e) {
                LOG.warnf("Host networking: %s failed: %s", what, e.getMessage());
                messages.add(what + ": " + e.getMessage());
            }
        }

        void throwIfAny() throws HostNetworkingException {
            if (!messages.isEmpty()) {
                throw new HostNetworkingException(String.join("; ", messages));
            }
        }
    }
}
