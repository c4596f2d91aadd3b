package dev.stratus.compute.api.operator.persistence;

import dev.stratus.common.persistence.Db;
import dev.stratus.common.fault.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code migrations}, newest first, without hidden rows. */
@ApplicationScoped
public class MigrationRecords {

    /** What os-migrations filters on; null fields do not filter. */
    public record Filter(String host, String status, String instanceUuid, String sourceCompute, String migrationType,
            Instant changesSince, Instant changesBefore, String userId, String projectId) {
    }

    private final Db sql;

    public MigrationRecords(Db sql) {
        this.sql = sql;
    }

    /**
     * One page: up to {@code limit + 1} rows after the migration with uuid {@code marker} (none: from the
     * newest); an unknown marker is a 400.
     */
    public List<MigrationRow> list(Filter f, String marker, int limit) {
        StringBuilder where = new StringBuilder("deleted_at is null and not hidden");
        List<Object> params = new ArrayList<>();
        if (f.host() != null) {
            where.append(" and (source_compute = ? or dest_compute = ?)");
            params.add(f.host());
            params.add(f.host());
        }
        equal(where, params, "status", f.status());
        equal(where, params, "instance_uuid", f.instanceUuid());
        equal(where, params, "source_compute", f.sourceCompute());
        equal(where, params, "migration_type", f.migrationType());
        equal(where, params, "user_id", f.userId());
        equal(where, params, "project_id", f.projectId());
        if (f.changesSince() != null) {
            where.append(" and coalesce(updated_at, created_at) >= ?");
            params.add(f.changesSince());
        }
        if (f.changesBefore() != null) {
            where.append(" and coalesce(updated_at, created_at) <= ?");
            params.add(f.changesBefore());
        }
        if (marker != null) {
            MigrationRow after = sql.one("select " + MigrationRow.COLUMNS + " from migrations where uuid = ?",
                    MigrationRow::read, marker)
                    .orElseThrow(() -> ApiException.badRequest("Marker " + marker + " could not be found."));
            where.append(" and (created_at, id) < (?, ?)");
            params.add(after.createdAt());
            params.add(after.id());
        }
        params.add(limit + 1);
        return sql.list("select " + MigrationRow.COLUMNS + " from migrations where " + where
                + " order by created_at desc, id desc limit ?", MigrationRow::read, params.toArray());
    }

    /** Nova's in-progress statuses of a live migration (the server-migrations API shows these only). */
    public static final java.util.List<String> LIVE_IN_PROGRESS = List.of("queued", "preparing", "running",
            "post-migrating");

    /** The instance's live migrations in progress, oldest first. */
    public List<MigrationRow> liveInProgress(String instanceUuid) {
        return sql.list("select " + MigrationRow.COLUMNS + " from migrations where instance_uuid = ?"
                + " and migration_type = 'live-migration' and status = any(?) and deleted_at is null"
                + " order by created_at, id", MigrationRow::read, instanceUuid,
                (Object) LIVE_IN_PROGRESS.toArray(String[]::new));
    }

    /** The instance's migration with this id, of any type and status. */
    public java.util.Optional<MigrationRow> ofInstance(String instanceUuid, int id) {
        return sql.one("select " + MigrationRow.COLUMNS + " from migrations where instance_uuid = ? and id = ?"
                + " and deleted_at is null", MigrationRow::read, instanceUuid, id);
    }

    private static void equal(StringBuilder where, List<Object> params, String column, String value) {
        if (value != null) {
            where.append(" and ").append(column).append(" = ?");
            params.add(value);
        }
    }
}
