package dev.stratus.compute.api.operator.service;

import dev.stratus.compute.api.operator.persistence.UsageRecords;
import dev.stratus.compute.api.operator.persistence.UsageRecords.InstanceUsage;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * os-simple-tenant-usage: for each project, the hours its servers ran within a window and those hours
 * weighted by vCPUs, RAM and disk, as Nova computes them. A server is charged from its launch (or the
 * window's start) to its end (or the window's stop); one never launched is not charged.
 */
@ApplicationScoped
public class TenantUsageReport {

    /** One server's usage within the window. */
    public record ServerUsage(InstanceUsage instance, double hours, String state, long uptimeSeconds) {

        public int localGb() {
            return instance.rootGb() + instance.ephemeralGb();
        }
    }

    /** One project's totals and its servers. */
    public record ProjectUsage(String projectId, Instant start, Instant stop, double totalHours,
            double totalVcpusUsage, double totalMemoryMbUsage, double totalLocalGbUsage, List<ServerUsage> servers) {
    }

    /** The projects of one page, and the servers of that page (for the next-page marker). */
    public record Report(List<ProjectUsage> projects, List<ServerUsage> servers, boolean more) {
    }

    private final UsageRecords records;
    private final ServiceLiveness clock;

    public TenantUsageReport(UsageRecords records, ServiceLiveness clock) {
        this.records = records;
        this.clock = clock;
    }

    public Report report(Instant start, Instant stop, String projectId, String marker, int limit) {
        List<InstanceUsage> rows = records.activeIn(start, stop, projectId, marker, limit);
        boolean more = rows.size() > limit;
        if (more) {
            rows = rows.subList(0, limit);
        }
        Instant now = clock.now();
        Map<String, List<ServerUsage>> byProject = new LinkedHashMap<>();
        List<ServerUsage> all = new ArrayList<>();
        for (InstanceUsage row : rows) {
            ServerUsage usage = usageOf(row, start, stop, now);
            all.add(usage);
            byProject.computeIfAbsent(row.projectId(), p -> new ArrayList<>()).add(usage);
        }
        List<ProjectUsage> projects = new ArrayList<>();
        byProject.forEach((project, servers) -> {
            double hours = 0;
            double vcpus = 0;
            double memory = 0;
            double disk = 0;
            for (ServerUsage s : servers) {
                hours += s.hours();
                vcpus += s.instance().vcpus() * s.hours();
                memory += s.instance().memoryMb() * s.hours();
                disk += s.localGb() * s.hours();
            }
            projects.add(new ProjectUsage(project, start, stop, hours, vcpus, memory, disk, List.copyOf(servers)));
        });
        return new Report(projects, all, more);
    }

    static ServerUsage usageOf(InstanceUsage row, Instant start, Instant stop, Instant now) {
        double hours = hoursWithin(row.launchedAt(), row.endedAt(), start, stop);
        String state = row.endedAt() != null ? "terminated" : row.vmState();
        Instant until = row.endedAt() != null ? row.endedAt() : now;
        long uptime = row.launchedAt() == null ? 0 : Duration.between(row.launchedAt(), until).toSeconds();
        return new ServerUsage(row, hours, state, uptime);
    }

    /** Hours of {@code [launched, ended)} inside {@code [start, stop]}; still running means up to the stop. */
    static double hoursWithin(Instant launched, Instant ended, Instant start, Instant stop) {
        if (launched == null || launched.isAfter(stop) || (ended != null && ended.isBefore(start))) {
            return 0;
        }
        Instant from = launched.isAfter(start) ? launched : start;
        Instant to = ended != null && ended.isBefore(stop) ? ended : stop;
        if (!to.isAfter(from)) {
            return 0;
        }
        return Duration.between(from, to).toNanos() / 3_600_000_000_000.0;
    }
}
