package dev.stratus.compute.api.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network-service network as Nova's deprecated proxies show it: os-networks keeps nova-network's fields, all
 * empty but the id and the label (the name), with the admin-only ones for admins; os-tenant-networks shows the
 * id, the label and a cidr that Nova prints as the text "None".
 */
public final class NovaNetworkView {

    private static final List<String> FIELDS = List.of("cidr", "netmask", "gateway", "broadcast", "dns1", "dns2",
            "cidr_v6", "gateway_v6", "netmask_v6");
    private static final List<String> ADMIN_FIELDS = List.of("created_at", "updated_at", "deleted_at", "deleted",
            "injected", "bridge", "vlan", "vpn_public_address", "vpn_public_port", "vpn_private_address",
            "dhcp_start", "project_id", "host", "bridge_interface", "multi_host", "priority", "rxtx_base", "mtu",
            "dhcp_server", "enable_dhcp", "share_address");

    private NovaNetworkView() {
    }

    public static Map<String, Object> network(JsonNode network, boolean admin) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", network.path("id").asText());
        v.put("label", network.path("name").asText(""));
        FIELDS.forEach(f -> v.put(f, null));
        if (admin) {
            ADMIN_FIELDS.forEach(f -> v.put(f, null));
        }
        return v;
    }

    public static Map<String, Object> tenantNetwork(JsonNode network) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", network.path("id").asText());
        v.put("cidr", "None");
        v.put("label", network.path("name").asText(""));
        return v;
    }
}
