package dev.stratus.network.view;

import dev.stratus.network.persistence.SecurityGroupRuleRow;
import dev.stratus.network.service.SecurityGroupRuleSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** A security group rule's body (rules carry no tags). */
public final class SecurityGroupRuleView {

    private SecurityGroupRuleView() {
    }

    public static Map<String, Object> of(SecurityGroupRuleRow r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", r.id());
        StandardFields.owner(body, r.projectId());
        body.put("security_group_id", r.securityGroupId());
        body.put("ethertype", r.ethertype());
        body.put("direction", r.direction());
        body.put("protocol", r.protocol());
        body.put("port_range_min", r.portRangeMin());
        body.put("port_range_max", r.portRangeMax());
        body.put("remote_ip_prefix", r.remoteIpPrefix());
        body.put("remote_group_id", r.remoteGroupId());
        body.put("normalized_cidr", SecurityGroupRuleSpec.normalizedCidr(r.remoteIpPrefix()));
        StandardFields.add(body, r.standard(), null);
        return body;
    }
}
