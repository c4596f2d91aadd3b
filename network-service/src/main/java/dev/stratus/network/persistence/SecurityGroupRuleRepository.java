package dev.stratus.network.persistence;

import dev.stratus.common.persistence.Db;
import dev.stratus.network.persistence.listing.Column;
import dev.stratus.network.persistence.listing.ListQuery;
import dev.stratus.network.persistence.listing.ResourceColumns;
import dev.stratus.network.persistence.listing.SqlListing;
import dev.stratus.network.persistence.listing.Where;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code security_group_rules} table; (group, rule key) is unique, so equal rules cannot both be stored. */
@ApplicationScoped
public class SecurityGroupRuleRepository {

    private static final String COLUMNS = "r.id, r.security_group_id, r.project_id, r.direction, r.ethertype, r.protocol, "
            + "r.port_range_min, r.port_range_max, r.remote_ip_prefix, r.remote_group_id, r.rule_key, "
            + StandardAttributes.columns("r");

    public static final ResourceColumns LISTING = new ResourceColumns("security_group_rules", "r", "security_group_rules")
            .column("id", Column.text("r.id"))
            .column("security_group_id", Column.text("r.security_group_id"))
            .column("project_id", Column.text("r.project_id"))
            .column("tenant_id", Column.text("r.project_id"))
            .column("direction", Column.text("r.direction"))
            .column("ethertype", Column.text("r.ethertype"))
            .column("protocol", Column.nullableText("r.protocol"))
            .column("port_range_min", Column.nullableInteger("r.port_range_min"))
            .column("port_range_max", Column.nullableInteger("r.port_range_max"))
            .column("remote_ip_prefix", Column.nullableText("r.remote_ip_prefix"))
            .column("remote_group_id", Column.nullableText("r.remote_group_id"))
            .column("description", Column.text("r.description"))
            .column("revision_number", Column.integer("r.revision_number"))
            .column("created_at", Column.time("r.created_at"))
            .column("updated_at", Column.time("r.updated_at"));

    private final Db db;

    public SecurityGroupRuleRepository(Db db) {
        this.db = db;
    }

    /** False when the group already holds a rule with the same key. */
    public boolean insert(SecurityGroupRuleRow r) {
        return db.update("insert into security_group_rules (id, security_group_id, project_id, direction, ethertype, "
                + "protocol, port_range_min, port_range_max, remote_ip_prefix, remote_group_id, description, rule_key) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (security_group_id, rule_key) do nothing",
                r.id(), r.securityGroupId(), r.projectId(), r.direction(), r.ethertype(), r.protocol(), r.portRangeMin(),
                r.portRangeMax(), r.remoteIpPrefix(), r.remoteGroupId(), r.standard().description(), r.ruleKey()) > 0;
    }

    public Optional<String> idOf(String groupId, String ruleKey) {
        return db.one("select id from security_group_rules where security_group_id = ? and rule_key = ?",
                rs -> rs.getString(1), groupId, ruleKey);
    }

    public Optional<SecurityGroupRuleRow> find(String id) {
        return db.one("select " + COLUMNS + " from security_group_rules r where r.id = ?",
                SecurityGroupRuleRepository::row, id);
    }

    /** The rules of each group, in creation order. */
    public Map<String, List<SecurityGroupRuleRow>> byGroups(List<String> groupIds) {
        Map<String, List<SecurityGroupRuleRow>> out = new LinkedHashMap<>();
        groupIds.forEach(id -> out.put(id, new java.util.ArrayList<>()));
        db.list("select " + COLUMNS + " from security_group_rules r where r.security_group_id = any(?) "
                + "order by r.created_at, r.id", SecurityGroupRuleRepository::row, groupIds)
                .forEach(r -> out.get(r.securityGroupId()).add(r));
        return out;
    }

    public Optional<List<SecurityGroupRuleRow>> list(ListQuery query, Where visibility) {
        return SqlListing.page(db, LISTING, query, visibility).map(page -> page.flip(db.list(
                page.sql(COLUMNS, LISTING.from()), SecurityGroupRuleRepository::row, page.where().params().toArray())));
    }

    public void updateDescription(String id, String description) {
        Updates.apply(db, "security_group_rules", id, Map.of("description", description));
    }

    public boolean delete(String id) {
        return db.update("delete from security_group_rules where id = ?", id) > 0;
    }

    public long countByProject(String projectId) {
        return db.count("select count(*) from security_group_rules where project_id = ?", projectId);
    }

    static SecurityGroupRuleRow row(ResultSet rs) throws SQLException {
        return new SecurityGroupRuleRow(rs.getString("id"), rs.getString("security_group_id"),
                rs.getString("project_id"), rs.getString("direction"), rs.getString("ethertype"),
                rs.getString("protocol"), Db.integer(rs, "port_range_min"), Db.integer(rs, "port_range_max"),
                rs.getString("remote_ip_prefix"), rs.getString("remote_group_id"), rs.getString("rule_key"),
                StandardAttributes.read(rs));
    }
}
