package dev.stratus.scheduler.filter;

import dev.stratus.scheduler.service.HostState;

/**
 * One rule a host must pass to receive an instance. Implementations are CDI beans, enabled by name in
 * {@code stratus.scheduler.enabled-filters}.
 */
public interface HostFilter {

    /** The name operators enable it by (Nova's class name where Nova has the filter). */
    String name();

    /** Null when the host passes; otherwise a short reason, counted in the "no valid host" details. */
    String reject(HostState host, SelectionContext request);

    /** Whether requests of this scope run the filter; by default only those that run every filter. */
    default boolean runsIn(FilterScope scope) {
        return scope == FilterScope.ALL;
    }
}
