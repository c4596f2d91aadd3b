package dev.stratus.scheduler.filter;

import dev.stratus.scheduler.config.SchedulerConfig;
import dev.stratus.scheduler.service.HostState;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The host is in the requested zone: the {@code availability_zone} metadata of one of its aggregates, or the
 * default zone for hosts in no zoned aggregate.
 */
@ApplicationScoped
public class AvailabilityZoneFilter implements HostFilter {

    private final SchedulerConfig config;

    public AvailabilityZoneFilter(SchedulerConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "AvailabilityZoneFilter";
    }

    @Override
    public String reject(HostState host, SelectionContext request) {
        String wanted = request.spec().availabilityZone();
        if (wanted == null || wanted.isBlank()) {
            return null;
        }
        for (var aggregate : host.aggregates()) {
            if (wanted.equals(aggregate.metadata().get("availability_zone"))) {
                return null;
            }
        }
        String zone = host.availabilityZone() != null ? host.availabilityZone() : config.defaultAvailabilityZone();
        return wanted.equals(zone) ? null : "not in availability zone " + wanted;
    }
}
