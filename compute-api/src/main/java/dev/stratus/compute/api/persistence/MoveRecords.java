package dev.stratus.compute.api.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.common.compute.InstanceMove;
import dev.stratus.common.persistence.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The {@code migrations} rows of moves (resizes, cold and live migrations), written and advanced by the move operations (os-migrations reads
 * them). Each row keeps its {@link InstanceMove} whole ({@code move_spec}).
 */
@ApplicationScoped
public class MoveRecords {

    /** Statuses after which a move is over. */
    public static final List<String> OVER = List.of("confirmed", "reverted", "error", "completed", "failed",
            "cancelled");

    /** {@link #OVER} as SQL. */
    private static final String OVER_SQL = "('confirmed', 'reverted', 'error', 'completed', 'failed', 'cancelled')";

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /** A move in progress, or waiting for its confirm or revert. */
    public record OpenMove(String uuid, String status, InstanceMove move) {
    }

    private final Db sql;

    public MoveRecords(Db sql) {
        this.sql = sql;
    }

    public void insert(InstanceMove move, String userId, String projectId) {
        sql.update("insert into migrations (uuid, instance_uuid, source_compute, source_node, dest_host,"
                + " old_instance_type_id, new_instance_type_id, status, migration_type, user_id, project_id,"
                + " move_spec) values (?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?, ?::jsonb)",
                move.migrationId(), move.instanceId(), move.sourceHost(), move.sourceNode(),
                numeric(move.oldFlavor().id()), numeric(move.instance().flavor().id()),
                move.live() || move.evacuation() ? "accepted" : "pre-migrating", move.migrationType(), userId,
                projectId, toJson(move));
    }

    /** The instance's move that is not over, with its destination as the hosts reported it. */
    public Optional<OpenMove> open(String instanceUuid) {
        return sql.one("select uuid, status, dest_compute, dest_node, move_spec::text as spec from migrations"
                + " where instance_uuid = ? and status not in " + OVER_SQL
                + " and deleted_at is null and move_spec is not null order by created_at desc, id desc limit 1",
                rs -> {
                    InstanceMove move = fromJson(rs.getString("spec"));
                    String dest = rs.getString("dest_compute");
                    if (dest != null) {
                        move = move.to(dest, rs.getString("dest_node"));
                    }
                    return new OpenMove(rs.getString("uuid"), rs.getString("status"), move);
                }, instanceUuid);
    }

    /**
     * A new status, with {@code destHost} (and its node) when the destination reported. Statuses only move forward:
     * the hosts' reports may be handled out of order, and a late one changes nothing. False when nothing changed.
     */
    public boolean advance(String uuid, String status, String destHost, String destNode) {
        return sql.update("update migrations set status = ?, dest_compute = coalesce(?, dest_compute),"
                + " dest_node = coalesce(?, dest_node), dest_host = coalesce(?, dest_host), updated_at = now()"
                + " where uuid = ? and " + RANK + " < ?", status, destHost, destNode, destHost, uuid, rank(status)) > 0;
    }

    /**
     * The order of Nova's statuses: a cold move's pre-migrating, migrating, post-migrating, finished, then
     * confirming or reverting; a live migration's accepted, queued, preparing, running, post-migrating; an
     * evacuation's accepted, pre-migrating, done (then completed once its source cleaned up); the ends
     * (confirmed, reverted, completed, error, failed, cancelled) come last.
     */
    private static final String RANK = "(case status when 'accepted' then -1 when 'pre-migrating' then 0"
            + " when 'migrating' then 1 when 'queued' then 1 when 'preparing' then 2 when 'running' then 3"
            + " when 'post-migrating' then 4 when 'finished' then 5 when 'done' then 5 when 'confirming' then 6"
            + " when 'reverting' then 6"
            + " else 7 end)";

    private static int rank(String status) {
        return switch (status) {
            case "accepted" -> -1;
            case "pre-migrating" -> 0;
            case "migrating", "queued" -> 1;
            case "preparing" -> 2;
            case "running" -> 3;
            case "post-migrating" -> 4;
            case "finished", "done" -> 5;
            case "confirming", "reverting" -> 6;
            default -> 7;
        };
    }

    /**
     * The instances are gone: their open moves end (confirmed when they waited for a confirm, else in error; an
     * evacuation {@code done} stays so until its source destroyed its guest). Returns the moves' uuids, whose claims
     * go back to the scheduler.
     */
    public List<String> endWith(List<String> instanceUuids) {
        Object uuids = instanceUuids.toArray(String[]::new);
        // An evacuation done stays done: its source, once back, still has a guest to destroy.
        List<String> ended = new java.util.ArrayList<>(sql.list("select uuid from migrations where"
                + " instance_uuid = any(?) and " + EVACUATION_DONE + " and move_spec is not null",
                rs -> rs.getString(1), uuids));
        ended.addAll(sql.list("update migrations set status = case when status = 'finished' then 'confirmed'"
                + " else 'error' end, updated_at = now() where instance_uuid = any(?) and status not in " + OVER_SQL
                + " and not (" + EVACUATION_DONE + ") and move_spec is not null returning uuid",
                rs -> rs.getString(1), uuids));
        return ended;
    }

    private static final String EVACUATION_DONE = "migration_type = 'evacuation' and status = 'done'";

    /**
     * The instance's evacuations that are {@code done} and older than {@code migrationUuid}: once that later move's
     * claim becomes the instance's, their destinations' claims (held by their migrations) are no longer its.
     */
    public List<String> doneEvacuationsBefore(String instanceUuid, String migrationUuid) {
        return sql.list("select uuid from migrations where instance_uuid = ? and " + EVACUATION_DONE
                + " and uuid <> ? and id < (select id from migrations where uuid = ?) order by id",
                rs -> rs.getString(1), instanceUuid, migrationUuid, migrationUuid);
    }

    /**
     * Whether a later move of the evacuated instance already made its own claim the instance's (confirmed or
     * completed): the evacuation's claims were settled then, and its {@code completed} has none left to settle.
     */
    public boolean superseded(String evacuationUuid) {
        return sql.count("select count(*) from migrations e join migrations m on m.instance_uuid = e.instance_uuid"
                + " where e.uuid = ? and m.id > e.id and m.status in ('confirmed', 'completed')"
                + " and m.move_spec is not null", evacuationUuid) > 0;
    }

    /** Whether the migration is an evacuation. */
    public boolean isEvacuation(String uuid) {
        return sql.count("select count(*) from migrations where uuid = ? and migration_type = 'evacuation'", uuid) > 0;
    }

    /** Whether the instance was evacuated away from {@code host} (done, or completed since). */
    public boolean evacuatedAway(String instanceUuid, String host) {
        return sql.count("select count(*) from migrations where instance_uuid = ? and source_compute = ?"
                + " and migration_type = 'evacuation' and status in ('done', 'completed') and deleted_at is null",
                instanceUuid, host) > 0;
    }

    /** An evacuation whose destination built the instance, and whose source has yet to destroy its guest. */
    public record Evacuated(String instanceUuid, String migrationUuid) {
    }

    /**
     * The evacuations away from {@code sourceHost} that are {@code done} and were asked before the host's service
     * started ({@code startedAt}: it ran again since), of instances that live on another host now or were deleted
     * there (never one that is back on this host: its guest is not this cleanup's).
     */
    public List<Evacuated> evacuatedFrom(String sourceHost, java.time.Instant startedAt) {
        return sql.list("select m.instance_uuid, m.uuid from migrations m join instances i on i.uuid = m.instance_uuid"
                + " where m.migration_type = 'evacuation' and m.status = 'done' and m.source_compute = ?"
                + " and m.created_at < ? and m.deleted_at is null and i.host is distinct from m.source_compute"
                + " order by m.id", rs -> new Evacuated(rs.getString(1), rs.getString(2)),
                sourceHost, startedAt);
    }

    private static Integer numeric(String flavorId) {
        return flavorId != null && flavorId.matches("\\d{1,9}") ? Integer.valueOf(flavorId) : null;
    }

    private static String toJson(InstanceMove move) {
        try {
            return JSON.writeValueAsString(move);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write move " + move.migrationId(), e);
        }
    }

    private static InstanceMove fromJson(String json) {
        try {
            return JSON.readValue(json, InstanceMove.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored move: " + e.getMessage(), e);
        }
    }
}
