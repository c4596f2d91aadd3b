package dev.stratus.scheduler.filter;

import dev.stratus.scheduler.service.HostState;
import jakarta.enterprise.context.ApplicationScoped;

/** Policy {@code affinity}: once a member of the group has a host, every other member goes there. */
@ApplicationScoped
public class ServerGroupAffinityFilter implements HostFilter {

    @Override
    public String name() {
        return "ServerGroupAffinityFilter";
    }

    @Override
    public String reject(HostState host, SelectionContext request) {
        if (!"affinity".equals(request.groupPolicy()) || request.groupHosts().isEmpty()) {
            return null;
        }
        return request.groupHosts().containsKey(host.host()) ? null : "server group affinity";
    }
}
