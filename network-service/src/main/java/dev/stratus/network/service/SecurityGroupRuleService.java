package dev.stratus.network.service;

import dev.stratus.common.network.NetworkChange;
import dev.stratus.network.api.RequestBody;
import dev.stratus.network.api.SecurityGroupFaults;
import dev.stratus.network.messaging.NetworkChanges;
import dev.stratus.network.persistence.SecurityGroupRepository;
import dev.stratus.network.persistence.SecurityGroupRow;
import dev.stratus.network.persistence.SecurityGroupRuleRepository;
import dev.stratus.network.persistence.SecurityGroupRuleRow;
import dev.stratus.network.persistence.StandardAttributes;
import dev.stratus.network.persistence.listing.ListQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Security group rules. Equal rules (same match in canonical form) cannot both exist: the table's unique key
 * decides between concurrent creates, and the loser gets 409 naming the rule that won.
 */
@ApplicationScoped
public class SecurityGroupRuleService {

    private final SecurityGroupRuleRepository rules;
    private final SecurityGroupRepository groups;
    private final Quotas quotas;
    private final Access access;
    private final NetworkChanges changes;

    public SecurityGroupRuleService(SecurityGroupRuleRepository rules, SecurityGroupRepository groups, Quotas quotas,
            Access access, NetworkChanges changes) {
        this.rules = rules;
        this.groups = groups;
        this.quotas = quotas;
        this.access = access;
        this.changes = changes;
    }

    public List<SecurityGroupRuleRow> list(Caller caller, ListQuery query) {
        access.require(caller.reader() || caller.seesAll(), "get_security_group_rule");
        return rules.list(query, Visibility.securityGroupRules(caller))
                .orElseThrow(() -> SecurityGroupFaults.ruleNotFound(query.marker()));
    }

    public SecurityGroupRuleRow get(Caller caller, String id) {
        return rules.find(id).filter(r -> sees(caller, r)).orElseThrow(() -> SecurityGroupFaults.ruleNotFound(id));
    }

    @Transactional
    public List<SecurityGroupRuleRow> create(Caller caller, List<RequestBody> bodies) {
        Set<String> projects = new HashSet<>();
        Set<String> keys = new HashSet<>();
        List<SecurityGroupRuleRow> created = new ArrayList<>();
        for (RequestBody b : bodies) {
            String groupId = b.string("security_group_id");
            SecurityGroupRow group = groups.share(List.of(groupId)).stream()
                    .filter(g -> caller.seesAll() || caller.owns(g.projectId())).findFirst()
                    .orElseThrow(() -> SecurityGroupFaults.notFound(groupId));
            access.require(caller.canWrite(group.projectId()), "create_security_group_rule");
            String project = b.string("project_id") != null && caller.admin() ? b.string("project_id")
                    : access.owningProject(caller, b.string("project_id"));
            projects.add(project);
            if (projects.size() > 1) {
                throw SecurityGroupFaults.notSingleProject();
            }
            SecurityGroupRuleSpec spec = new SecurityGroupRuleSpec(b.string("direction"), b.string("ethertype"),
                    b.string("protocol"), b.integer("port_range_min"), b.integer("port_range_max"),
                    b.string("remote_ip_prefix"), b.string("remote_group_id")).canonical();
            if (spec.remoteGroupId() != null) {
                groups.share(List.of(spec.remoteGroupId())).stream()
                        .filter(g -> caller.seesAll() || g.projectId().equals(project)).findFirst()
                        .orElseThrow(() -> SecurityGroupFaults.notFound(spec.remoteGroupId()));
            }
            if (!keys.add(groupId + spec.key())) {
                throw SecurityGroupFaults.duplicateRuleInPost();
            }
            quotas.check(project, "security_group_rule", 1);
            SecurityGroupRuleRow row = new SecurityGroupRuleRow(UUID.randomUUID().toString(), groupId, project,
                    spec.direction(), spec.ethertype(), spec.protocol(), spec.portRangeMin(), spec.portRangeMax(),
                    spec.remoteIpPrefix(), spec.remoteGroupId(), spec.key(),
                    new StandardAttributes(b.string("description"), 1, null, null));
            if (!rules.insert(row)) {
                throw SecurityGroupFaults.ruleExists(rules.idOf(groupId, spec.key()).orElse("unknown"));
            }
            groups.bump(groupId);
            created.add(rules.find(row.id()).orElseThrow());
            changes.changed(NetworkChange.Kind.SECURITY_GROUP, groupId);
        }
        return created;
    }

    @Transactional
    public SecurityGroupRuleRow update(Caller caller, String id, RequestBody b) {
        SecurityGroupRuleRow rule = get(caller, id);
        access.requireChange(caller.canWrite(rule.projectId()), true, "update_security_group_rule");
        if (b.given("description")) {
            rules.updateDescription(id, b.string("description"));
        }
        return rules.find(id).orElseThrow();
    }

    @Transactional
    public void delete(Caller caller, String id) {
        SecurityGroupRuleRow rule = get(caller, id);
        access.requireChange(caller.canWrite(rule.projectId()) || groups.find(rule.securityGroupId())
                .map(g -> caller.canWrite(g.projectId())).orElse(false), true, "delete_security_group_rule");
        rules.delete(id);
        groups.bump(rule.securityGroupId());
        changes.changed(NetworkChange.Kind.SECURITY_GROUP, rule.securityGroupId());
    }

    private boolean sees(Caller caller, SecurityGroupRuleRow rule) {
        return caller.seesAll() || caller.owns(rule.projectId())
                || groups.find(rule.securityGroupId()).map(g -> caller.owns(g.projectId())).orElse(false);
    }
}
