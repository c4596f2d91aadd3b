package dev.stratus.scheduler.weigher;

import dev.stratus.scheduler.config.SchedulerConfig;
import dev.stratus.scheduler.filter.SelectionContext;
import dev.stratus.scheduler.service.HostState;
import jakarta.enterprise.context.ApplicationScoped;

/** Free VCPUs: a positive multiplier spreads instances, a negative one packs them. */
@ApplicationScoped
public class CpuWeigher implements HostWeigher {

    private final SchedulerConfig config;

    public CpuWeigher(SchedulerConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "CPUWeigher";
    }

    @Override
    public double multiplier() {
        return config.weigher().cpuMultiplier();
    }

    @Override
    public double raw(HostState host, SelectionContext request) {
        return host.freeVcpus();
    }
}
