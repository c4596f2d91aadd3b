package dev.stratus.scheduler.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.common.compute.HostAggregates;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Rows of {@code compute_hosts}: heartbeats, operator status and aggregates of each compute host. */
@ApplicationScoped
public class HostRepository {

    private static final TypeReference<List<HostAggregates.Aggregate>> AGGREGATES = new TypeReference<>() {
    };
    private static final String SELECT = "SELECT host, provider_uuid, hypervisor_type, cpu_arch, last_heartbeat,"
            + " disabled, disabled_reason, forced_down, availability_zone, aggregates FROM compute_hosts";

    private final ObjectMapper json;

    public HostRepository(ObjectMapper json) {
        this.json = json;
    }

    public List<HostRecord> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY host")) {
            return read(ps);
        }
    }

    public Optional<HostRecord> find(Connection c, String host) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE host = ?")) {
            ps.setString(1, host);
            List<HostRecord> found = read(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    /** Records a heartbeat, creating the host row on the first one. */
    public void heartbeat(Connection c, String host, UUID providerUuid, String hypervisorType, String cpuArch,
            java.time.Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO compute_hosts (host, provider_uuid, hypervisor_type,"
                + " cpu_arch, last_heartbeat) VALUES (?, ?, ?, ?, ?) ON CONFLICT (host) DO UPDATE SET"
                + " provider_uuid = EXCLUDED.provider_uuid, hypervisor_type = EXCLUDED.hypervisor_type,"
                + " cpu_arch = EXCLUDED.cpu_arch, last_heartbeat = GREATEST(compute_hosts.last_heartbeat,"
                + " EXCLUDED.last_heartbeat), updated_at = now()")) {
            ps.setString(1, host);
            ps.setObject(2, providerUuid);
            ps.setString(3, hypervisorType);
            ps.setString(4, cpuArch);
            ps.setTimestamp(5, Timestamp.from(at));
            ps.executeUpdate();
        }
    }

    public void status(Connection c, String host, boolean disabled, String reason, boolean forcedDown)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO compute_hosts (host, disabled, disabled_reason,"
                + " forced_down) VALUES (?, ?, ?, ?) ON CONFLICT (host) DO UPDATE SET disabled = EXCLUDED.disabled,"
                + " disabled_reason = EXCLUDED.disabled_reason, forced_down = EXCLUDED.forced_down, updated_at = now()")) {
            ps.setString(1, host);
            ps.setBoolean(2, disabled);
            ps.setString(3, reason);
            ps.setBoolean(4, forcedDown);
            ps.executeUpdate();
        }
    }

    public void aggregates(Connection c, String host, String availabilityZone, List<HostAggregates.Aggregate> aggregates)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO compute_hosts (host, availability_zone, aggregates)"
                + " VALUES (?, ?, ?) ON CONFLICT (host) DO UPDATE SET availability_zone = EXCLUDED.availability_zone,"
                + " aggregates = EXCLUDED.aggregates, updated_at = now()")) {
            ps.setString(1, host);
            ps.setString(2, availabilityZone);
            ps.setString(3, json.writeValueAsString(aggregates));
            ps.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void delete(Connection c, String host) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM compute_hosts WHERE host = ?")) {
            ps.setString(1, host);
            ps.executeUpdate();
        }
    }

    private List<HostRecord> read(PreparedStatement ps) throws SQLException {
        List<HostRecord> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<HostAggregates.Aggregate> aggregates;
                try {
                    aggregates = json.readValue(rs.getString(10), AGGREGATES);
                } catch (JsonProcessingException e) {
                    aggregates = List.of();
                }
                result.add(new HostRecord(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), ProviderRepository.instant(rs.getTimestamp(5)), rs.getBoolean(6),
                        rs.getString(7), rs.getBoolean(8), rs.getString(9), aggregates));
            }
        }
        return result;
    }
}
