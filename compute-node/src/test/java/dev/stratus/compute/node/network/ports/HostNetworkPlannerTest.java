package dev.stratus.compute.node.network.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.common.network.client.NetworkServiceException;
import dev.stratus.compute.node.network.plan.DhcpOption;
import dev.stratus.compute.node.network.plan.HostNetworkPlan;
import dev.stratus.compute.node.network.plan.IpPrefix;
import dev.stratus.compute.node.network.plan.MeteringLabel;
import dev.stratus.compute.node.network.plan.MeteringRule;
import dev.stratus.compute.node.network.plan.NetworkPlumbing;
import dev.stratus.compute.node.network.plan.PortPlumbing;
import dev.stratus.compute.node.network.plan.RouterPlumbing;
import dev.stratus.compute.node.network.plan.SecurityRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plan a host makes from network-service's answers (canned here, in Neutron's shapes): its guests'
 * networks and ports, remote groups resolved to addresses, routers with this host's floating IPs only.
 */
class HostNetworkPlannerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NET = "11111111-aaaa-4000-8000-000000000001";
    private static final String EXT = "22222222-bbbb-4000-8000-000000000002";
    private static final String SUBNET = "33333333-cccc-4000-8000-000000000003";
    private static final String EXT_SUBNET = "44444444-dddd-4000-8000-000000000004";
    private static final String GROUP = "55555555-eeee-4000-8000-000000000005";
    private static final String ROUTER = "66666666-ffff-4000-8000-000000000006";

    private final Canned view = new Canned();

    @Test
    void guestsNetworksPortsRulesAndRouterOfThisHost() {
        view.ports.add(port("p-local", NET, "compute:nova", "vm-1", "host-a", "10.0.0.5", SUBNET, GROUP));
        view.ports.add(port("p-remote", NET, "compute:nova", "vm-2", "host-b", "10.0.0.6", SUBNET, GROUP));
        view.ports.add(port("p-dhcp", NET, "network:dhcp", "dhcp" + NET, "", "10.0.0.2", SUBNET));
        view.ports.add(port("p-qr", NET, "network:router_interface", ROUTER, "", "10.0.0.1", SUBNET));
        view.ports.add(port("p-qg", EXT, "network:router_gateway", ROUTER, "", "172.24.4.20", EXT_SUBNET));
        view.networks.add(json("{\"id\":\"" + NET + "\",\"mtu\":1450}"));
        view.networks.add(json("{\"id\":\"" + EXT + "\",\"mtu\":1500,\"router:external\":true,"
                + "\"provider:network_type\":\"flat\",\"provider:physical_network\":\"public\"}"));
        view.subnets.add(json("{\"id\":\"" + SUBNET + "\",\"network_id\":\"" + NET + "\",\"cidr\":\"10.0.0.0/24\","
                + "\"ip_version\":4,\"gateway_ip\":\"10.0.0.1\",\"enable_dhcp\":true,\"dns_nameservers\":[],"
                + "\"host_routes\":[]}"));
        view.subnets.add(json("{\"id\":\"" + EXT_SUBNET + "\",\"network_id\":\"" + EXT + "\",\"cidr\":\"172.24.4.0/24\","
                + "\"ip_version\":4,\"gateway_ip\":\"172.24.4.1\",\"enable_dhcp\":false,\"dns_nameservers\":[],"
                + "\"host_routes\":[]}"));
        view.groups.add(json("{\"id\":\"" + GROUP + "\",\"security_group_rules\":["
                + "{\"direction\":\"egress\",\"ethertype\":\"IPv4\",\"protocol\":null,\"remote_ip_prefix\":null,"
                + "\"remote_group_id\":null},"
                + "{\"direction\":\"ingress\",\"ethertype\":\"IPv4\",\"protocol\":null,\"remote_ip_prefix\":null,"
                + "\"remote_group_id\":\"" + GROUP + "\"},"
                + "{\"direction\":\"ingress\",\"ethertype\":\"IPv4\",\"protocol\":\"tcp\",\"port_range_min\":22,"
                + "\"port_range_max\":22,\"remote_ip_prefix\":\"192.0.2.0/24\",\"remote_group_id\":null}]}"));
        view.routers.add(json("{\"id\":\"" + ROUTER + "\",\"admin_state_up\":true,\"external_gateway_info\":"
                + "{\"network_id\":\"" + EXT + "\",\"enable_snat\":true}}"));
        view.floatingIps.add(json("{\"router_id\":\"" + ROUTER + "\",\"port_id\":\"p-local\","
                + "\"floating_ip_address\":\"172.24.4.30\",\"fixed_ip_address\":\"10.0.0.5\"}"));
        view.floatingIps.add(json("{\"router_id\":\"" + ROUTER + "\",\"port_id\":\"p-remote\","
                + "\"floating_ip_address\":\"172.24.4.31\",\"fixed_ip_address\":\"10.0.0.6\"}"));

        HostNetworkPlan plan = new HostNetworkPlanner(view, Map.of("public", "br-ex"), id -> "server-" + id)
                .plan("host-a");

        assertEquals(List.of("p-local"), plan.ports().stream().map(PortPlumbing::portId).toList());
        PortPlumbing port = plan.ports().get(0);
        assertEquals("server-vm-1", port.hostname());
        assertEquals("10.0.0.5", port.fixedIps().get(0).ipAddress());
        SecurityRule fromGroup = port.rules().get(1);
        assertEquals(SecurityRule.Direction.INGRESS, fromGroup.direction());
        assertEquals(List.of("10.0.0.5", "10.0.0.6"), fromGroup.remotePrefixes(),
                "a remote group is the addresses of its members, on every host");
        assertNull(port.rules().get(0).remotePrefixes(), "no remote: any");
        assertEquals(22, port.rules().get(2).portMin());

        NetworkPlumbing tenant = plan.network(NET).orElseThrow();
        assertEquals(1450, tenant.mtu());
        assertEquals("brq11111111-aa", tenant.bridge());
        assertEquals("p-dhcp", tenant.dhcp().portId());
        assertEquals("br-ex", plan.network(EXT).orElseThrow().bridge(), "a flat network uses its physical bridge");

        RouterPlumbing router = plan.routers().get(0);
        assertEquals("172.24.4.20/24", router.gateway().address());
        assertEquals("172.24.4.1", router.gateway().gatewayIp());
        assertEquals("10.0.0.1/24", router.interfaces().get(0).address());
        assertEquals(1, router.floatingIps().size(), "only the floating IPs of this host's ports");
        assertEquals("172.24.4.30", router.floatingIps().get(0).floatingIp());
    }

    @Test
    void extraDhcpOptionsComeWithThePortAndOddOnesAreLeftOut() {
        JsonNode port = json("{\"id\":\"p-pxe\",\"extra_dhcp_opts\":["
                + "{\"opt_name\":\"bootfile-name\",\"opt_value\":\"pxelinux.0\",\"ip_version\":4},"
                + "{\"opt_name\":\"bootfile-url\",\"opt_value\":\"tftp://[2001:db8::1]/a\",\"ip_version\":6},"
                + "{\"opt_name\":\"router\",\"opt_value\":\"\"},"
                + "{\"opt_name\":\"\",\"opt_value\":\"x\",\"ip_version\":4},"
                + "{\"opt_name\":\"ntp-server\",\"opt_value\":null,\"ip_version\":4},"
                + "{\"opt_name\":\"mtu\",\"opt_value\":\"1400\",\"ip_version\":5}]}");
        assertEquals(List.of(new DhcpOption("bootfile-name", "pxelinux.0", 4),
                new DhcpOption("bootfile-url", "tftp://[2001:db8::1]/a", 6), new DhcpOption("router", "", 4)),
                HostNetworkPlanner.dhcpOptions(port));
        assertEquals(List.of(), HostNetworkPlanner.dhcpOptions(json("{\"id\":\"p-plain\"}")));
    }

    @Test
    void meteringLabelsOfTheRoutersProjectAndSharedOnesCountItsGatewayTraffic() {
        view.ports.add(port("p-local", NET, "compute:nova", "vm-1", "host-a", "10.0.0.5", SUBNET));
        view.ports.add(port("p-qr", NET, "network:router_interface", ROUTER, "", "10.0.0.1", SUBNET));
        view.ports.add(port("p-qg", EXT, "network:router_gateway", ROUTER, "", "172.24.4.20", EXT_SUBNET));
        view.networks.add(json("{\"id\":\"" + NET + "\",\"mtu\":1450}"));
        view.networks.add(json("{\"id\":\"" + EXT + "\",\"mtu\":1500}"));
        view.subnets.add(json("{\"id\":\"" + SUBNET + "\",\"network_id\":\"" + NET + "\",\"cidr\":\"10.0.0.0/24\","
                + "\"ip_version\":4,\"gateway_ip\":\"10.0.0.1\",\"enable_dhcp\":false}"));
        view.subnets.add(json("{\"id\":\"" + EXT_SUBNET + "\",\"network_id\":\"" + EXT + "\",\"cidr\":\"172.24.4.0/24\","
                + "\"ip_version\":4,\"gateway_ip\":\"172.24.4.1\",\"enable_dhcp\":false}"));
        view.routers.add(json("{\"id\":\"" + ROUTER + "\",\"project_id\":\"proj-a\",\"admin_state_up\":true,"
                + "\"external_gateway_info\":{\"network_id\":\"" + EXT + "\",\"enable_snat\":true}}"));
        view.meteringLabels.add(json("{\"id\":\"l-own\",\"project_id\":\"proj-a\",\"shared\":false}"));
        view.meteringLabels.add(json("{\"id\":\"l-other\",\"project_id\":\"proj-b\",\"shared\":false}"));
        view.meteringLabels.add(json("{\"id\":\"l-shared\",\"project_id\":\"proj-b\",\"shared\":true}"));
        view.meteringRules.add(json("{\"id\":\"r1\",\"metering_label_id\":\"l-own\",\"direction\":\"ingress\","
                + "\"excluded\":false,\"remote_ip_prefix\":\"10.0.0.5/24\",\"source_ip_prefix\":null,"
                + "\"destination_ip_prefix\":null}"));
        view.meteringRules.add(json("{\"id\":\"r2\",\"metering_label_id\":\"l-own\",\"direction\":\"egress\","
                + "\"excluded\":true,\"remote_ip_prefix\":null,\"source_ip_prefix\":\"10.0.0.0/25\","
                + "\"destination_ip_prefix\":\"fd00::/8\"}"));
        view.meteringRules.add(json("{\"id\":\"r3\",\"metering_label_id\":\"l-shared\",\"direction\":\"sideways\","
                + "\"excluded\":false,\"remote_ip_prefix\":\"0.0.0.0/0\"}"));

        RouterPlumbing router = new HostNetworkPlanner(view, Map.of(), id -> null).plan("host-a").routers().get(0);

        assertEquals(List.of("l-own", "l-shared"), router.meteringLabels().stream().map(MeteringLabel::labelId)
                .toList(), "the router's project's labels and the shared ones");
        MeteringLabel own = router.meteringLabels().get(0);
        assertEquals("proj-a", own.projectId());
        assertEquals(new MeteringRule(MeteringRule.Direction.INGRESS, false, IpPrefix.parse("10.0.0.0/24"), null),
                own.rules().get(0), "remote_ip_prefix is the source of ingress traffic, host bits cleared");
        assertFalse(own.rules().get(1).canMatch(), "an IPv4 source and an IPv6 destination match nothing");
        assertEquals(List.of(), router.meteringLabels().get(1).rules(), "a rule a host cannot read is left out");
    }

    @Test
    void aHostWithoutGuestPortsHasAnEmptyPlan() {
        view.ports.add(port("p-remote", NET, "compute:nova", "vm-2", "host-b", "10.0.0.6", SUBNET));
        assertEquals(HostNetworkPlan.EMPTY, new HostNetworkPlanner(view, Map.of(), id -> null).plan("host-a"));
    }

    /** A network with a DHCP subnet and its DHCP port, nobody's guest on it. */
    private void dhcpNetwork() {
        view.ports.add(port("p-dhcp", NET, "network:dhcp", "dhcp" + NET, "", "10.0.0.2", SUBNET));
        view.networks.add(json("{\"id\":\"" + NET + "\",\"mtu\":1450}"));
        view.subnets.add(json("{\"id\":\"" + SUBNET + "\",\"network_id\":\"" + NET + "\",\"cidr\":\"10.0.0.0/24\","
                + "\"ip_version\":4,\"gateway_ip\":\"10.0.0.1\",\"enable_dhcp\":true,\"dns_nameservers\":[],"
                + "\"host_routes\":[]}"));
    }

    @Test
    void aNetworkBoundToThisHostsDhcpAgentIsServedWithoutGuests() {
        dhcpNetwork();
        view.dhcpAgentNetworks.put("host-a", List.of(NET));
        HostNetworkPlan plan = new HostNetworkPlanner(view, Map.of(), id -> null).plan("host-a");
        NetworkPlumbing network = plan.network(NET).orElseThrow();
        assertEquals("brq11111111-aa", network.bridge());
        assertEquals("p-dhcp", network.dhcp().portId());
        assertTrue(network.servesDhcp());
        assertTrue(plan.ports().isEmpty() && plan.routers().isEmpty(), plan.toString());
        assertTrue(network.remoteDhcpClients().isEmpty());
        // as Neutron's DHCP agent, it answers the network's guests on other hosts too
        view.ports.add(port("p-remote", NET, "compute:nova", "vm-2", "host-b", "10.0.0.6", SUBNET));
        view.ports.add(port("p-unbound", NET, "compute:nova", "vm-3", "", "10.0.0.7", SUBNET));
        plan = new HostNetworkPlanner(view, Map.of(), id -> null).plan("host-a");
        assertEquals(List.of("p-remote", "p-unbound"), plan.dhcpClientsOn(NET).stream().map(PortPlumbing::portId)
                .toList());
        assertTrue(plan.ports().isEmpty(), "no tap or filter for another host's port");
        assertEquals("10.0.0.6", plan.network(NET).orElseThrow().remoteDhcpClients().get(0).fixedIps().get(0)
                .ipAddress());
        // a host whose agent does not host it and that has no guest on it: nothing there
        assertEquals(HostNetworkPlan.EMPTY, new HostNetworkPlanner(view, Map.of(), id -> null).plan("host-c"));
    }

    @Test
    void aNetworkUnboundFromThisHostsAgentStaysOnlyForItsGuests() {
        dhcpNetwork();
        view.dhcpAgentNetworks.put("host-b", List.of(NET));
        assertEquals(HostNetworkPlan.EMPTY, new HostNetworkPlanner(view, Map.of(), id -> null).plan("host-a"),
                "unbound and no guest: not served");
        view.ports.add(port("p-local", NET, "compute:nova", "vm-1", "host-a", "10.0.0.5", SUBNET));
        view.ports.add(port("p-remote", NET, "compute:nova", "vm-2", "host-b", "10.0.0.6", SUBNET));
        HostNetworkPlan plan = new HostNetworkPlanner(view, Map.of(), id -> null).plan("host-a");
        assertTrue(plan.network(NET).orElseThrow().servesDhcp(), "a guest's network is served as before");
        assertEquals(List.of("p-local"), plan.dhcpClientsOn(NET).stream().map(PortPlumbing::portId).toList(),
                "to this host's guests only");
        assertEquals(List.of("p-local"), plan.ports().stream().map(PortPlumbing::portId).toList());
    }

    @Test
    void aBoundNetworkWithoutDhcpIsNotPlumbedForTheAgent() {
        view.networks.add(json("{\"id\":\"" + NET + "\",\"mtu\":1450}"));
        view.subnets.add(json("{\"id\":\"" + SUBNET + "\",\"network_id\":\"" + NET + "\",\"cidr\":\"10.0.0.0/24\","
                + "\"ip_version\":4,\"gateway_ip\":\"10.0.0.1\",\"enable_dhcp\":false,\"dns_nameservers\":[],"
                + "\"host_routes\":[]}"));
        view.dhcpAgentNetworks.put("host-a", List.of(NET));
        HostNetworkPlan plan = new HostNetworkPlanner(view, Map.of(), id -> null).plan("host-a");
        assertTrue(plan.networks().isEmpty(), plan.toString());
    }

    @Test
    void withoutTheAgentsApiAHostServesItsGuestsNetworksAsBefore() {
        dhcpNetwork();
        view.noAgentsApi = true;
        view.ports.add(port("p-local", NET, "compute:nova", "vm-1", "host-a", "10.0.0.5", SUBNET));
        HostNetworkPlan plan = new HostNetworkPlanner(view, Map.of(), id -> null).plan("host-a");
        assertTrue(plan.network(NET).orElseThrow().servesDhcp());
    }

    @Test
    void aFlatNetworkWithoutABridgeOnThisHostIsLeftOutWithItsPorts() {
        view.ports.add(port("p-local", EXT, "compute:nova", "vm-1", "host-a", "172.24.4.40", EXT_SUBNET));
        view.networks.add(json("{\"id\":\"" + EXT + "\",\"provider:network_type\":\"flat\","
                + "\"provider:physical_network\":\"public\"}"));
        HostNetworkPlan plan = new HostNetworkPlanner(view, Map.of(), id -> null).plan("host-a");
        assertTrue(plan.networks().isEmpty() && plan.ports().isEmpty(), plan.toString());
    }

    private static JsonNode port(String id, String network, String owner, String device, String host, String ip,
            String subnet, String... groups) {
        StringBuilder sg = new StringBuilder();
        for (String g : groups) {
            sg.append(sg.isEmpty() ? "" : ",").append('"').append(g).append('"');
        }
        int n = Math.abs(id.hashCode()) % 250;
        return json("{\"id\":\"" + id + "\",\"network_id\":\"" + network + "\",\"device_owner\":\"" + owner
                + "\",\"device_id\":\"" + device + "\",\"binding:host_id\":\"" + host + "\",\"mac_address\":"
                + "\"fa:16:3e:00:00:" + String.format("%02x", n) + "\",\"fixed_ips\":[{\"subnet_id\":\"" + subnet
                + "\",\"ip_address\":\"" + ip + "\"}],\"security_groups\":[" + sg + "],\"port_security_enabled\":true,"
                + "\"allowed_address_pairs\":[]}");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** network-service's answers from memory, filtered as Neutron filters them. */
    private static final class Canned extends NetworkView {
        final List<JsonNode> ports = new ArrayList<>();
        final List<JsonNode> networks = new ArrayList<>();
        final List<JsonNode> subnets = new ArrayList<>();
        final List<JsonNode> groups = new ArrayList<>();
        final List<JsonNode> routers = new ArrayList<>();
        final List<JsonNode> floatingIps = new ArrayList<>();
        final List<JsonNode> meteringLabels = new ArrayList<>();
        final List<JsonNode> meteringRules = new ArrayList<>();
        final Map<String, List<String>> dhcpAgentNetworks = new java.util.HashMap<>();
        boolean noAgentsApi;

        Canned() {
            super(null, () -> "token");
        }

        @Override
        public List<JsonNode> portsBoundTo(String host) {
            return ports.stream().filter(p -> host.equals(p.path("binding:host_id").asText())).toList();
        }

        @Override
        public List<JsonNode> ports(Map<String, List<String>> query) {
            return ports.stream().filter(p -> query.entrySet().stream().allMatch(e -> matches(p, e.getKey(),
                    e.getValue()))).toList();
        }

        private static boolean matches(JsonNode item, String key, List<String> values) {
            JsonNode field = item.path(key);
            if (field.isArray()) {
                for (JsonNode v : field) {
                    if (values.contains(v.asText())) {
                        return true;
                    }
                }
                return false;
            }
            return values.contains(field.asText());
        }

        @Override
        public Map<String, JsonNode> networks(Collection<String> ids) {
            return byId(networks.stream().filter(n -> ids.contains(n.path("id").asText())).toList());
        }

        @Override
        public List<JsonNode> subnetsOf(Collection<String> networkIds) {
            return subnets.stream().filter(s -> networkIds.contains(s.path("network_id").asText())).toList();
        }

        @Override
        public Map<String, JsonNode> subnets(Collection<String> ids) {
            return byId(subnets.stream().filter(s -> ids.contains(s.path("id").asText())).toList());
        }

        @Override
        public Map<String, JsonNode> securityGroups(Collection<String> ids) {
            return byId(groups.stream().filter(g -> ids.contains(g.path("id").asText())).toList());
        }

        @Override
        public Map<String, JsonNode> routers(Collection<String> ids) {
            return byId(routers.stream().filter(r -> ids.contains(r.path("id").asText())).toList());
        }

        @Override
        public List<JsonNode> floatingIpsOf(Collection<String> routerIds) {
            return floatingIps.stream().filter(f -> routerIds.contains(f.path("router_id").asText())).toList();
        }

        @Override
        public List<JsonNode> meteringLabels() {
            return meteringLabels;
        }

        @Override
        public List<JsonNode> meteringLabelRules(Collection<String> labelIds) {
            return meteringRules.stream().filter(r -> labelIds.contains(r.path("metering_label_id").asText())).toList();
        }

        @Override
        public List<String> dhcpAgentNetworks(String host) {
            if (noAgentsApi) {
                throw new NetworkServiceException(404, "HTTPNotFound", "The resource could not be found.");
            }
            return dhcpAgentNetworks.getOrDefault(host, List.of());
        }
    }
}
