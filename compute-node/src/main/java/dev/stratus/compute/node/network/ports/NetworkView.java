package dev.stratus.compute.node.network.ports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.network.NetworkAgentReport;
import dev.stratus.common.network.client.NetworkServiceClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What network-service says about the things a host plumbs, read with the node's service token (an admin
 * sees every project's ports, which remote security groups need). Each call is one REST request; lists are
 * asked for many ids at once in Neutron's repeated-key form.
 */
public class NetworkView {

    private final NetworkServiceClient neutron;
    private final Supplier<String> token;

    public NetworkView(NetworkServiceClient neutron, Supplier<String> token) {
        this.neutron = neutron;
        this.token = token;
    }

    public List<JsonNode> portsBoundTo(String host) {
        return neutron.list(token.get(), "ports", Map.of("binding:host_id", List.of(host)));
    }

    public List<JsonNode> ports(Map<String, List<String>> query) {
        return neutron.list(token.get(), "ports", query);
    }

    public Map<String, JsonNode> networks(Collection<String> ids) {
        return byId(ids.isEmpty() ? List.of() : neutron.list(token.get(), "networks", Map.of("id", List.copyOf(ids))));
    }

    public List<JsonNode> subnetsOf(Collection<String> networkIds) {
        return networkIds.isEmpty() ? List.of()
                : neutron.list(token.get(), "subnets", Map.of("network_id", List.copyOf(networkIds)));
    }

    public Map<String, JsonNode> subnets(Collection<String> ids) {
        return byId(ids.isEmpty() ? List.of() : neutron.list(token.get(), "subnets", Map.of("id", List.copyOf(ids))));
    }

    public Map<String, JsonNode> securityGroups(Collection<String> ids) {
        return byId(ids.isEmpty() ? List.of()
                : neutron.list(token.get(), "security-groups", Map.of("id", List.copyOf(ids))));
    }

    public Map<String, JsonNode> routers(Collection<String> ids) {
        return byId(ids.isEmpty() ? List.of() : neutron.list(token.get(), "routers", Map.of("id", List.copyOf(ids))));
    }

    public List<JsonNode> floatingIpsOf(Collection<String> routerIds) {
        return routerIds.isEmpty() ? List.of()
                : neutron.list(token.get(), "floatingips", Map.of("router_id", List.copyOf(routerIds)));
    }

    /** Every metering label (the service token sees every project's). */
    public List<JsonNode> meteringLabels() {
        return neutron.list(token.get(), "metering/metering-labels", "metering_labels", Map.of());
    }

    public List<JsonNode> meteringLabelRules(Collection<String> labelIds) {
        return labelIds.isEmpty() ? List.of() : neutron.list(token.get(), "metering/metering-label-rules",
                "metering_label_rules", Map.of("metering_label_id", List.copyOf(labelIds)));
    }

    /**
     * The networks bound to this host's DHCP agent by network-service's DHCP scheduler ({@code GET /v2.0/agents
     * ?host=H&agent_type=DHCP agent}, then the agent's {@code dhcp-networks}); none while the agent is disabled or
     * not registered yet.
     */
    public List<String> dhcpAgentNetworks(String host) {
        List<String> out = new ArrayList<>();
        for (JsonNode agent : neutron.list(token.get(), "agents", Map.of("host", List.of(host), "agent_type",
                List.of(NetworkAgentReport.DHCP)))) {
            if (agent.path("admin_state_up").asBoolean(true)) {
                neutron.list(token.get(), "agents/" + NetworkServiceClient.encode(agent.path("id").asText())
                        + "/dhcp-networks", "networks", Map.of()).forEach(n -> out.add(n.path("id").asText()));
            }
        }
        return out;
    }

    /** Sets (or, with an empty host, clears) a port's binding host. */
    public void bind(String portId, String host) {
        com.fasterxml.jackson.databind.node.ObjectNode body = new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode();
        body.putObject("port").put("binding:host_id", host);
        neutron.put(token.get(), "ports/" + NetworkServiceClient.encode(portId), body);
    }

    static Map<String, JsonNode> byId(List<JsonNode> items) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode item : items) {
            out.put(item.path("id").asText(), item);
        }
        return out;
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
