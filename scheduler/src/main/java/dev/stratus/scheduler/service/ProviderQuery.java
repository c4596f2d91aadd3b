package dev.stratus.scheduler.service;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Filters of GET /resource_providers (and the provider part of allocation candidates).
 *
 * @param memberOf each set is one {@code member_of}: the provider must be in one of its aggregates
 * @param forbiddenAggregates aggregates of {@code member_of=!...}: the provider must be in none
 * @param resources amounts the provider must have room for
 */
public record ProviderQuery(String name, UUID uuid, UUID inTree, List<Set<UUID>> memberOf, Set<UUID> forbiddenAggregates,
        Map<String, Long> resources, Set<String> required, Set<String> forbidden) {

    public static final ProviderQuery ALL = new ProviderQuery(null, null, null, List.of(), Set.of(), Map.of(), Set.of(),
            Set.of());
}
