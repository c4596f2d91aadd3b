package dev.stratus.compute.node.network.ports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.network.client.NetworkServiceException;
import dev.stratus.compute.node.network.plan.AllowedAddressPair;
import dev.stratus.compute.node.network.plan.DhcpOption;
import dev.stratus.compute.node.network.plan.DhcpServer;
import dev.stratus.compute.node.network.plan.ExternalGateway;
import dev.stratus.compute.node.network.plan.FixedIp;
import dev.stratus.compute.node.network.plan.FloatingIpNat;
import dev.stratus.compute.node.network.plan.HostNetworkPlan;
import dev.stratus.compute.node.network.plan.HostRoute;
import dev.stratus.compute.node.network.plan.MeteringLabel;
import dev.stratus.compute.node.network.plan.MeteringRule;
import dev.stratus.compute.node.network.plan.NetworkPlumbing;
import dev.stratus.compute.node.network.plan.PortPlumbing;
import dev.stratus.compute.node.network.plan.RouterInterface;
import dev.stratus.compute.node.network.plan.RouterPlumbing;
import dev.stratus.compute.node.network.plan.SecurityRule;
import dev.stratus.compute.node.network.plan.SubnetPlumbing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Turns what network-service knows about the guest ports bound to this host into the host's plan: their
 * networks (bridge, DHCP), their security group rules with remote groups resolved to addresses, and the
 * routers of those networks with the floating IPs of this host's ports. A router is plumbed on every host
 * with a guest on one of its subnets, so east-west and floating-IP traffic never leaves the host.
 */
public class HostNetworkPlanner {

    private static final Logger LOG = Logger.getLogger(HostNetworkPlanner.class);
    static final String COMPUTE_OWNER = "compute:";
    static final String DHCP_OWNER = "network:dhcp";
    static final String ROUTER_INTERFACE_OWNER = "network:router_interface";
    static final String ROUTER_GATEWAY_OWNER = "network:router_gateway";

    private final NetworkView view;
    private final Map<String, String> physicalBridges;
    private final Function<String, String> hostnameOfDevice;

    /**
     * @param physicalBridges physical network name to the existing host bridge of flat provider networks
     * @param hostnameOfDevice a server's host name from its id, null when unknown
     */
    public HostNetworkPlanner(NetworkView view, Map<String, String> physicalBridges,
            Function<String, String> hostnameOfDevice) {
        this.view = view;
        this.physicalBridges = Map.copyOf(physicalBridges);
        this.hostnameOfDevice = hostnameOfDevice;
    }

    /**
     * The host's plan. DHCP is served for every network plumbed here (those of its guests and of their routers)
     * and for the networks network-service's DHCP scheduler bound to this host's DHCP agent, which are plumbed
     * (bridge and dnsmasq) even without a guest on them; a network unbound from the agent stays only while a
     * guest or router here needs it. A network of the DHCP agent is served to all its guests, wherever they are
     * bound.
     */
    public HostNetworkPlan plan(String host) {
        List<JsonNode> guests = view.portsBoundTo(host).stream()
                .filter(p -> p.path("device_owner").asText("").startsWith(COMPUTE_OWNER)).toList();
        List<String> scheduled = dhcpAgentNetworks(host);
        if (guests.isEmpty() && scheduled.isEmpty()) {
            return HostNetworkPlan.EMPTY;
        }
        Set<String> guestNetworks = new LinkedHashSet<>();
        guests.forEach(p -> guestNetworks.add(p.path("network_id").asText()));
        List<RouterPlumbing> routers = guestNetworks.isEmpty() ? List.of() : routers(guestNetworks, guests);
        Set<String> networkIds = new LinkedHashSet<>(guestNetworks);
        for (RouterPlumbing r : routers) {
            r.interfaces().forEach(i -> networkIds.add(i.networkId()));
            if (r.gateway() != null) {
                networkIds.add(r.gateway().networkId());
            }
        }
        Set<String> needed = Set.copyOf(networkIds);
        networkIds.addAll(scheduled);
        // a network plumbed for its DHCP agent alone is left out while it has nothing to serve
        List<NetworkPlumbing> networks = networks(networkIds, remoteDhcpClients(host, scheduled)).stream()
                .filter(n -> needed.contains(n.networkId()) || n.servesDhcp()).toList();
        Set<String> planned = new LinkedHashSet<>();
        networks.forEach(n -> planned.add(n.networkId()));
        List<PortPlumbing> ports = new ArrayList<>();
        Map<String, List<SecurityRule>> rulesByGroup = rules(guests);
        for (JsonNode port : guests) {
            if (planned.contains(port.path("network_id").asText())) {
                ports.add(port(port, rulesByGroup));
            }
        }
        List<RouterPlumbing> placed = routers.stream().filter(r -> r.interfaces().stream()
                .allMatch(i -> planned.contains(i.networkId()))
                && (r.gateway() == null || planned.contains(r.gateway().networkId()))).toList();
        return new HostNetworkPlan(networks, ports, placed);
    }

    /**
     * The guest ports of the networks of this host's DHCP agent that are bound elsewhere (or nowhere yet): as
     * Neutron's DHCP agent, the host serves every port of such a network, not only its own.
     */
    private Map<String, List<PortPlumbing>> remoteDhcpClients(String host, List<String> scheduled) {
        Map<String, List<PortPlumbing>> out = new HashMap<>();
        if (scheduled.isEmpty()) {
            return out;
        }
        for (JsonNode p : view.ports(Map.of("network_id", List.copyOf(scheduled)))) {
            if (p.path("device_owner").asText("").startsWith(COMPUTE_OWNER)
                    && !host.equals(p.path("binding:host_id").asText(""))) {
                try {
                    out.computeIfAbsent(p.path("network_id").asText(), k -> new ArrayList<>()).add(port(p, Map.of()));
                } catch (IllegalArgumentException e) {
                    LOG.warnf("Port %s left out of DHCP (%s)", p.path("id").asText(), e.getMessage());
                }
            }
        }
        return out;
    }

    private List<NetworkPlumbing> networks(Set<String> ids, Map<String, List<PortPlumbing>> remoteDhcpClients) {
        Map<String, JsonNode> networks = view.networks(ids);
        Map<String, List<JsonNode>> subnets = new HashMap<>();
        for (JsonNode s : view.subnetsOf(ids)) {
            subnets.computeIfAbsent(s.path("network_id").asText(), k -> new ArrayList<>()).add(s);
        }
        Map<String, JsonNode> dhcpPorts = new HashMap<>();
        for (JsonNode p : view.ports(Map.of("network_id", List.copyOf(ids), "device_owner", List.of(DHCP_OWNER)))) {
            dhcpPorts.putIfAbsent(p.path("network_id").asText(), p);
        }
        List<NetworkPlumbing> out = new ArrayList<>();
        for (String id : ids) {
            JsonNode network = networks.get(id);
            if (network == null) {
                continue;
            }
            String bridge = null;
            String physical = network.path("provider:physical_network").asText("");
            if (!physical.isEmpty() && "flat".equals(network.path("provider:network_type").asText())) {
                bridge = physicalBridges.get(physical);
                if (bridge == null) {
                    LOG.warnf("Network %s is on physical network %s, which this host does not map to a bridge"
                            + " (stratus.compute.network.physical-bridges): not plumbed", id, physical);
                    continue;
                }
            }
            List<SubnetPlumbing> plumbed = new ArrayList<>();
            for (JsonNode s : subnets.getOrDefault(id, List.of())) {
                plumbed.add(subnet(s));
            }
            JsonNode dhcpPort = dhcpPorts.get(id);
            DhcpServer dhcp = dhcpPort == null || plumbed.stream().noneMatch(SubnetPlumbing::enableDhcp) ? null
                    : new DhcpServer(dhcpPort.path("id").asText(), dhcpPort.path("mac_address").asText(),
                            fixedIps(dhcpPort));
            out.add(new NetworkPlumbing(id, network.path("mtu").asInt(0), bridge, dhcp, plumbed,
                    dhcp == null ? List.of() : remoteDhcpClients.getOrDefault(id, List.of())));
        }
        return out;
    }

    private static SubnetPlumbing subnet(JsonNode s) {
        List<HostRoute> routes = new ArrayList<>();
        s.path("host_routes").forEach(r -> routes.add(new HostRoute(r.path("destination").asText(),
                r.path("nexthop").asText())));
        String gateway = s.path("gateway_ip").isNull() ? null : s.path("gateway_ip").asText(null);
        return new SubnetPlumbing(s.path("id").asText(), s.path("cidr").asText(), s.path("ip_version").asInt(4),
                gateway, NetworkView.texts(s.path("dns_nameservers")), routes, s.path("enable_dhcp").asBoolean(true),
                textOrNull(s.path("ipv6_ra_mode")), textOrNull(s.path("ipv6_address_mode")));
    }

    private static String textOrNull(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private PortPlumbing port(JsonNode port, Map<String, List<SecurityRule>> rulesByGroup) {
        List<AllowedAddressPair> pairs = new ArrayList<>();
        port.path("allowed_address_pairs").forEach(p -> pairs.add(new AllowedAddressPair(p.path("ip_address").asText(),
                p.path("mac_address").asText(null))));
        boolean security = port.path("port_security_enabled").asBoolean(true);
        List<SecurityRule> rules = new ArrayList<>();
        if (security) {
            for (String group : NetworkView.texts(port.path("security_groups"))) {
                rules.addAll(rulesByGroup.getOrDefault(group, List.of()));
            }
        }
        String hostname = port.path("dns_name").asText("");
        if (hostname.isEmpty()) {
            hostname = hostnameOfDevice.apply(port.path("device_id").asText());
        }
        return new PortPlumbing(port.path("id").asText(), port.path("network_id").asText(),
                port.path("mac_address").asText(), fixedIps(port), hostname, security, pairs, rules,
                dhcpOptions(port));
    }

    /** The port's extra_dhcp_opts; one that cannot be an option (no name, no value) is left out. */
    static List<DhcpOption> dhcpOptions(JsonNode port) {
        List<DhcpOption> out = new ArrayList<>();
        for (JsonNode o : port.path("extra_dhcp_opts")) {
            try {
                if (!o.path("opt_value").isTextual()) {
                    throw new IllegalArgumentException("no value");
                }
                out.add(new DhcpOption(o.path("opt_name").asText(""), o.path("opt_value").asText(),
                        o.path("ip_version").asInt(4)));
            } catch (IllegalArgumentException e) {
                LOG.warnf("Port %s: extra DHCP option %s left out (%s)", port.path("id").asText(), o, e.getMessage());
            }
        }
        return out;
    }

    /** The rules of every group of these ports, remote groups resolved to their members' addresses. */
    private Map<String, List<SecurityRule>> rules(List<JsonNode> ports) {
        Set<String> groupIds = new LinkedHashSet<>();
        for (JsonNode p : ports) {
            if (p.path("port_security_enabled").asBoolean(true)) {
                groupIds.addAll(NetworkView.texts(p.path("security_groups")));
            }
        }
        Map<String, JsonNode> groups = view.securityGroups(groupIds);
        Set<String> remoteGroups = new LinkedHashSet<>();
        groups.values().forEach(g -> g.path("security_group_rules").forEach(r -> {
            if (!r.path("remote_group_id").asText("").isEmpty()) {
                remoteGroups.add(r.path("remote_group_id").asText());
            }
        }));
        Map<String, List<String>> members = new HashMap<>();
        if (!remoteGroups.isEmpty()) {
            for (JsonNode p : view.ports(Map.of("security_groups", List.copyOf(remoteGroups)))) {
                List<String> addresses = new ArrayList<>();
                p.path("fixed_ips").forEach(ip -> addresses.add(ip.path("ip_address").asText()));
                p.path("allowed_address_pairs").forEach(a -> addresses.add(a.path("ip_address").asText()));
                for (String g : NetworkView.texts(p.path("security_groups"))) {
                    if (remoteGroups.contains(g)) {
                        members.computeIfAbsent(g, k -> new ArrayList<>()).addAll(addresses);
                    }
                }
            }
        }
        Map<String, List<SecurityRule>> out = new LinkedHashMap<>();
        for (JsonNode g : groups.values()) {
            List<SecurityRule> rules = new ArrayList<>();
            for (JsonNode r : g.path("security_group_rules")) {
                rules.add(rule(r, members));
            }
            out.put(g.path("id").asText(), rules);
        }
        return out;
    }

    static SecurityRule rule(JsonNode r, Map<String, List<String>> members) {
        List<String> remote = null;
        String prefix = r.path("remote_ip_prefix").asText("");
        String group = r.path("remote_group_id").asText("");
        if (!prefix.isEmpty()) {
            remote = List.of(prefix);
        } else if (!group.isEmpty()) {
            remote = members.getOrDefault(group, List.of());
        }
        String protocol = r.path("protocol").isNull() ? null : r.path("protocol").asText(null);
        return new SecurityRule("ingress".equals(r.path("direction").asText())
                ? SecurityRule.Direction.INGRESS : SecurityRule.Direction.EGRESS,
                "IPv6".equals(r.path("ethertype").asText()) ? SecurityRule.Ethertype.IPV6 : SecurityRule.Ethertype.IPV4,
                protocol, intOrNull(r.path("port_range_min")), intOrNull(r.path("port_range_max")), remote);
    }

    /** The routers with an interface on these networks, with the floating IPs of this host's ports. */
    private List<RouterPlumbing> routers(Set<String> networks, List<JsonNode> guests) {
        Set<String> routerIds = new LinkedHashSet<>();
        for (JsonNode p : view.ports(Map.of("network_id", List.copyOf(networks),
                "device_owner", List.of(ROUTER_INTERFACE_OWNER)))) {
            routerIds.add(p.path("device_id").asText());
        }
        if (routerIds.isEmpty()) {
            return List.of();
        }
        Map<String, JsonNode> routers = view.routers(routerIds);
        Map<String, List<RouterInterface>> legs = new HashMap<>();
        Map<String, JsonNode> gatewayPorts = new HashMap<>();
        List<JsonNode> routerPorts = view.ports(Map.of("device_id", List.copyOf(routerIds)));
        Set<String> subnetIds = new LinkedHashSet<>();
        routerPorts.forEach(p -> p.path("fixed_ips").forEach(ip -> subnetIds.add(ip.path("subnet_id").asText())));
        Map<String, JsonNode> subnets = view.subnets(subnetIds);
        for (JsonNode p : routerPorts) {
            String owner = p.path("device_owner").asText();
            String router = p.path("device_id").asText();
            if (ROUTER_GATEWAY_OWNER.equals(owner)) {
                gatewayPorts.put(router, p);
            } else if (ROUTER_INTERFACE_OWNER.equals(owner)) {
                for (JsonNode ip : p.path("fixed_ips")) {
                    JsonNode subnet = subnets.get(ip.path("subnet_id").asText());
                    if (subnet != null) {
                        legs.computeIfAbsent(router, k -> new ArrayList<>()).add(new RouterInterface(
                                p.path("network_id").asText(), p.path("id").asText(), p.path("mac_address").asText(),
                                withLength(ip.path("ip_address").asText(), subnet.path("cidr").asText())));
                        break;
                    }
                }
            }
        }
        Set<String> localPorts = new LinkedHashSet<>();
        guests.forEach(p -> localPorts.add(p.path("id").asText()));
        Map<String, List<FloatingIpNat>> floating = new HashMap<>();
        for (JsonNode f : view.floatingIpsOf(routerIds)) {
            if (localPorts.contains(f.path("port_id").asText("")) && !f.path("fixed_ip_address").asText("").isEmpty()) {
                floating.computeIfAbsent(f.path("router_id").asText(), k -> new ArrayList<>()).add(new FloatingIpNat(
                        f.path("floating_ip_address").asText(), f.path("fixed_ip_address").asText()));
            }
        }
        List<RouterPlumbing> out = new ArrayList<>();
        List<MeteringLabel> labels = null;
        for (String id : routerIds) {
            JsonNode router = routers.get(id);
            if (router == null || !router.path("admin_state_up").asBoolean(true)) {
                continue;
            }
            ExternalGateway gateway = gateway(router, gatewayPorts.get(id), subnets);
            List<MeteringLabel> metered = List.of();
            if (gateway != null) {
                labels = labels == null ? meteringLabels() : labels;
                String project = router.path("project_id").asText("");
                metered = labels.stream().filter(l -> l.appliesTo(project)).toList();
            }
            out.add(new RouterPlumbing(id, gateway, legs.getOrDefault(id, List.of()),
                    gateway == null ? List.of() : floating.getOrDefault(id, List.of()), metered));
        }
        return out;
    }

    /** The networks of this host's DHCP agent; none without the agents API (an older network-service). */
    private List<String> dhcpAgentNetworks(String host) {
        try {
            return view.dhcpAgentNetworks(host);
        } catch (NetworkServiceException e) {
            if (e.isNotFound()) {
                LOG.debugf("No DHCP agent networks read: %s", e.getMessage());
                return List.of();
            }
            throw e;
        }
    }

    /** Every metering label with its rules; none without the metering API (an older network-service). */
    private List<MeteringLabel> meteringLabels() {
        List<JsonNode> labels;
        Map<String, List<MeteringRule>> rules = new HashMap<>();
        try {
            labels = view.meteringLabels();
            Set<String> ids = new LinkedHashSet<>();
            labels.forEach(l -> ids.add(l.path("id").asText()));
            for (JsonNode r : view.meteringLabelRules(ids)) {
                try {
                    rules.computeIfAbsent(r.path("metering_label_id").asText(), k -> new ArrayList<>()).add(
                            MeteringRule.of(r.path("direction").asText(), r.path("excluded").asBoolean(false),
                                    textOrNull(r.path("remote_ip_prefix")), textOrNull(r.path("source_ip_prefix")),
                                    textOrNull(r.path("destination_ip_prefix"))));
                } catch (IllegalArgumentException e) {
                    LOG.warnf("Metering label rule %s left out (%s)", r.path("id").asText(), e.getMessage());
                }
            }
        } catch (NetworkServiceException e) {
            LOG.debugf("No metering labels read: %s", e.getMessage());
            return List.of();
        }
        List<MeteringLabel> out = new ArrayList<>();
        for (JsonNode l : labels) {
            String id = l.path("id").asText();
            out.add(new MeteringLabel(id, l.path("project_id").asText(), l.path("shared").asBoolean(false),
                    rules.getOrDefault(id, List.of())));
        }
        return out;
    }

    private static ExternalGateway gateway(JsonNode router, JsonNode port, Map<String, JsonNode> subnets) {
        JsonNode info = router.path("external_gateway_info");
        if (port == null || info.isMissingNode() || info.isNull()) {
            return null;
        }
        for (JsonNode ip : port.path("fixed_ips")) {
            JsonNode subnet = subnets.get(ip.path("subnet_id").asText());
            if (subnet != null && subnet.path("ip_version").asInt(4) == 4) {
                String gatewayIp = subnet.path("gateway_ip").isNull() ? null : subnet.path("gateway_ip").asText(null);
                return new ExternalGateway(port.path("network_id").asText(), port.path("id").asText(),
                        port.path("mac_address").asText(), withLength(ip.path("ip_address").asText(),
                                subnet.path("cidr").asText()), gatewayIp, info.path("enable_snat").asBoolean(true));
            }
        }
        return null;
    }

    private static List<FixedIp> fixedIps(JsonNode port) {
        List<FixedIp> out = new ArrayList<>();
        port.path("fixed_ips").forEach(ip -> out.add(new FixedIp(ip.path("subnet_id").asText(),
                ip.path("ip_address").asText())));
        return out;
    }

    static String withLength(String address, String cidr) {
        int slash = cidr.indexOf('/');
        return address + cidr.substring(slash);
    }

    private static Integer intOrNull(JsonNode n) {
        return n.isNumber() ? n.asInt() : null;
    }
}
