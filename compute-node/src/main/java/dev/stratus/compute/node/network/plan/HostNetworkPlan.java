package dev.stratus.compute.node.network.plan;

import dev.stratus.compute.node.network.PlumbingNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything this host must have for the ports bound to it: the networks they (and the hosted routers) are
 * on, the ports, and the routers. Immutable; {@code HostNetworking.apply} makes the host match it.
 *
 * <p>Checked on creation: ids are unique, every port and router leg is on a network of the plan, and no two
 * objects would get the same Linux interface name (names keep only 11 characters of an id).
 */
public record HostNetworkPlan(List<NetworkPlumbing> networks, List<PortPlumbing> ports,
        List<RouterPlumbing> routers) {

    public static final HostNetworkPlan EMPTY = new HostNetworkPlan(List.of(), List.of(), List.of());

    public HostNetworkPlan {
        networks = PlanChecks.list(networks);
        ports = PlanChecks.list(ports);
        routers = PlanChecks.list(routers);
        Map<String, String> names = new HashMap<>();
        Map<String, NetworkPlumbing> byId = new HashMap<>();
        for (NetworkPlumbing network : networks) {
            if (byId.put(network.networkId(), network) != null) {
                throw new IllegalArgumentException("network " + network.networkId() + " twice in the plan");
            }
            if (network.ownsBridge()) {
                claim(names, network.bridge(), "network " + network.networkId());
            }
            if (network.dhcp() != null) {
                claim(names, PlumbingNames.tapName(network.dhcp().portId()), "DHCP port " + network.dhcp().portId());
            }
        }
        for (PortPlumbing port : ports) {
            requireNetwork(byId, port.networkId(), "port " + port.portId());
            claim(names, PlumbingNames.tapName(port.portId()), "port " + port.portId());
        }
        Map<String, RouterPlumbing> routerIds = new HashMap<>();
        for (RouterPlumbing router : routers) {
            if (routerIds.put(router.routerId(), router) != null) {
                throw new IllegalArgumentException("router " + router.routerId() + " twice in the plan");
            }
            for (RouterInterface leg : router.interfaces()) {
                requireNetwork(byId, leg.networkId(), "router port " + leg.portId());
                claim(names, PlumbingNames.tapName(leg.portId()), "router port " + leg.portId());
            }
            if (router.gateway() != null) {
                requireNetwork(byId, router.gateway().networkId(), "router gateway " + router.gateway().portId());
                claim(names, PlumbingNames.tapName(router.gateway().portId()),
                        "router gateway " + router.gateway().portId());
            }
        }
    }

    private static void claim(Map<String, String> names, String name, String owner) {
        String previous = names.putIfAbsent(name, owner);
        if (previous != null) {
            throw new IllegalArgumentException(owner + " and " + previous + " would both be named " + name);
        }
    }

    private static void requireNetwork(Map<String, NetworkPlumbing> networks, String networkId, String owner) {
        if (!networks.containsKey(networkId)) {
            throw new IllegalArgumentException(owner + " is on network " + networkId + ", which is not in the plan");
        }
    }

    public Optional<NetworkPlumbing> network(String networkId) {
        return networks.stream().filter(n -> n.networkId().equals(networkId)).findFirst();
    }

    public List<PortPlumbing> portsOn(String networkId) {
        return ports.stream().filter(p -> p.networkId().equals(networkId)).toList();
    }

    /** The ports the network's DHCP server here answers: this host's, then the other hosts' it serves too. */
    public List<PortPlumbing> dhcpClientsOn(String networkId) {
        List<PortPlumbing> local = portsOn(networkId);
        List<PortPlumbing> remote = network(networkId).map(NetworkPlumbing::remoteDhcpClients).orElse(List.of());
        if (remote.isEmpty()) {
            return local;
        }
        List<PortPlumbing> all = new java.util.ArrayList<>(local);
        remote.stream().filter(r -> local.stream().noneMatch(l -> l.portId().equals(r.portId()))).forEach(all::add);
        return all;
    }
}
