package dev.stratus.network.service;

import dev.stratus.network.persistence.SecurityGroupRepository;
import dev.stratus.network.persistence.SecurityGroupRow;
import dev.stratus.network.persistence.SecurityGroupRuleRepository;
import dev.stratus.network.persistence.SecurityGroupRuleRow;
import dev.stratus.network.persistence.StandardAttributes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Each project's {@code default} security group, made on the project's first use as Neutron makes it: egress to
 * anywhere over IPv4 and IPv6, ingress from members of the group itself. Two first requests at once make one
 * group: the second finds the first's claim and drops its own.
 */
@ApplicationScoped
public class DefaultSecurityGroups {

    public static final String NAME = "default";
    public static final String DESCRIPTION = "Default security group";

    private final SecurityGroupRepository groups;
    private final SecurityGroupRuleRepository rules;

    public DefaultSecurityGroups(SecurityGroupRepository groups, SecurityGroupRuleRepository rules) {
        this.groups = groups;
        this.rules = rules;
    }

    /** The project's default group, created if it has none; call inside a transaction. */
    public String ensure(String projectId) {
        if (projectId == null || projectId.isEmpty()) {
            return null;
        }
        var existing = groups.defaultGroupId(projectId);
        if (existing.isPresent()) {
            return existing.get();
        }
        String id = UUID.randomUUID().toString();
        groups.insert(new SecurityGroupRow(id, projectId, NAME, true, new StandardAttributes(DESCRIPTION, 1, null,
                null)));
        for (SecurityGroupRuleSpec rule : defaultRules(id)) {
            rules.insert(new SecurityGroupRuleRow(UUID.randomUUID().toString(), id, projectId, rule.direction(),
                    rule.ethertype(), null, null, null, null, rule.remoteGroupId(), rule.key(),
                    new StandardAttributes("", 1, null, null)));
        }
        if (!groups.claimDefault(projectId, id)) {
            groups.delete(id);
            return groups.defaultGroupId(projectId).orElseThrow();
        }
        return id;
    }

    static List<SecurityGroupRuleSpec> defaultRules(String groupId) {
        return List.of(
                new SecurityGroupRuleSpec("egress", "IPv4", null, null, null, null, null),
                new SecurityGroupRuleSpec("egress", "IPv6", null, null, null, null, null),
                new SecurityGroupRuleSpec("ingress", "IPv4", null, null, null, null, groupId),
                new SecurityGroupRuleSpec("ingress", "IPv6", null, null, null, null, groupId));
    }
}
