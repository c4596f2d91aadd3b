package dev.stratus.compute.api.operator.persistence;

import dev.stratus.common.persistence.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** {@code task_log}: per host and period, how a periodic task (the instance usage audit) went. */
@ApplicationScoped
public class TaskLogRecords {

    /** One host's run of a task for one period. */
    public record TaskLog(String host, String state, int taskItems, int errors, String message) {
    }

    private final Db sql;

    public TaskLogRecords(Db sql) {
        this.sql = sql;
    }

    /** Claims the host's run for the period; false when a run (of any process) already has it. */
    public boolean begin(String task, String host, Instant beginning, Instant ending) {
        return sql.update("""
                insert into task_log (task_name, state, host, period_beginning, period_ending)
                values (?, 'RUNNING', ?, ?, ?) on conflict do nothing
                """, task, host, beginning, ending) > 0;
    }

    public void finish(String task, String host, Instant beginning, Instant ending, int items, int errors,
            String message) {
        sql.update("""
                update task_log set state = 'DONE', task_items = ?, errors = ?, message = ?, updated_at = now()
                where task_name = ? and host = ? and period_beginning = ? and period_ending = ?
                """, items, errors, message, task, host, beginning, ending);
    }

    public List<TaskLog> of(String task, Instant beginning, Instant ending) {
        return sql.list("""
                select host, state, task_items, errors, message from task_log
                where task_name = ? and period_beginning = ? and period_ending = ? order by host
                """, rs -> new TaskLog(rs.getString("host"), rs.getString("state"), rs.getInt("task_items"),
                rs.getInt("errors"), rs.getString("message")), task, beginning, ending);
    }
}
