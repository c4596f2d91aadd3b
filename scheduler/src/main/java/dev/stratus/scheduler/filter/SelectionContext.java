package dev.stratus.scheduler.filter;

import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.RequestSpec;
import dev.stratus.common.compute.SchedulingHints;
import dev.stratus.scheduler.service.Resources;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Everything filters and weighers need about the instance being placed: the request, what it consumes, and
 * where the instances it relates to are (server-group members, same_host / different_host instances),
 * including instances placed earlier in the same decision.
 *
 * @param groupHosts hosts of the other members of the instance's server group, with how many members each holds
 * @param sameHosts hosts of the same_host instances
 * @param differentHosts hosts of the different_host instances
 */
public record SelectionContext(RequestSpec spec, InstanceBuild instance, UUID consumer, Resources resources,
        Instant now, Map<String, Integer> groupHosts, Set<String> sameHosts, Set<String> differentHosts) {

    public SchedulingHints hints() {
        return spec.hints();
    }

    /** The group policy (lower case, dashes), or null without a server group. */
    public String groupPolicy() {
        String policy = hints().groupPolicy();
        return policy == null ? null : policy.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public int groupMembersOn(String host) {
        return groupHosts.getOrDefault(host, 0);
    }
}
