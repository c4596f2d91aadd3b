package dev.stratus.compute.api.operator.service;

import dev.stratus.common.concurrent.DaemonThreads;
import dev.stratus.compute.api.operator.config.ComputeHostsSettings;
import dev.stratus.compute.api.operator.persistence.HostInstances;
import dev.stratus.compute.api.operator.persistence.ServiceRecords;
import dev.stratus.compute.api.operator.persistence.ServiceRow;
import dev.stratus.compute.api.operator.persistence.TaskLogRecords;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The instance usage audit, when {@code stratus.compute-hosts.usage-audit.enabled} is on: once the audit period
 * has ended, each compute host (disabled ones too: they may still hold servers) gets one {@code task_log} row
 * with the number of its servers that existed during the period. compute-api runs it from the database it
 * already has, rather than on each host as Nova does; a row per host and period (taken with an insert that
 * only one process wins) keeps several compute-api processes from auditing twice. Nova also sends an
 * {@code exists} notification per server for billing; this cloud has no notification bus, and its usage is
 * read from os-simple-tenant-usage instead.
 */
@ApplicationScoped
public class UsageAuditor {

    public static final String TASK = "instance_usage_audit";
    private static final Logger LOG = Logger.getLogger(UsageAuditor.class);

    private final ComputeHostsSettings.UsageAudit settings;
    private final ServiceRecords services;
    private final HostInstances instances;
    private final TaskLogRecords logs;
    private ScheduledExecutorService timer;

    public UsageAuditor(ComputeHostsSettings settings, ServiceRecords services, HostInstances instances,
            TaskLogRecords logs) {
        this.settings = settings.usageAudit();
        this.services = services;
        this.instances = instances;
        this.logs = logs;
    }

    void start(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            return;
        }
        AuditPeriod.parse(settings.period());
        timer = DaemonThreads.timer("stratus-usage-audit");
        long interval = Math.max(1000, settings.checkInterval().toMillis());
        timer.scheduleWithFixedDelay(this::auditSafely, 0, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void auditSafely() {
        try {
            audit(Instant.now());
        } catch (RuntimeException e) {
            LOG.warnf("the instance usage audit could not run: %s", e.getMessage());
        }
    }

    /** Audits every compute host not yet audited for the last period completed at {@code now}; returns how many. */
    public int audit(Instant now) {
        AuditPeriod.Span span = AuditPeriod.parse(settings.period())
                .lastCompleted(LocalDateTime.ofInstant(now, ZoneOffset.UTC));
        Instant beginning = span.beginning().toInstant(ZoneOffset.UTC);
        Instant ending = span.ending().toInstant(ZoneOffset.UTC);
        int audited = 0;
        for (ServiceRow service : services.list(null, null)) {
            if (!service.isCompute() || !logs.begin(TASK, service.host(), beginning, ending)) {
                continue;
            }
            long started = System.nanoTime();
            int count = instances.activeDuring(service.host(), beginning, ending);
            logs.finish(TASK, service.host(), beginning, ending, count, 0, String.format(
                    "Instance usage audit ran for host %s, %d instances in %.3f seconds.", service.host(), count,
                    (System.nanoTime() - started) / 1e9));
            audited++;
        }
        return audited;
    }
}
