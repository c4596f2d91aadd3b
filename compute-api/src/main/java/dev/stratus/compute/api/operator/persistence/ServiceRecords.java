package dev.stratus.compute.api.operator.persistence;

import dev.stratus.common.persistence.Db;
import dev.stratus.common.compute.HostResources;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code services} and {@code compute_nodes} tables. */
@ApplicationScoped
public class ServiceRecords {

    private final Db sql;

    public ServiceRecords(Db sql) {
        this.sql = sql;
    }

    /**
     * Records one report of a service. Returns the service id, or empty when the report is not newer than
     * the latest one recorded (a redelivered or overtaken heartbeat changes nothing).
     */
    public Optional<Integer> recordReport(String host, String binary, String topic, String version,
            Integer reportIntervalSeconds, Instant startedAt, Instant reportedAt, Instant receivedAt) {
        return sql.one("""
                insert into services (uuid, host, binary_name, topic, version, report_count, report_interval_seconds,
                                      started_at, last_reported_at, last_seen_up, created_at, updated_at)
                values (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)
                on conflict (host, binary_name) do update set
                    topic = excluded.topic, version = excluded.version, report_count = services.report_count + 1,
                    report_interval_seconds = excluded.report_interval_seconds, started_at = excluded.started_at,
                    last_reported_at = excluded.last_reported_at, last_seen_up = excluded.last_seen_up,
                    updated_at = excluded.updated_at
                where services.last_reported_at is null or services.last_reported_at < excluded.last_reported_at
                returning id
                """, rs -> rs.getInt(1), UUID.randomUUID().toString(), host, binary, topic, version,
                reportIntervalSeconds, startedAt, reportedAt, receivedAt, receivedAt, receivedAt);
    }

    /** The hypervisor of a compute service, as its latest heartbeat describes it; other nodes of it are gone. */
    public void recordNode(int serviceId, String host, HostResources r, String hostUptime, Instant receivedAt) {
        sql.update("""
                insert into compute_nodes (uuid, service_id, host, hypervisor_hostname, hypervisor_type,
                    hypervisor_version, host_ip, vcpus, memory_mb, local_gb, vcpus_used, memory_mb_used,
                    local_gb_used, running_vms, reserved_vcpus, reserved_memory_mb, reserved_disk_gb,
                    cpu_allocation_ratio, ram_allocation_ratio, disk_allocation_ratio, cpu_info, host_uptime, created_at,
                    updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (hypervisor_hostname) do update set
                    service_id = excluded.service_id, host = excluded.host, hypervisor_type = excluded.hypervisor_type,
                    hypervisor_version = excluded.hypervisor_version, host_ip = excluded.host_ip,
                    vcpus = excluded.vcpus, memory_mb = excluded.memory_mb, local_gb = excluded.local_gb,
                    vcpus_used = excluded.vcpus_used, memory_mb_used = excluded.memory_mb_used,
                    local_gb_used = excluded.local_gb_used, running_vms = excluded.running_vms,
                    reserved_vcpus = excluded.reserved_vcpus, reserved_memory_mb = excluded.reserved_memory_mb,
                    reserved_disk_gb = excluded.reserved_disk_gb, cpu_allocation_ratio = excluded.cpu_allocation_ratio,
                    ram_allocation_ratio = excluded.ram_allocation_ratio,
                    disk_allocation_ratio = excluded.disk_allocation_ratio, cpu_info = excluded.cpu_info,
                    host_uptime = excluded.host_uptime,
                    updated_at = excluded.updated_at
                """, UUID.randomUUID().toString(), serviceId, host, r.hypervisorHostname(), r.hypervisorType(),
                r.hypervisorVersion(), r.hostIp(), r.vcpus(), r.memoryMb(), r.localGb(), r.vcpusUsed(),
                r.memoryMbUsed(), r.localGbUsed(), r.runningVms(), r.reservedVcpus(), r.reservedMemoryMb(),
                r.reservedDiskGb(), r.cpuAllocationRatio(), r.ramAllocationRatio(), r.diskAllocationRatio(),
                r.cpuInfo(), hostUptime, receivedAt, receivedAt);
        sql.update("delete from compute_nodes where service_id = ? and hypervisor_hostname <> ?", serviceId,
                r.hypervisorHostname());
    }

    public List<ServiceRow> list(String host, String binary) {
        StringBuilder where = new StringBuilder("true");
        List<Object> params = new ArrayList<>();
        if (host != null) {
            where.append(" and s.host = ?");
            params.add(host);
        }
        if (binary != null) {
            where.append(" and s.binary_name = ?");
            params.add(binary);
        }
        return sql.list("select " + ServiceRow.COLUMNS + " from services s where " + where + " order by s.id",
                ServiceRow::read, params.toArray());
    }

    public Optional<ServiceRow> byId(int id) {
        return sql.one("select " + ServiceRow.COLUMNS + " from services s where s.id = ?", ServiceRow::read, id);
    }

    public Optional<ServiceRow> byUuid(String uuid) {
        return sql.one("select " + ServiceRow.COLUMNS + " from services s where s.uuid = ?", ServiceRow::read, uuid);
    }

    public Optional<ServiceRow> byHostAndBinary(String host, String binary) {
        return sql.one("select " + ServiceRow.COLUMNS + " from services s where s.host = ? and s.binary_name = ?",
                ServiceRow::read, host, binary);
    }

    /** Whether a compute service reports from this host. */
    public boolean computeHostExists(String host) {
        return sql.count("select count(*) from services where host = ? and topic = ?", host,
                ServiceRow.COMPUTE_TOPIC) > 0;
    }

    public void updateStatus(int id, boolean disabled, String disabledReason, boolean forcedDown, Instant now) {
        sql.update("update services set disabled = ?, disabled_reason = ?, forced_down = ?, updated_at = ? where id = ?",
                disabled, disabledReason, forcedDown, now, id);
    }

    /** Serialises changes to one service until the transaction ends. */
    public void lock(String scope, String key) {
        sql.lock(scope, key);
    }

    public void delete(int id) {
        sql.update("delete from services where id = ?", id);
    }

    // ---- compute nodes ----------------------------------------------------------------------------

    private static final String NODE_FROM = " from compute_nodes n join services s on s.id = n.service_id";

    public List<ComputeNodeRow> nodes() {
        return sql.list("select " + ComputeNodeRow.COLUMNS + NODE_FROM + " order by n.id", ComputeNodeRow::read);
    }

    /** Nodes whose hypervisor host name contains {@code pattern} (Nova's search is a substring match). */
    public List<ComputeNodeRow> nodesMatching(String pattern) {
        String like = "%" + pattern.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return sql.list("select " + ComputeNodeRow.COLUMNS + NODE_FROM
                + " where n.hypervisor_hostname like ? order by n.id", ComputeNodeRow::read, like);
    }

    public Optional<ComputeNodeRow> nodeById(int id) {
        return sql.one("select " + ComputeNodeRow.COLUMNS + NODE_FROM + " where n.id = ?", ComputeNodeRow::read, id);
    }

    public Optional<ComputeNodeRow> nodeByUuid(String uuid) {
        return sql.one("select " + ComputeNodeRow.COLUMNS + NODE_FROM + " where n.uuid = ?", ComputeNodeRow::read,
                uuid);
    }
}
