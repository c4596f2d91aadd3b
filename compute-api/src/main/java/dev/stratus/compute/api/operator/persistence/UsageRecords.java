package dev.stratus.compute.api.operator.persistence;

import dev.stratus.common.persistence.Db;
import dev.stratus.common.fault.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The instances that ran during a usage window, read from the tenant API's {@code instances} table, in
 * project then uuid order (so a page keeps each project's servers together).
 */
@ApplicationScoped
public class UsageRecords {

    /** What one server used: its flavor as booted, when it ran, and its state. */
    public record InstanceUsage(String uuid, String name, String projectId, String flavorName, int vcpus,
            int memoryMb, int rootGb, int ephemeralGb, String vmState, Instant launchedAt, Instant endedAt) {
    }

    private final Db sql;

    public UsageRecords(Db sql) {
        this.sql = sql;
    }

    /**
     * Instances launched before {@code end} and not ended before {@code start}; a deleted instance without
     * a termination time ended when it was deleted. Up to {@code limit + 1} rows after {@code marker}.
     */
    public List<InstanceUsage> activeIn(Instant start, Instant end, String projectId, String marker, int limit) {
        StringBuilder where = new StringBuilder(
                "i.launched_at < ? and (coalesce(i.terminated_at, i.deleted_at) is null"
                        + " or coalesce(i.terminated_at, i.deleted_at) > ?)");
        List<Object> params = new ArrayList<>(List.of(end, start));
        if (projectId != null) {
            where.append(" and i.project_id = ?");
            params.add(projectId);
        }
        if (marker != null) {
            String markerProject = sql.one("select project_id from instances where uuid = ?",
                    rs -> rs.getString(1), marker)
                    .orElseThrow(() -> ApiException.badRequest("Marker " + marker + " could not be found."));
            where.append(" and (i.project_id, i.uuid) > (?, ?)");
            params.add(markerProject);
            params.add(marker);
        }
        params.add(limit + 1);
        return sql.list("""
                select i.uuid, i.display_name, i.project_id, i.flavor_name, i.vcpus, i.memory_mb, i.root_gb,
                       i.ephemeral_gb, i.vm_state, i.launched_at,
                       coalesce(i.terminated_at, i.deleted_at) as ended_at
                from instances i where %s order by i.project_id, i.uuid limit ?
                """.formatted(where), rs -> new InstanceUsage(rs.getString("uuid"), rs.getString("display_name"),
                rs.getString("project_id"), rs.getString("flavor_name"), rs.getInt("vcpus"), rs.getInt("memory_mb"),
                rs.getInt("root_gb"), rs.getInt("ephemeral_gb"), rs.getString("vm_state"),
                Db.instant(rs, "launched_at"), Db.instant(rs, "ended_at")), params.toArray());
    }
}
