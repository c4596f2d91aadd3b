package dev.stratus.compute.api.operator.persistence;

import dev.stratus.common.persistence.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** A row of {@code compute_nodes}, with the service that reports it. */
public record ComputeNodeRow(int id, String uuid, String host, String hypervisorHostname, String hypervisorType,
        long hypervisorVersion, String hostIp, int vcpus, long memoryMb, long localGb, int vcpusUsed,
        long memoryMbUsed, long localGbUsed, int runningVms, String cpuInfo, Long diskAvailableLeast,
        String hostUptime, Instant updatedAt, ServiceRow service) {

    static final String COLUMNS = "n.id as node_id, n.uuid as node_uuid, n.host as node_host, n.hypervisor_hostname,"
            + " n.hypervisor_type, n.hypervisor_version, n.host_ip, n.vcpus, n.memory_mb, n.local_gb, n.vcpus_used,"
            + " n.memory_mb_used, n.local_gb_used, n.running_vms, n.cpu_info, n.disk_available_least, n.host_uptime,"
            + " n.updated_at as node_updated_at, " + ServiceRow.COLUMNS;

    public long freeRamMb() {
        return memoryMb - memoryMbUsed;
    }

    public long freeDiskGb() {
        return localGb - localGbUsed;
    }

    static ComputeNodeRow read(ResultSet rs) throws SQLException {
        return new ComputeNodeRow(rs.getInt("node_id"), rs.getString("node_uuid"), rs.getString("node_host"),
                rs.getString("hypervisor_hostname"), rs.getString("hypervisor_type"), rs.getLong("hypervisor_version"),
                rs.getString("host_ip"), rs.getInt("vcpus"), rs.getLong("memory_mb"), rs.getLong("local_gb"),
                rs.getInt("vcpus_used"), rs.getLong("memory_mb_used"), rs.getLong("local_gb_used"),
                rs.getInt("running_vms"), rs.getString("cpu_info"), Db.longOrNull(rs, "disk_available_least"), rs.getString("host_uptime"),
                Db.instant(rs, "node_updated_at"), ServiceRow.read(rs));
    }
}
