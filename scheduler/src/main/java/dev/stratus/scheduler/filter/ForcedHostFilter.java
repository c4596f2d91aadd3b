package dev.stratus.scheduler.filter;

import dev.stratus.scheduler.service.HostState;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * An admin's {@code availability_zone=zone:host[:node]}: only that host (and node). Unlike Nova, the other
 * filters still apply, so a forced host that is down or full is refused instead of over-committed.
 */
@ApplicationScoped
public class ForcedHostFilter implements HostFilter {

    @Override
    public String name() {
        return "ForcedHostFilter";
    }

    @Override
    public String reject(HostState host, SelectionContext request) {
        String forced = request.hints().forcedHost();
        if (forced != null && !forced.isBlank() && !forced.equals(host.host())) {
            return "not the forced host " + forced;
        }
        String forcedNode = request.hints().forcedNode();
        if (forcedNode != null && !forcedNode.isBlank() && !forcedNode.equals(host.node())) {
            return "not the forced node " + forcedNode;
        }
        return null;
    }

    @Override
    public boolean runsIn(FilterScope scope) {
        return scope == FilterScope.ALL || scope == FilterScope.FORCED_HOST;
    }
}
