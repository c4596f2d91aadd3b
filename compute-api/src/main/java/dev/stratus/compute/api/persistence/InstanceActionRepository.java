package dev.stratus.compute.api.persistence;

import dev.stratus.common.persistence.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** os-instance-actions: one action per API request on an instance, with the events nodes report for it. */
@ApplicationScoped
public class InstanceActionRepository {

    public record ActionRow(long id, String action, String instanceUuid, String requestId, String userId,
            String projectId, Instant startTime, Instant finishTime, String message, Instant updatedAt) {
    }

    public record EventRow(String event, Instant startTime, Instant finishTime, String result, String traceback,
            String host, String details) {
    }

    private static final String COLUMNS = "id, action, instance_uuid, request_id, user_id, project_id, start_time,"
            + " finish_time, message, updated_at";

    private final Db db;

    public InstanceActionRepository(Db db) {
        this.db = db;
    }

    /** Records an action once per request id (a retried request does not add a second one). */
    public void start(String instanceUuid, String action, String requestId, String userId, String projectId) {
        db.update("insert into instance_actions (action, instance_uuid, request_id, user_id, project_id, updated_at)"
                + " values (?, ?, ?, ?, ?, now()) on conflict (instance_uuid, request_id) do nothing", action,
                instanceUuid, requestId, userId, projectId);
    }

    public void finish(String instanceUuid, String requestId, boolean failed) {
        db.update("update instance_actions set finish_time = coalesce(finish_time, now()), updated_at = now(),"
                + " message = case when ? then 'Error' else message end where instance_uuid = ? and request_id = ?",
                failed, instanceUuid, requestId);
    }

    /**
     * Applies one reported event: starts it, or finishes it with its result. Replays change nothing; an
     * event for an action the API never recorded (e.g. a scheduler's) creates the action.
     */
    public void applyEvent(String instanceUuid, String requestId, String fallbackAction, String event,
            Instant startTime, Instant finishTime, String result, String host, String details) {
        db.update("insert into instance_actions (action, instance_uuid, request_id, updated_at) values (?, ?, ?, now())"
                + " on conflict (instance_uuid, request_id) do nothing", fallbackAction, instanceUuid, requestId);
        db.update("insert into instance_actions_events (action_id, event, start_time, finish_time, result, host,"
                + " details) select a.id, ?, ?, ?, ?, ?, ? from instance_actions a where a.instance_uuid = ? and"
                + " a.request_id = ? on conflict (action_id, event) do update set"
                + " finish_time = coalesce(excluded.finish_time, instance_actions_events.finish_time),"
                + " result = coalesce(excluded.result, instance_actions_events.result),"
                + " details = coalesce(excluded.details, instance_actions_events.details),"
                + " host = coalesce(excluded.host, instance_actions_events.host)",
                event, startTime == null ? Instant.now() : startTime, finishTime, result, host, details, instanceUuid,
                requestId);
        if (finishTime != null) {
            db.update("update instance_actions set updated_at = now(), finish_time = coalesce(finish_time, ?),"
                    + " message = case when ? then 'Error' else message end where instance_uuid = ? and request_id = ?",
                    finishTime, "Error".equalsIgnoreCase(result), instanceUuid, requestId);
        }
    }

    /** Actions of an instance, newest first, {@code limit + 1} after the marker's (2.58 paging). */
    public List<ActionRow> list(String instanceUuid, ActionRow marker, Instant changesSince, Instant changesBefore,
            int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from instance_actions where instance_uuid = ?");
        List<Object> params = new java.util.ArrayList<>(List.of(instanceUuid));
        if (marker != null) {
            sql.append(" and (start_time, id) < (?, ?)");
            params.add(marker.startTime());
            params.add(marker.id());
        }
        if (changesSince != null) {
            sql.append(" and updated_at >= ?");
            params.add(changesSince);
        }
        if (changesBefore != null) {
            sql.append(" and updated_at <= ?");
            params.add(changesBefore);
        }
        sql.append(" order by start_time desc, id desc limit ?");
        params.add(limit + 1);
        return db.list(sql.toString(), InstanceActionRepository::row, params.toArray());
    }

    public Optional<ActionRow> find(String instanceUuid, String requestId) {
        return db.one("select " + COLUMNS + " from instance_actions where instance_uuid = ? and request_id = ?",
                InstanceActionRepository::row, instanceUuid, requestId);
    }

    public List<EventRow> events(long actionId) {
        return db.list("select event, start_time, finish_time, result, traceback, host, details"
                + " from instance_actions_events where action_id = ? order by start_time, id", rs -> new EventRow(
                        rs.getString(1), Db.instant(rs, "start_time"), Db.instant(rs, "finish_time"), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)), actionId);
    }

    static ActionRow row(ResultSet rs) throws SQLException {
        return new ActionRow(rs.getLong("id"), rs.getString("action"), rs.getString("instance_uuid"),
                rs.getString("request_id"), rs.getString("user_id"), rs.getString("project_id"),
                Db.instant(rs, "start_time"), Db.instant(rs, "finish_time"), rs.getString("message"),
                Db.instant(rs, "updated_at"));
    }
}
