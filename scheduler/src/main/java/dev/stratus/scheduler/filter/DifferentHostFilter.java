package dev.stratus.scheduler.filter;

import dev.stratus.scheduler.service.HostState;
import jakarta.enterprise.context.ApplicationScoped;

/** Scheduler hint {@code different_host}: no host that holds one of the named instances. */
@ApplicationScoped
public class DifferentHostFilter implements HostFilter {

    @Override
    public String name() {
        return "DifferentHostFilter";
    }

    @Override
    public String reject(HostState host, SelectionContext request) {
        return request.differentHosts().contains(host.host()) ? "host of a different_host instance" : null;
    }
}
