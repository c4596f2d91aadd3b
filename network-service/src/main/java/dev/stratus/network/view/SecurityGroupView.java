package dev.stratus.network.view;

import dev.stratus.network.persistence.SecurityGroupRow;
import dev.stratus.network.service.SecurityGroupDetails;
import java.util.LinkedHashMap;
import java.util.Map;

/** A security group's body, its rules included. */
public final class SecurityGroupView {

    private SecurityGroupView() {
    }

    public static Map<String, Object> of(SecurityGroupDetails d) {
        SecurityGroupRow g = d.group();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", g.id());
        body.put("name", g.name());
        StandardFields.owner(body, g.projectId());
        body.put("security_group_rules", d.rules().stream().map(SecurityGroupRuleView::of).toList());
        StandardFields.add(body, g.standard(), d.tags());
        return body;
    }
}
