package dev.stratus.scheduler.weigher;

import dev.stratus.scheduler.filter.SelectionContext;
import dev.stratus.scheduler.service.HostState;

/**
 * One preference among hosts that passed the filters. As in Nova, raw weights are normalised to 0..1
 * across the candidate hosts, multiplied by {@link #multiplier()} and summed; the highest total wins.
 */
public interface HostWeigher {

    String name();

    /** Positive: more of the raw weight is better; negative: less is better; zero: the weigher is off. */
    double multiplier();

    double raw(HostState host, SelectionContext request);
}
