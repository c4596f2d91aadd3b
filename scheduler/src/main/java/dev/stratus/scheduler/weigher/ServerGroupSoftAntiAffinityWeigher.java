package dev.stratus.scheduler.weigher;

import dev.stratus.scheduler.config.SchedulerConfig;
import dev.stratus.scheduler.filter.SelectionContext;
import dev.stratus.scheduler.service.HostState;
import jakarta.enterprise.context.ApplicationScoped;

/** Policy {@code soft-anti-affinity}: prefer hosts holding fewer members of the group. */
@ApplicationScoped
public class ServerGroupSoftAntiAffinityWeigher implements HostWeigher {

    private final SchedulerConfig config;

    public ServerGroupSoftAntiAffinityWeigher(SchedulerConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "ServerGroupSoftAntiAffinityWeigher";
    }

    @Override
    public double multiplier() {
        return config.weigher().softAntiAffinityMultiplier();
    }

    @Override
    public double raw(HostState host, SelectionContext request) {
        return "soft-anti-affinity".equals(request.groupPolicy()) ? -request.groupMembersOn(host.host()) : 0;
    }
}
