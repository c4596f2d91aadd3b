package dev.stratus.scheduler.filter;

import dev.stratus.scheduler.service.HostState;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The flavor's VCPU, MEMORY_MB and DISK_GB fit in the host's inventory: (total - reserved) * allocation_ratio
 * minus what is allocated, within min_unit, max_unit and step_size (Nova's RAM, core and disk filters in one).
 */
@ApplicationScoped
public class CapacityFilter implements HostFilter {

    @Override
    public String name() {
        return "CapacityFilter";
    }

    @Override
    public String reject(HostState host, SelectionContext request) {
        String shortage = host.shortage(request.resources());
        return shortage == null ? null : "not enough " + shortage;
    }

    @Override
    public boolean runsIn(FilterScope scope) {
        return scope == FilterScope.ALL || scope == FilterScope.FORCED_HOST;
    }
}
