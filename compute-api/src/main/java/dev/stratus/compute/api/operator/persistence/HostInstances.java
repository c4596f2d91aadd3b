package dev.stratus.compute.api.operator.persistence;

import dev.stratus.common.persistence.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the operator API reads of the tenant API's {@code instances} table: which servers a host or a
 * hypervisor runs, and how busy it is. Read only.
 */
@ApplicationScoped
public class HostInstances {

    /** Nova's I/O workload: instances building, or in a task that moves or copies disks. */
    private static final List<String> WORKLOAD_TASK_STATES = List.of("resize_migrating", "rebuilding", "resize_prep",
            "image_snapshot", "image_backup", "rescuing", "unshelving");

    public record ServerRef(String uuid, String name, String host, String node) {
    }

    /** What one server takes of its host: its project and its flavor as booted (disk = root + ephemeral). */
    public record HostLoad(String projectId, int vcpus, int memoryMb, int diskGb) {
    }

    private final Db sql;

    public HostInstances(Db sql) {
        this.sql = sql;
    }

    /** Servers not deleted on a host, whatever their node. */
    public long countOnHost(String host) {
        return sql.count("select count(*) from instances where host = ? and deleted_at is null", host);
    }

    /** Servers not deleted on the given hosts, oldest first. */
    public List<ServerRef> serversOnHosts(Collection<String> hosts) {
        if (hosts.isEmpty()) {
            return List.of();
        }
        return sql.list("""
                select uuid, display_name, host, node from instances
                where host = any(?) and deleted_at is null order by created_at, id
                """, rs -> new ServerRef(rs.getString("uuid"), rs.getString("display_name"), rs.getString("host"),
                rs.getString("node")), hosts);
    }

    /** Each server not deleted on a host, oldest first, with what it takes. */
    public List<HostLoad> loadOnHost(String host) {
        return sql.list("""
                select project_id, vcpus, memory_mb, root_gb + ephemeral_gb as disk_gb from instances
                where host = ? and deleted_at is null order by created_at, id
                """, rs -> new HostLoad(rs.getString("project_id"), rs.getInt("vcpus"), rs.getInt("memory_mb"),
                rs.getInt("disk_gb")), host);
    }

    /** Servers that existed on a host during {@code [beginning, ending)}: launched before its end, not gone before. */
    public int activeDuring(String host, java.time.Instant beginning, java.time.Instant ending) {
        return (int) sql.count("""
                select count(*) from instances where host = ? and launched_at < ?
                and (terminated_at is null or terminated_at >= ?) and (deleted_at is null or deleted_at >= ?)
                """, host, ending, beginning, beginning);
    }

    /** Per host and node ({@code host + "/" + node}, node may be empty): Nova's {@code current_workload}. */
    public Map<String, Integer> workloadByNode() {
        Map<String, Integer> workload = new LinkedHashMap<>();
        sql.list("""
                select host, coalesce(node, '') as node, count(*) as busy from instances
                where host is not null and deleted_at is null and (vm_state = 'building' or task_state = any(?))
                group by host, coalesce(node, '')
                """, rs -> workload.put(rs.getString("host") + "/" + rs.getString("node"), rs.getInt("busy")),
                WORKLOAD_TASK_STATES);
        return workload;
    }
}
