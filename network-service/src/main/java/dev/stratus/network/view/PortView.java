package dev.stratus.network.view;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.network.persistence.PortRow;
import dev.stratus.network.service.PortDetails;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A port's body. The binding's host, profile, VIF type and details are shown to admins and services (the hosts
 * that plug ports) only, as Neutron's policy has it.
 */
public final class PortView {

    /** Neutron's default {@code dns_domain}, which names ports that have no dns_name of their own. */
    public static final String DNS_DOMAIN = "openstacklocal.";

    private static final ObjectMapper JSON = new ObjectMapper();

    private PortView() {
    }

    public static Map<String, Object> of(PortDetails d, boolean showBinding) {
        PortRow p = d.port();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", p.id());
        body.put("name", p.name());
        body.put("network_id", p.networkId());
        StandardFields.owner(body, p.projectId());
        body.put("mac_address", p.macAddress());
        body.put("admin_state_up", p.adminStateUp());
        body.put("status", p.status());
        body.put("device_id", p.deviceId());
        body.put("device_owner", p.deviceOwner());
        List<Map<String, Object>> ips = new ArrayList<>(p.fixedIps().size());
        for (PortRow.FixedIp ip : p.fixedIps()) {
            ips.add(Map.of("subnet_id", ip.subnetId(), "ip_address", ip.ipAddress()));
        }
        body.put("fixed_ips", ips);
        body.put("allowed_address_pairs", p.allowedAddressPairs().stream().map(pair -> Map.of("ip_address",
                pair.ipAddress(), "mac_address", pair.macAddress() == null ? p.macAddress() : pair.macAddress()))
                .toList());
        body.put("security_groups", p.securityGroups());
        body.put("port_security_enabled", p.portSecurityEnabled());
        body.put("binding:vnic_type", p.vnicType());
        if (showBinding) {
            body.put("binding:host_id", p.bindingHostId());
            body.put("binding:profile", json(p.bindingProfile()));
            body.put("binding:vif_type", p.vifType());
            body.put("binding:vif_details", json(p.vifDetails()));
        }
        body.put("dns_name", p.dnsName());
        body.put("dns_assignment", dnsAssignment(p));
        body.put("extra_dhcp_opts", d.extraDhcpOpts().stream().map(o -> Map.of("opt_name", o.optName(),
                "opt_value", o.optValue(), "ip_version", o.ipVersion())).toList());
        StandardFields.add(body, p.standard(), d.tags());
        return body;
    }

    static List<Map<String, Object>> dnsAssignment(PortRow p) {
        List<Map<String, Object>> out = new ArrayList<>(p.fixedIps().size());
        for (PortRow.FixedIp ip : p.fixedIps()) {
            String host = p.dnsName().isEmpty() ? "host-" + ip.ipAddress().replace('.', '-').replace(':', '-')
                    : p.dnsName();
            out.add(Map.of("hostname", host, "ip_address", ip.ipAddress(), "fqdn", host + "." + DNS_DOMAIN));
        }
        return out;
    }

    private static Object json(String text) {
        if (text == null || text.equals("{}")) {
            return Map.of();
        }
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            ObjectNode broken = JSON.createObjectNode();
            return broken;
        }
    }
}
