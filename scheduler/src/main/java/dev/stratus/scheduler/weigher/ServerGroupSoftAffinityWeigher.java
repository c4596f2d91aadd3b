package dev.stratus.scheduler.weigher;

import dev.stratus.scheduler.config.SchedulerConfig;
import dev.stratus.scheduler.filter.SelectionContext;
import dev.stratus.scheduler.service.HostState;
import jakarta.enterprise.context.ApplicationScoped;

/** Policy {@code soft-affinity}: prefer hosts holding more members of the group. */
@ApplicationScoped
public class ServerGroupSoftAffinityWeigher implements HostWeigher {

    private final SchedulerConfig config;

    public ServerGroupSoftAffinityWeigher(SchedulerConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "ServerGroupSoftAffinityWeigher";
    }

    @Override
    public double multiplier() {
        return config.weigher().softAffinityMultiplier();
    }

    @Override
    public double raw(HostState host, SelectionContext request) {
        return "soft-affinity".equals(request.groupPolicy()) ? request.groupMembersOn(host.host()) : 0;
    }
}
