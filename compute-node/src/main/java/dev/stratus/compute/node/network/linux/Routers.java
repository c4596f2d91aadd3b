package dev.stratus.compute.node.network.linux;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.compute.node.network.HostNetworkingException;
import dev.stratus.compute.node.network.MeteredTraffic;
import dev.stratus.compute.node.network.PlumbingNames;
import dev.stratus.compute.node.network.plan.ExternalGateway;
import dev.stratus.compute.node.network.plan.FloatingIpNat;
import dev.stratus.compute.node.network.plan.HostNetworkPlan;
import dev.stratus.compute.node.network.plan.IpPrefix;
import dev.stratus.compute.node.network.plan.NetworkPlumbing;
import dev.stratus.compute.node.network.plan.RouterInterface;
import dev.stratus.compute.node.network.plan.RouterPlumbing;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * One namespace {@code srouter-<router>} per router: forwarding on, a {@code qr-} veth into each tenant
 * bridge with the subnet's gateway address, a {@code qg-} veth into the external bridge with the gateway
 * address and the floating IPs (so the router answers ARP for them), a default route via the external
 * subnet's gateway, the {@link RouterNatRuleset} and the {@link RouterMeteringRuleset} of its metering labels.
 */
public final class Routers {

    private static final Logger LOG = Logger.getLogger(Routers.class);

    private final HostShell shell;
    private final Namespaces namespaces;
    private final Links links;
    private final NamespaceLegs legs;
    private final NftTables tables;
    private final RouterMeters meters;

    public Routers(HostShell shell, Namespaces namespaces, Links links, NamespaceLegs legs, NftTables tables) {
        this.shell = shell;
        this.meters = new RouterMeters(shell, tables);
        this.namespaces = namespaces;
        this.links = links;
        this.legs = legs;
        this.tables = tables;
    }

    public String namespace(String routerId) {
        return namespaces.name(PlumbingNames.ROUTER_NAMESPACE_PREFIX, routerId);
    }

    public void ensure(RouterPlumbing router, HostNetworkPlan plan, Map<String, Link> hostLinks)
            throws HostNetworkingException {
        String ns = namespace(router.routerId());
        namespaces.ensure(ns);
        String forwarding = shell.in(ns, "sysctl", "-n", "net.ipv4.ip_forward", "net.ipv6.conf.all.forwarding");
        if (!forwarding.replaceAll("\\s+", " ").strip().equals("1 1")) {
            shell.in(ns, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1");
        }
        String mark = Ownership.mark(Ownership.ROUTER, router.routerId());
        Map<String, Link> nsLinks = links.all(ns);

        List<NamespaceLeg> wanted = new ArrayList<>();
        for (RouterInterface leg : router.interfaces()) {
            NetworkPlumbing network = plan.network(leg.networkId()).orElseThrow();
            wanted.add(new NamespaceLeg(ns, PlumbingNames.tapName(leg.portId()),
                    PlumbingNames.routerInterfaceName(leg.portId()), network.bridge(), leg.mac(), network.mtu(),
                    List.of(leg.prefix()), mark));
        }
        ExternalGateway gateway = router.gateway();
        String external = null;
        if (gateway != null) {
            NetworkPlumbing network = plan.network(gateway.networkId()).orElseThrow();
            external = PlumbingNames.gatewayInterfaceName(gateway.portId());
            List<IpPrefix> addresses = new ArrayList<>();
            addresses.add(gateway.prefix());
            for (FloatingIpNat nat : router.floatingIps()) {
                addresses.add(IpPrefix.parseHost(nat.floatingIp()));
            }
            wanted.add(new NamespaceLeg(ns, PlumbingNames.tapName(gateway.portId()), external, network.bridge(),
                    gateway.mac(), network.mtu(), addresses, mark));
        }
        Set<String> keep = new HashSet<>();
        wanted.forEach(leg -> keep.add(leg.namespaceEnd()));
        legs.removeOthers(ns, PlumbingNames.ROUTER_INTERFACE_PREFIX, keep, nsLinks);
        legs.removeOthers(ns, PlumbingNames.GATEWAY_INTERFACE_PREFIX, keep, nsLinks);
        for (NamespaceLeg leg : wanted) {
            legs.ensure(leg, hostLinks, nsLinks);
        }
        defaultRoute(ns, gateway == null ? null : gateway.gatewayIp(), external);

        String definitions = RouterNatRuleset.render(router, null);
        if (definitions.isEmpty()) {
            tables.delete(ns, List.of(RouterNatRuleset.TABLE));
        } else {
            String digest = NftTables.digest(definitions);
            tables.replace(ns, List.of(RouterNatRuleset.TABLE), RouterNatRuleset.render(router, digest), digest);
        }
        meters.ensure(ns, router);
    }

    private void defaultRoute(String ns, String via, String device) throws HostNetworkingException {
        JsonNode routes = shell.ipJson(ns, "-4", "route", "show", "default");
        boolean present = routes.size() > 0;
        JsonNode route = routes.path(0);
        boolean current = routes.size() == 1 && via != null && via.equals(route.path("gateway").asText())
                && device.equals(route.path("dev").asText());
        if (via != null && !current) {
            shell.ip(ns, "-4", "route", "replace", "default", "via", via, "dev", device);
        } else if (via == null && present) {
            shell.ip(ns, "-4", "route", "delete", "default");
        }
    }

    /** Routers with a namespace of this node. */
    public Set<String> present() throws HostNetworkingException {
        return new TreeSet<>(namespaces.ids(PlumbingNames.ROUTER_NAMESPACE_PREFIX));
    }

    /** Deletes the router's namespace, and with it its veths and NAT. */
    public void remove(String routerId) throws HostNetworkingException {
        try {
            meters.harvest(namespace(routerId));
        } catch (HostNetworkingException e) {
            LOG.warnf("Router %s: metering counters not read before removal: %s", routerId, e.getMessage());
        }
        namespaces.delete(namespace(routerId));
        LOG.infof("Removed router %s", routerId);
    }

    /** What each metering label counted in this node's routers since the last call. */
    public Map<String, MeteredTraffic> collectMeteredTraffic() throws HostNetworkingException {
        List<String> present = new ArrayList<>();
        for (String routerId : present()) {
            present.add(namespace(routerId));
        }
        return meters.collect(present);
    }
}
