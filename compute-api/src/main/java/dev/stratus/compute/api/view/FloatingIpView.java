package dev.stratus.compute.api.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Neutron floating IP as Nova's deprecated {@code os-floating-ips} shows it ({@code _translate_floating_ip_view}),
 * and an external network as an {@code os-floating-ip-pools} entry.
 */
public final class FloatingIpView {

    private FloatingIpView() {
    }

    /**
     * {@code fixed_ip}, {@code id}, {@code instance_id} (the device of the port it is bound to, null when free),
     * {@code ip} and {@code pool} (the floating network's name, else its id).
     *
     * @param network the floating network, null when unknown (the pool is then its id)
     */
    public static Map<String, Object> of(JsonNode floatingIp, JsonNode network) {
        JsonNode port = floatingIp.path("port_details");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fixed_ip", text(floatingIp.path("fixed_ip_address")));
        m.put("id", floatingIp.path("id").asText());
        m.put("instance_id", port.isObject() ? text(port.path("device_id")) : null);
        m.put("ip", text(floatingIp.path("floating_ip_address")));
        String networkId = floatingIp.path("floating_network_id").asText();
        m.put("pool", network == null ? networkId : nameOrId(network, networkId));
        return m;
    }

    /** {@code {"name": ...}}: the pool's name, else its id. */
    public static Map<String, Object> pool(JsonNode network) {
        return Map.of("name", nameOrId(network, network.path("id").asText()));
    }

    private static String nameOrId(JsonNode network, String id) {
        String name = network.path("name").asText("");
        return name.isEmpty() ? id : name;
    }

    private static String text(JsonNode value) {
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }
}
