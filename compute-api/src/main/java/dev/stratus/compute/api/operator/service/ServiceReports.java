package dev.stratus.compute.api.operator.service;

import dev.stratus.common.compute.ServiceHeartbeat;
import dev.stratus.compute.api.operator.persistence.ServiceRecords;
import dev.stratus.compute.api.operator.persistence.ServiceRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Records what services report about themselves: the service row, and for compute services the
 * hypervisor row. Idempotent: a report not newer than the last one recorded changes nothing.
 */
@ApplicationScoped
public class ServiceReports {

    private final ServiceRecords services;

    public ServiceReports(ServiceRecords services) {
        this.services = services;
    }

    /** Returns true when the heartbeat was newer than what was recorded and was applied. */
    @Transactional
    public boolean record(ServiceHeartbeat heartbeat, Instant receivedAt) {
        if (heartbeat.host() == null || heartbeat.host().isBlank() || heartbeat.binary() == null
                || heartbeat.binary().isBlank()) {
            throw new IllegalArgumentException("a heartbeat must name its host and binary");
        }
        Instant reportedAt = heartbeat.reportedAt() != null ? heartbeat.reportedAt() : receivedAt;
        String topic = heartbeat.resources() != null || "nova-compute".equals(heartbeat.binary())
                ? ServiceRow.COMPUTE_TOPIC : topicOf(heartbeat.binary());
        Integer interval = heartbeat.reportIntervalSeconds() > 0 ? heartbeat.reportIntervalSeconds() : null;
        return services.recordReport(heartbeat.host(), heartbeat.binary(), topic, heartbeat.version(), interval,
                        heartbeat.startedAt(), reportedAt, receivedAt)
                .map(serviceId -> {
                    if (heartbeat.resources() != null) {
                        services.recordNode(serviceId, heartbeat.host(), heartbeat.resources(), heartbeat.hostUptime(),
                                receivedAt);
                    }
                    return true;
                })
                .orElse(false);
    }

    /** A control-plane service reporting itself (no hypervisor). */
    public void recordControlPlane(String host, String binary, String version, Instant startedAt, Instant now,
            int intervalSeconds) {
        services.recordReport(host, binary, topicOf(binary), version, intervalSeconds, startedAt, now, now);
    }

    /** Nova's topics are the binary without its {@code nova-} prefix (nova-conductor: conductor). */
    static String topicOf(String binary) {
        return binary.startsWith("nova-") ? binary.substring("nova-".length()) : binary;
    }
}
