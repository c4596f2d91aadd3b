package dev.stratus.network.persistence;

import dev.stratus.common.persistence.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code quotas} table: the limits a project has other than the defaults. */
@ApplicationScoped
public class QuotaRepository {

    private final Db db;

    public QuotaRepository(Db db) {
        this.db = db;
    }

    public Map<String, Integer> limits(String projectId) {
        Map<String, Integer> out = new LinkedHashMap<>();
        db.list("select resource, hard_limit from quotas where project_id = ?", rs -> Map.entry(rs.getString(1),
                rs.getInt(2)), projectId).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Every project with a limit of its own, and those limits. */
    public Map<String, Map<String, Integer>> all() {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        db.list("select project_id, resource, hard_limit from quotas order by project_id, resource",
                rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getInt(3)})
                .forEach(r -> out.computeIfAbsent((String) r[0], k -> new LinkedHashMap<>())
                        .put((String) r[1], (Integer) r[2]));
        return out;
    }

    public void set(String projectId, String resource, int limit) {
        db.update("insert into quotas (project_id, resource, hard_limit) values (?, ?, ?) "
                + "on conflict (project_id, resource) do update set hard_limit = excluded.hard_limit", projectId,
                resource, limit);
    }

    public void reset(String projectId) {
        db.update("delete from quotas where project_id = ?", projectId);
    }

    public List<String> projects() {
        return db.list("select distinct project_id from quotas order by project_id", rs -> rs.getString(1));
    }
}
