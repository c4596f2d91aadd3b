package dev.stratus.scheduler.weigher;

import dev.stratus.scheduler.config.SchedulerConfig;
import dev.stratus.scheduler.filter.SelectionContext;
import dev.stratus.scheduler.service.HostState;
import jakarta.enterprise.context.ApplicationScoped;

/** Free RAM: a positive multiplier spreads instances, a negative one packs them. */
@ApplicationScoped
public class RamWeigher implements HostWeigher {

    private final SchedulerConfig config;

    public RamWeigher(SchedulerConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "RAMWeigher";
    }

    @Override
    public double multiplier() {
        return config.weigher().ramMultiplier();
    }

    @Override
    public double raw(HostState host, SelectionContext request) {
        return host.freeMemoryMb();
    }
}
