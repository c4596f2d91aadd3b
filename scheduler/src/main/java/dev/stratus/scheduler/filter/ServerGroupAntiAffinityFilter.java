package dev.stratus.scheduler.filter;

import dev.stratus.scheduler.service.HostState;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Policy {@code anti-affinity}: a host holds at most {@code max_server_per_host} members of the group (1
 * unless the group's rules say otherwise, microversion 2.64).
 */
@ApplicationScoped
public class ServerGroupAntiAffinityFilter implements HostFilter {

    @Override
    public String name() {
        return "ServerGroupAntiAffinityFilter";
    }

    @Override
    public String reject(HostState host, SelectionContext request) {
        if (!"anti-affinity".equals(request.groupPolicy())) {
            return null;
        }
        Integer max = request.hints().maxServerPerHost();
        int limit = max == null || max < 1 ? 1 : max;
        return request.groupMembersOn(host.host()) < limit ? null : "server group anti-affinity";
    }
}
