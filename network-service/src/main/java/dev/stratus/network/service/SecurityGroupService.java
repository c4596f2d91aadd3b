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
import dev.stratus.network.persistence.TagRepository;
import dev.stratus.network.persistence.listing.ListQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Security groups. A new group gets Neutron's two egress rules (any IPv4, any IPv6); the {@code default} group
 * is made on a project's first use, cannot be renamed, nor deleted by its project; a group ports use cannot go.
 */
@ApplicationScoped
public class SecurityGroupService {

    private final SecurityGroupRepository groups;
    private final SecurityGroupRuleRepository rules;
    private final TagRepository tags;
    private final DefaultSecurityGroups defaultGroups;
    private final Quotas quotas;
    private final VisibleResources visible;
    private final Access access;
    private final NetworkChanges changes;

    public SecurityGroupService(SecurityGroupRepository groups, SecurityGroupRuleRepository rules, TagRepository tags,
            DefaultSecurityGroups defaultGroups, Quotas quotas, VisibleResources visible, Access access,
            NetworkChanges changes) {
        this.groups = groups;
        this.rules = rules;
        this.tags = tags;
        this.defaultGroups = defaultGroups;
        this.quotas = quotas;
        this.visible = visible;
        this.access = access;
        this.changes = changes;
    }

    /** Listing is a first use: the caller's project gets its default group if it had none. */
    @Transactional
    public List<SecurityGroupDetails> list(Caller caller, ListQuery query) {
        access.require(caller.reader() || caller.seesAll(), "get_security_group");
        if (!caller.projectId().isEmpty()) {
            defaultGroups.ensure(caller.projectId());
        }
        return details(groups.list(query, Visibility.securityGroups(caller))
                .orElseThrow(() -> SecurityGroupFaults.notFound(query.marker())));
    }

    public SecurityGroupDetails get(Caller caller, String id) {
        return details(List.of(visible.securityGroup(caller, id))).get(0);
    }

    @Transactional
    public List<SecurityGroupDetails> create(Caller caller, List<RequestBody> bodies) {
        List<SecurityGroupRow> created = new ArrayList<>();
        for (RequestBody b : bodies) {
            access.require(caller.admin() || caller.member(), "create_security_group");
            String project = access.owningProject(caller, b.string("project_id"));
            if (DefaultSecurityGroups.NAME.equalsIgnoreCase(b.string("name"))) {
                throw SecurityGroupFaults.defaultAlreadyExists();
            }
            defaultGroups.ensure(project);
            quotas.check(project, "security_group", 1);
            SecurityGroupRow row = new SecurityGroupRow(UUID.randomUUID().toString(), project, b.string("name"), true,
                    new StandardAttributes(b.string("description"), 1, null, null));
            groups.insert(row);
            for (String ethertype : List.of("IPv4", "IPv6")) {
                SecurityGroupRuleSpec egress = new SecurityGroupRuleSpec("egress", ethertype, null, null, null, null,
                        null);
                rules.insert(new SecurityGroupRuleRow(UUID.randomUUID().toString(), row.id(), project, "egress",
                        ethertype, null, null, null, null, null, egress.key(), new StandardAttributes("", 1, null,
                                null)));
            }
            created.add(groups.find(row.id()).orElseThrow());
            changes.changed(NetworkChange.Kind.SECURITY_GROUP, row.id());
        }
        return details(created);
    }

    @Transactional
    public SecurityGroupDetails update(Caller caller, String id, RequestBody b) {
        SecurityGroupRow group = visible.securityGroup(caller, id);
        access.requireChange(caller.canWrite(group.projectId()), true, "update_security_group");
        boolean isDefault = groups.isDefault(id);
        if (b.given("name") && DefaultSecurityGroups.NAME.equalsIgnoreCase(b.string("name"))) {
            throw SecurityGroupFaults.defaultAlreadyExists();
        }
        if (b.given("name") && isDefault) {
            throw SecurityGroupFaults.cannotUpdateDefault();
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        if (b.given("name")) {
            columns.put("name", b.string("name"));
        }
        if (b.given("description")) {
            columns.put("description", b.string("description"));
        }
        groups.update(id, columns);
        changes.changed(NetworkChange.Kind.SECURITY_GROUP, id);
        return get(caller, id);
    }

    @Transactional
    public void delete(Caller caller, String id) {
        SecurityGroupRow group = visible.securityGroup(caller, id);
        access.requireChange(caller.canWrite(group.projectId()), true, "delete_security_group");
        if (groups.isDefault(id) && !caller.admin()) {
            throw SecurityGroupFaults.cannotRemoveDefault();
        }
        groups.lock(id).orElseThrow(() -> SecurityGroupFaults.notFound(id));
        if (groups.inUse(id)) {
            throw SecurityGroupFaults.inUse(id);
        }
        tags.removeAll("security_groups", id);
        groups.delete(id);
        changes.changed(NetworkChange.Kind.SECURITY_GROUP, id);
    }

    public List<SecurityGroupDetails> details(List<SecurityGroupRow> rows) {
        List<String> ids = rows.stream().map(SecurityGroupRow::id).toList();
        Map<String, List<SecurityGroupRuleRow>> rulesById = ids.isEmpty() ? Map.of() : rules.byGroups(ids);
        Map<String, List<String>> tagsById = tags.tags("security_groups", ids);
        return rows.stream().map(g -> new SecurityGroupDetails(g, rulesById.getOrDefault(g.id(), List.of()),
                tagsById.getOrDefault(g.id(), List.of()))).toList();
    }
}
