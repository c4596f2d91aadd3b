package dev.stratus.scheduler.service;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * GET /allocation_candidates, its request groups merged: this implementation places every group on one
 * provider (it does not spread a request across a provider tree or sharing providers).
 *
 * @param isolatedGroups numbered groups that {@code group_policy=isolate} requires on different providers
 */
public record CandidateRequest(Map<String, Long> resources, Set<String> required, Set<String> forbidden,
        List<Set<UUID>> memberOf, int isolatedGroups, Integer limit) {
}
