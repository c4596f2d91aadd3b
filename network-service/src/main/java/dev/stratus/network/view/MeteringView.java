package dev.stratus.network.view;

import dev.stratus.network.persistence.MeteringLabelRow;
import dev.stratus.network.persistence.MeteringLabelRuleRow;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bodies of metering labels and rules, with the fields Neutron's metering plugin shows: labels are not
 * standard-attribute resources (no times, revision or tags), and rules have no owner of their own.
 */
public final class MeteringView {

    private MeteringView() {
    }

    public static Map<String, Object> label(MeteringLabelRow l) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", l.id());
        body.put("name", l.name());
        body.put("description", l.description());
        body.put("shared", l.shared());
        StandardFields.owner(body, l.projectId());
        return body;
    }

    public static Map<String, Object> rule(MeteringLabelRuleRow r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", r.id());
        body.put("metering_label_id", r.meteringLabelId());
        body.put("direction", r.direction());
        body.put("remote_ip_prefix", r.remoteIpPrefix());
        body.put("source_ip_prefix", r.sourceIpPrefix());
        body.put("destination_ip_prefix", r.destinationIpPrefix());
        body.put("excluded", r.excluded());
        return body;
    }
}
