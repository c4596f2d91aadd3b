package dev.stratus.common.compute;

import java.util.List;

/**
 * What narrows the choice of host beyond capacity. Server-group members and same/different-host
 * instances are given by instance id; the scheduler finds their hosts from its own allocations.
 *
 * @param groupPolicy affinity, anti-affinity, soft-affinity or soft-anti-affinity; null without a group
 * @param maxServerPerHost the anti-affinity rule of microversion 2.64; null means 1
 * @param forcedHost set by an admin's {@code availability_zone=zone:host}
 */
public record SchedulingHints(String groupId, String groupPolicy, Integer maxServerPerHost,
        List<String> groupMembers, List<String> sameHost, List<String> differentHost, String forcedHost,
        String forcedNode) {

    public static final SchedulingHints NONE = new SchedulingHints(null, null, null, List.of(), List.of(),
            List.of(), null, null);

    public SchedulingHints {
        groupMembers = groupMembers == null ? List.of() : List.copyOf(groupMembers);
        sameHost = sameHost == null ? List.of() : List.copyOf(sameHost);
        differentHost = differentHost == null ? List.of() : List.copyOf(differentHost);
    }
}
