package dev.stratus.common.compute;

import java.util.List;

/**
 * Everything the scheduler needs to choose hosts for one create request.
 *
 * @param availabilityZone the zone asked for, or null for any
 * @param ignoreHosts hosts already tried (reschedules)
 */
public record RequestSpec(String projectId, String userId, FlavorSpec flavor, ImageSpec image,
        String availabilityZone, SchedulingHints hints, List<String> ignoreHosts) {

    public RequestSpec {
        hints = hints == null ? SchedulingHints.NONE : hints;
        ignoreHosts = ignoreHosts == null ? List.of() : List.copyOf(ignoreHosts);
    }
}
