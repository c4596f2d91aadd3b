package dev.stratus.compute.api.operator.persistence;

import dev.stratus.common.persistence.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** A row of {@code services}: one reporting service process on one host. */
public record ServiceRow(int id, String uuid, String host, String binary, String topic, String version,
        boolean disabled, String disabledReason, boolean forcedDown, Instant startedAt, Instant lastSeenUp,
        Instant createdAt, Instant updatedAt) {

    static final String COLUMNS = "s.id, s.uuid, s.host, s.binary_name, s.topic, s.version, s.disabled,"
            + " s.disabled_reason, s.forced_down, s.started_at, s.last_seen_up, s.created_at, s.updated_at";

    /** Services whose topic is {@code compute} have a hypervisor and belong to availability zones. */
    public static final String COMPUTE_TOPIC = "compute";

    public boolean isCompute() {
        return COMPUTE_TOPIC.equals(topic);
    }

    static ServiceRow read(ResultSet rs) throws SQLException {
        return new ServiceRow(rs.getInt("id"), rs.getString("uuid"), rs.getString("host"), rs.getString("binary_name"),
                rs.getString("topic"), rs.getString("version"), rs.getBoolean("disabled"),
                rs.getString("disabled_reason"), rs.getBoolean("forced_down"), Db.instant(rs, "started_at"),
                Db.instant(rs, "last_seen_up"), Db.instant(rs, "created_at"),
                Db.instant(rs, "updated_at"));
    }
}
