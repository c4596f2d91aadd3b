package dev.stratus.network.view;

import dev.stratus.network.persistence.SubnetRow;
import dev.stratus.network.service.SubnetDetails;
import java.util.LinkedHashMap;
import java.util.Map;

/** A subnet's body. */
public final class SubnetView {

    private SubnetView() {
    }

    public static Map<String, Object> of(SubnetDetails d) {
        SubnetRow s = d.subnet();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", s.id());
        body.put("name", s.name());
        StandardFields.owner(body, s.projectId());
        body.put("network_id", s.networkId());
        body.put("ip_version", s.ipVersion());
        body.put("subnetpool_id", s.subnetpoolId());
        body.put("enable_dhcp", s.enableDhcp());
        body.put("ipv6_ra_mode", s.ipv6RaMode());
        body.put("ipv6_address_mode", s.ipv6AddressMode());
        body.put("gateway_ip", s.gatewayIp());
        body.put("cidr", s.cidr());
        body.put("allocation_pools", s.allocationPools().stream()
                .map(p -> Map.of("start", p.first().toString(), "end", p.last().toString())).toList());
        body.put("host_routes", s.hostRoutes().stream()
                .map(r -> Map.of("destination", r.destination(), "nexthop", r.nexthop())).toList());
        body.put("dns_nameservers", s.dnsNameservers());
        StandardFields.add(body, s.standard(), d.tags());
        return body;
    }
}
