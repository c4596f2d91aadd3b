package dev.stratus.scheduler.weigher;

import dev.stratus.scheduler.config.SchedulerConfig;
import dev.stratus.scheduler.filter.SelectionContext;
import dev.stratus.scheduler.service.BuildFailures;
import dev.stratus.scheduler.service.HostState;
import jakarta.enterprise.context.ApplicationScoped;

/** Hosts whose builds failed recently (reschedules away from them) are avoided while others have room. */
@ApplicationScoped
public class BuildFailureWeigher implements HostWeigher {

    private final SchedulerConfig config;
    private final BuildFailures failures;

    public BuildFailureWeigher(SchedulerConfig config, BuildFailures failures) {
        this.config = config;
        this.failures = failures;
    }

    @Override
    public String name() {
        return "BuildFailureWeigher";
    }

    @Override
    public double multiplier() {
        return config.weigher().buildFailureMultiplier();
    }

    @Override
    public double raw(HostState host, SelectionContext request) {
        return -failures.recent(host.host(), request.now());
    }
}
