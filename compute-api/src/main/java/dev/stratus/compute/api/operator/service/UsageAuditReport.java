package dev.stratus.compute.api.operator.service;

import dev.stratus.compute.api.operator.config.ComputeHostsSettings;
import dev.stratus.compute.api.operator.persistence.ServiceRecords;
import dev.stratus.compute.api.operator.persistence.ServiceRow;
import dev.stratus.compute.api.operator.persistence.TaskLogRecords;
import dev.stratus.compute.api.operator.persistence.TaskLogRecords.TaskLog;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What os-instance_usage_audit_log shows of one audit period: the compute hosts (disabled ones included), which
 * of them the audit ran for and which not, and each run's count, errors and message, as Nova sums them up.
 */
@ApplicationScoped
public class UsageAuditReport {

    private static final DateTimeFormatter PYTHON_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ComputeHostsSettings.UsageAudit settings;
    private final ServiceRecords services;
    private final TaskLogRecords logs;

    public UsageAuditReport(ComputeHostsSettings settings, ServiceRecords services, TaskLogRecords logs) {
        this.settings = settings.usageAudit();
        this.services = services;
        this.logs = logs;
    }

    /** The report of the last period completed before {@code before} (UTC). */
    public Map<String, Object> before(LocalDateTime before) {
        AuditPeriod.Span span = AuditPeriod.parse(settings.period()).lastCompleted(before);
        List<TaskLog> runs = logs.of(UsageAuditor.TASK, span.beginning().toInstant(ZoneOffset.UTC),
                span.ending().toInstant(ZoneOffset.UTC));
        Set<String> hosts = new TreeSet<>();
        services.list(null, null).stream().filter(ServiceRow::isCompute).forEach(s -> hosts.add(s.host()));
        Set<String> seen = new TreeSet<>();
        int done = 0;
        int running = 0;
        int errors = 0;
        int items = 0;
        Map<String, Object> log = new LinkedHashMap<>();
        for (TaskLog run : runs) {
            seen.add(run.host());
            done += "DONE".equals(run.state()) ? 1 : 0;
            running += "RUNNING".equals(run.state()) ? 1 : 0;
            errors += run.errors();
            items += run.taskItems();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("state", run.state());
            entry.put("instances", run.taskItems());
            entry.put("errors", run.errors());
            entry.put("message", run.message());
            log.put(run.host(), entry);
        }
        Set<String> notRun = new TreeSet<>(hosts);
        notRun.removeAll(seen);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("period_beginning", PYTHON_DATETIME.format(span.beginning()));
        report.put("period_ending", PYTHON_DATETIME.format(span.ending()));
        report.put("num_hosts", hosts.size());
        report.put("num_hosts_done", done);
        report.put("num_hosts_running", running);
        report.put("num_hosts_not_run", notRun.size());
        report.put("hosts_not_run", List.copyOf(notRun));
        report.put("total_instances", items);
        report.put("total_errors", errors);
        report.put("overall_status", (done == hosts.size() ? "ALL" : done + " of " + hosts.size())
                + " hosts done. " + errors + " errors.");
        report.put("log", log);
        return report;
    }
}
