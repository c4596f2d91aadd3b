package dev.stratus.scheduler.filter;

import dev.stratus.scheduler.config.SchedulerConfig;
import dev.stratus.scheduler.service.HostState;
import jakarta.enterprise.context.ApplicationScoped;

/** Hosts that are down (no heartbeat within service-down-time, or forced down) or disabled receive nothing. */
@ApplicationScoped
public class ComputeFilter implements HostFilter {

    private final SchedulerConfig config;

    public ComputeFilter(SchedulerConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "ComputeFilter";
    }

    @Override
    public String reject(HostState host, SelectionContext request) {
        if (host.disabled()) {
            return "compute service disabled";
        }
        if (!host.isUp(request.now(), config.serviceDownTime())) {
            return "compute service down";
        }
        return null;
    }

    @Override
    public boolean runsIn(FilterScope scope) {
        return scope == FilterScope.ALL || scope == FilterScope.FORCED_HOST;
    }
}
