package dev.stratus.compute.api.operator.rest;

import dev.stratus.common.web.ApiVersion;
import dev.stratus.common.web.VersionRange;
import dev.stratus.compute.api.operator.service.TenantUsageReport.ProjectUsage;
import dev.stratus.compute.api.operator.service.TenantUsageReport.ServerUsage;
import dev.stratus.compute.api.view.Times;
import dev.stratus.compute.api.view.VersionedFields;

/** The bodies of os-simple-tenant-usage (unchanged across microversions; 2.40 only adds paging links). */
final class UsageViews {

    /** Whether a project's servers are shown, and the microversion to show them in. */
    record Detail(boolean servers, ApiVersion version) {
    }

    static final VersionedFields<ServerUsage, Void> SERVER = new VersionedFields<ServerUsage, Void>()
            .always("instance_id", (s, c) -> s.instance().uuid())
            .always("name", (s, c) -> s.instance().name())
            .always("tenant_id", (s, c) -> s.instance().projectId())
            .always("flavor", (s, c) -> s.instance().flavorName() == null ? "" : s.instance().flavorName())
            .always("hours", (s, c) -> s.hours())
            .always("vcpus", (s, c) -> s.instance().vcpus())
            .always("memory_mb", (s, c) -> s.instance().memoryMb())
            .always("local_gb", (s, c) -> s.localGb())
            .always("started_at", (s, c) -> Times.micros(s.instance().launchedAt()))
            .always("ended_at", (s, c) -> Times.micros(s.instance().endedAt()))
            .always("state", (s, c) -> s.state())
            .always("uptime", (s, c) -> s.uptimeSeconds());

    /** A project's totals; {@code server_usages} only when detailed. */
    static final VersionedFields<ProjectUsage, Detail> PROJECT = new VersionedFields<ProjectUsage, Detail>()
            .always("tenant_id", (p, d) -> p.projectId())
            .always("start", (p, d) -> Times.micros(p.start()))
            .always("stop", (p, d) -> Times.micros(p.stop()))
            .always("total_hours", (p, d) -> p.totalHours())
            .always("total_vcpus_usage", (p, d) -> p.totalVcpusUsage())
            .always("total_memory_mb_usage", (p, d) -> p.totalMemoryMbUsage())
            .always("total_local_gb_usage", (p, d) -> p.totalLocalGbUsage())
            .when(VersionRange.since("2.1"), "server_usages", (p, d) -> d.servers(),
                    (p, d) -> SERVER.renderAll(p.servers(), null, d.version()));

    private UsageViews() {
    }
}
