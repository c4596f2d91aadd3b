package dev.stratus.scheduler.filter;

import dev.stratus.scheduler.service.HostState;
import jakarta.enterprise.context.ApplicationScoped;

/** Scheduler hint {@code same_host}: only hosts that hold one of the named instances. */
@ApplicationScoped
public class SameHostFilter implements HostFilter {

    @Override
    public String name() {
        return "SameHostFilter";
    }

    @Override
    public String reject(HostState host, SelectionContext request) {
        if (request.hints().sameHost().isEmpty()) {
            return null;
        }
        return request.sameHosts().contains(host.host()) ? null : "not the host of a same_host instance";
    }
}
