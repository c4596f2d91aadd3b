package dev.stratus.network.view;

import dev.stratus.network.persistence.FloatingIpRow;
import dev.stratus.network.persistence.PortRow;
import dev.stratus.network.service.FloatingIpDetails;
import java.util.LinkedHashMap;
import java.util.Map;

/** A floating IP's body, with the associated port's details (fip-port-details). */
public final class FloatingIpView {

    private FloatingIpView() {
    }

    public static Map<String, Object> of(FloatingIpDetails d) {
        FloatingIpRow f = d.floatingIp();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", f.id());
        StandardFields.owner(body, f.projectId());
        body.put("floating_network_id", f.floatingNetworkId());
        body.put("floating_ip_address", f.floatingIpAddress());
        body.put("router_id", f.routerId());
        body.put("port_id", f.fixedPortId());
        body.put("fixed_ip_address", f.fixedIpAddress());
        body.put("status", f.status());
        body.put("dns_name", f.dnsName());
        body.put("dns_domain", f.dnsDomain());
        body.put("port_details", portDetails(d.port()));
        StandardFields.add(body, f.standard(), d.tags());
        return body;
    }

    private static Map<String, Object> portDetails(PortRow p) {
        if (p == null) {
            return null;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", p.name());
        details.put("network_id", p.networkId());
        details.put("mac_address", p.macAddress());
        details.put("admin_state_up", p.adminStateUp());
        details.put("status", p.status());
        details.put("device_id", p.deviceId());
        details.put("device_owner", p.deviceOwner());
        return details;
    }
}
