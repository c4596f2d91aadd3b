package dev.stratus.scheduler.weigher;

import dev.stratus.scheduler.config.SchedulerConfig;
import dev.stratus.scheduler.filter.SelectionContext;
import dev.stratus.scheduler.service.HostState;
import jakarta.enterprise.context.ApplicationScoped;

/** Free disk: a positive multiplier spreads instances, a negative one packs them. */
@ApplicationScoped
public class DiskWeigher implements HostWeigher {

    private final SchedulerConfig config;

    public DiskWeigher(SchedulerConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "DiskWeigher";
    }

    @Override
    public double multiplier() {
        return config.weigher().diskMultiplier();
    }

    @Override
    public double raw(HostState host, SelectionContext request) {
        return host.freeDiskGb();
    }
}
