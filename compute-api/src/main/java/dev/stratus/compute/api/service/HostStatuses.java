package dev.stratus.compute.api.service;

import dev.stratus.compute.api.operator.persistence.ServiceRecords;
import dev.stratus.compute.api.operator.persistence.ServiceRow;
import dev.stratus.compute.api.operator.service.ServiceLiveness;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code host_status} of 2.16 for admins: UP, DOWN (forced down or silent longer than the service down
 * time), MAINTENANCE (disabled), UNKNOWN (no compute service known); the same liveness os-services shows.
 */
@ApplicationScoped
public class HostStatuses {

    private static final String COMPUTE_BINARY = "nova-compute";

    private final ServiceRecords services;
    private final ServiceLiveness liveness;

    public HostStatuses(ServiceRecords services, ServiceLiveness liveness) {
        this.services = services;
        this.liveness = liveness;
    }

    /** One query for all hosts, then a lookup per server. */
    public Function<String, String> snapshot() {
        Map<String, String> status = new HashMap<>();
        Instant now = liveness.now();
        for (ServiceRow s : services.list(null, COMPUTE_BINARY)) {
            status.put(s.host(), !liveness.isUp(s, now) ? "DOWN" : s.disabled() ? "MAINTENANCE" : "UP");
        }
        return host -> host == null ? "" : status.getOrDefault(host, "UNKNOWN");
    }
}
