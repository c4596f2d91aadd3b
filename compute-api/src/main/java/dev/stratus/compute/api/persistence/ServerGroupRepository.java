package dev.stratus.compute.api.persistence;

import dev.stratus.common.persistence.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Server groups (Nova's instance_groups) and their members. */
@ApplicationScoped
public class ServerGroupRepository {

    public record GroupRow(long id, String uuid, String name, String projectId, String userId, String policy,
            Map<String, String> rules, Instant createdAt, List<String> members) {
    }

    private static final String COLUMNS = "id, uuid, name, project_id, user_id, policy, rules::text as rules, created_at";

    private final Db db;

    public ServerGroupRepository(Db db) {
        this.db = db;
    }

    public Optional<GroupRow> find(String uuid) {
        return db.one("select " + COLUMNS + " from instance_groups where uuid = ?", ServerGroupRepository::row, uuid)
                .map(g -> withMembers(List.of(g)).get(0));
    }

    /** The group the instance is a member of, if any (an instance is in one group at most). */
    public Optional<GroupRow> ofMember(String instanceUuid) {
        return db.one("select " + COLUMNS + " from instance_groups where uuid = (select group_uuid from"
                + " instance_group_member where instance_uuid = ? limit 1)", ServerGroupRepository::row, instanceUuid)
                .map(g -> withMembers(List.of(g)).get(0));
    }

    /** Lock the group while members are added (the members quota and anti-affinity count them). */
    public Optional<GroupRow> lock(String uuid) {
        return db.one("select " + COLUMNS + " from instance_groups where uuid = ? for update",
                ServerGroupRepository::row, uuid).map(g -> withMembers(List.of(g)).get(0));
    }

    public List<GroupRow> list(String projectId, String marker, int offsetLimit, int offset) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from instance_groups where true");
        List<Object> params = new ArrayList<>();
        if (projectId != null) {
            sql.append(" and project_id = ?");
            params.add(projectId);
        }
        sql.append(" order by id limit ? offset ?");
        params.add(offsetLimit);
        params.add(offset);
        return withMembers(db.list(sql.toString(), ServerGroupRepository::row, params.toArray()));
    }

    public void insert(String uuid, String name, String projectId, String userId, String policy,
            Map<String, String> rules) {
        db.update("insert into instance_groups (uuid, name, project_id, user_id, policy, rules) values"
                + " (?, ?, ?, ?, ?, ?::jsonb)", uuid, name, projectId, userId, policy, InstanceRepository.json(rules));
    }

    public boolean delete(String uuid) {
        return db.update("delete from instance_groups where uuid = ?", uuid) > 0;
    }

    public void addMembers(String uuid, List<String> instanceUuids) {
        List<Object[]> rows = new ArrayList<>();
        instanceUuids.forEach(i -> rows.add(new Object[] {uuid, i}));
        db.batch("insert into instance_group_member (group_uuid, instance_uuid) values (?, ?) on conflict do nothing",
                rows);
    }

    public void removeMember(String instanceUuid) {
        db.update("delete from instance_group_member where instance_uuid = ?", instanceUuid);
    }

    private List<GroupRow> withMembers(List<GroupRow> groups) {
        if (groups.isEmpty()) {
            return groups;
        }
        Map<String, List<String>> members = new HashMap<>();
        db.list("select group_uuid, instance_uuid from instance_group_member where group_uuid = any(?)"
                + " order by created_at, instance_uuid", rs -> members.computeIfAbsent(rs.getString(1),
                        k -> new ArrayList<>()).add(rs.getString(2)), groups.stream().map(GroupRow::uuid).toList());
        List<GroupRow> out = new ArrayList<>();
        for (GroupRow g : groups) {
            out.add(new GroupRow(g.id(), g.uuid(), g.name(), g.projectId(), g.userId(), g.policy(), g.rules(),
                    g.createdAt(), members.getOrDefault(g.uuid(), List.of())));
        }
        return out;
    }

    static GroupRow row(ResultSet rs) throws SQLException {
        return new GroupRow(rs.getLong("id"), rs.getString("uuid"), rs.getString("name"), rs.getString("project_id"),
                rs.getString("user_id"), rs.getString("policy"), InstanceRepository.map(rs.getString("rules")),
                Db.instant(rs, "created_at"), List.of());
    }
}
