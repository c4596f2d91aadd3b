package dev.stratus.network.view;

import dev.stratus.network.ipam.Cidr;
import dev.stratus.network.persistence.SubnetPoolRow;
import dev.stratus.network.service.SubnetPoolDetails;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A subnet pool's body. Neutron's create, show and list write the three prefix lengths as strings
 * (_make_subnetpool_dict), its update answers them as the integers it stored; both are kept.
 */
public final class SubnetPoolView {

    private SubnetPoolView() {
    }

    public static Map<String, Object> of(SubnetPoolDetails d) {
        return body(d, true);
    }

    public static Map<String, Object> updated(SubnetPoolDetails d) {
        return body(d, false);
    }

    private static Map<String, Object> body(SubnetPoolDetails d, boolean lengthsAsText) {
        SubnetPoolRow p = d.pool();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", p.id());
        body.put("name", p.name());
        StandardFields.owner(body, p.projectId());
        body.put("prefixes", p.prefixes().stream().map(Cidr::toString).toList());
        body.put("ip_version", p.ipVersion());
        body.put("default_prefixlen", length(p.defaultPrefixlen(), lengthsAsText));
        body.put("min_prefixlen", length(p.minPrefixlen(), lengthsAsText));
        body.put("max_prefixlen", length(p.maxPrefixlen(), lengthsAsText));
        body.put("default_quota", p.defaultQuota());
        body.put("shared", p.shared());
        body.put("is_default", p.isDefault());
        body.put("address_scope_id", p.addressScopeId());
        StandardFields.add(body, p.standard(), d.tags());
        return body;
    }

    private static Object length(int value, boolean asText) {
        return asText ? Integer.toString(value) : value;
    }
}
