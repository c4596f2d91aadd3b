package dev.stratus.network.service;

import dev.stratus.network.api.RequestBody;
import dev.stratus.network.api.StructuredValues.FixedIpRequest;
import dev.stratus.network.persistence.NetworkRow;
import java.util.ArrayList;
import java.util.List;

/**
 * Neutron's per-attribute port rules (neutron/conf/policies/port.py): who may set a port's MAC, fixed addresses,
 * port security, address pairs, binding and a {@code network:} device owner.
 */
final class PortPolicy {

    private PortPolicy() {
    }

    /** The attribute rules the request breaks, named as Neutron names them ({@code fixed_ips:ip_address}, ...). */
    static List<String> denied(Caller c, NetworkRow network, RequestBody b, boolean create) {
        List<String> denied = new ArrayList<>();
        if (c.adminOrService()) {
            return denied;
        }
        boolean netOwner = c.member() && c.owns(network.projectId());
        if (b.given("mac_address") && (!create || !netOwner)) {
            denied.add("mac_address");
        }
        if (b.given("fixed_ips")) {
            List<FixedIpRequest> ips = b.list("fixed_ips");
            if (ips.stream().anyMatch(ip -> ip.ipAddress() != null) && !netOwner) {
                denied.add("fixed_ips:ip_address");
            }
            if (!netOwner && !network.shared()) {
                denied.add("fixed_ips");
            }
        }
        if (b.given("port_security_enabled") && !netOwner) {
            denied.add("port_security_enabled");
        }
        if (b.given("allowed_address_pairs") && !netOwner) {
            denied.add("allowed_address_pairs");
        }
        if (b.given("binding:host_id")) {
            denied.add("binding:host_id");
        }
        if (b.given("binding:profile")) {
            denied.add("binding:profile");
        }
        if (b.given("device_owner") && b.string("device_owner").startsWith("network:") && !netOwner) {
            denied.add("device_owner");
        }
        return denied;
    }
}
