package dev.stratus.network.view;

import dev.stratus.network.persistence.RouterRow;
import dev.stratus.network.service.RouterDetails;
import dev.stratus.network.service.RouterInterface;
import java.util.LinkedHashMap;
import java.util.Map;

/** A router's body, and the answer of add/remove_router_interface. */
public final class RouterView {

    private RouterView() {
    }

    public static Map<String, Object> of(RouterDetails d) {
        RouterRow r = d.router();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", r.id());
        body.put("name", r.name());
        StandardFields.owner(body, r.projectId());
        body.put("admin_state_up", r.adminStateUp());
        body.put("status", r.status());
        if (r.gwNetworkId() == null) {
            body.put("external_gateway_info", null);
        } else {
            Map<String, Object> gateway = new LinkedHashMap<>();
            gateway.put("network_id", r.gwNetworkId());
            gateway.put("enable_snat", r.enableSnat());
            gateway.put("external_fixed_ips", d.gatewayIps().stream()
                    .map(ip -> Map.of("subnet_id", ip.subnetId(), "ip_address", ip.ipAddress())).toList());
            body.put("external_gateway_info", gateway);
        }
        body.put("routes", r.routes().stream()
                .map(route -> Map.of("destination", route.destination(), "nexthop", route.nexthop())).toList());
        StandardFields.add(body, r.standard(), d.tags());
        return body;
    }

    public static Map<String, Object> of(RouterInterface i) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", i.routerId());
        StandardFields.owner(body, i.projectId());
        body.put("port_id", i.portId());
        body.put("subnet_id", i.subnetId());
        body.put("subnet_ids", i.subnetIds());
        body.put("network_id", i.networkId());
        return body;
    }
}
