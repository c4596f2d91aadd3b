package dev.stratus.compute.api.operator.persistence;

import dev.stratus.common.persistence.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** A row of {@code migrations}. */
public record MigrationRow(int id, String uuid, String instanceUuid, String sourceCompute, String destCompute,
        String sourceNode, String destNode, String destHost, Integer oldInstanceTypeId, Integer newInstanceTypeId,
        String status, String migrationType, String userId, String projectId, Instant createdAt, Instant updatedAt) {

    static final String COLUMNS = "id, uuid, instance_uuid, source_compute, dest_compute, source_node, dest_node,"
            + " dest_host, old_instance_type_id, new_instance_type_id, status, migration_type, user_id, project_id,"
            + " created_at, updated_at";

    static MigrationRow read(ResultSet rs) throws SQLException {
        return new MigrationRow(rs.getInt("id"), rs.getString("uuid"), rs.getString("instance_uuid"),
                rs.getString("source_compute"), rs.getString("dest_compute"), rs.getString("source_node"),
                rs.getString("dest_node"), rs.getString("dest_host"), Db.integer(rs, "old_instance_type_id"),
                Db.integer(rs, "new_instance_type_id"), rs.getString("status"),
                rs.getString("migration_type"), rs.getString("user_id"), rs.getString("project_id"),
                Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"));
    }
}
