package dev.stratus.compute.api.persistence;

import dev.stratus.common.persistence.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;

/** Limits set for projects, users and the default quota class, and the usage counted from live rows. */
@ApplicationScoped
public class QuotaRepository {

    /** What a project (or one user of it) uses of the countable resources. */
    public record Usage(long instances, long cores, long ram) {
    }

    private final Db db;

    public QuotaRepository(Db db) {
        this.db = db;
    }

    public Db db() {
        return db;
    }

    public Map<String, Integer> classLimits(String className) {
        Map<String, Integer> out = new HashMap<>();
        db.list("select resource, hard_limit from quota_classes where class_name = ?",
                rs -> out.put(rs.getString(1), rs.getInt(2)), className);
        return out;
    }

    public void putClassLimit(String className, String resource, int limit) {
        db.update("insert into quota_classes (class_name, resource, hard_limit) values (?, ?, ?)"
                + " on conflict (class_name, resource) do update set hard_limit = excluded.hard_limit",
                className, resource, limit);
    }

    /** Limits set for the project itself ({@code userId} null) or for one of its users. */
    public Map<String, Integer> limits(String projectId, String userId) {
        Map<String, Integer> out = new HashMap<>();
        db.list("select resource, hard_limit from quotas where project_id = ? and user_id = ?",
                rs -> out.put(rs.getString(1), rs.getInt(2)), projectId, userId == null ? "" : userId);
        return out;
    }

    public void putLimit(String projectId, String userId, String resource, int limit) {
        db.update("insert into quotas (project_id, user_id, resource, hard_limit) values (?, ?, ?, ?)"
                + " on conflict (project_id, user_id, resource) do update set hard_limit = excluded.hard_limit",
                projectId, userId == null ? "" : userId, resource, limit);
    }

    /** Per resource, the sum of the limits set for users of the project (what is handed out below it). */
    public Map<String, Long> userLimitTotals(String projectId) {
        Map<String, Long> out = new HashMap<>();
        db.list("select resource, sum(hard_limit) from quotas where project_id = ? and user_id <> ''"
                + " and hard_limit >= 0 group by resource", rs -> out.put(rs.getString(1), rs.getLong(2)), projectId);
        return out;
    }

    public void deleteLimits(String projectId, String userId) {
        if (userId == null) {
            db.update("delete from quotas where project_id = ?", projectId);
        } else {
            db.update("delete from quotas where project_id = ? and user_id = ?", projectId, userId);
        }
    }

    public Usage usage(String projectId, String userId) {
        String sql = "select count(*), coalesce(sum(vcpus), 0), coalesce(sum(memory_mb), 0) from instances"
                + " where project_id = ? and deleted_at is null" + (userId == null ? "" : " and user_id = ?");
        Object[] params = userId == null ? new Object[] {projectId} : new Object[] {projectId, userId};
        return db.one(sql, rs -> new Usage(rs.getLong(1), rs.getLong(2), rs.getLong(3)), params)
                .orElse(new Usage(0, 0, 0));
    }

    public long keyPairs(String userId) {
        return db.count("select count(*) from key_pairs where user_id = ?", userId);
    }

    public long serverGroups(String projectId, String userId) {
        return userId == null
                ? db.count("select count(*) from instance_groups where project_id = ?", projectId)
                : db.count("select count(*) from instance_groups where project_id = ? and user_id = ?", projectId,
                        userId);
    }

    /** The live servers of {@code userId} among a group's members. */
    public long serverGroupMembersOfUser(String groupUuid, String userId) {
        return db.count("select count(*) from instance_group_member m join instances i on i.uuid = m.instance_uuid"
                + " where m.group_uuid = ? and i.user_id = ? and i.deleted_at is null", groupUuid, userId);
    }
}
