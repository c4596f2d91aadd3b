package dev.stratus.scheduler.rest;

import dev.stratus.common.auth.Policy;
import jakarta.enterprise.context.ApplicationScoped;

/** Placement's default policy: every API call needs the admin or the service role. */
@ApplicationScoped
public class PlacementPolicy {

    private final Policy policy;

    public PlacementPolicy(Policy policy) {
        this.policy = policy;
    }

    /** @param rule e.g. {@code placement:resource_providers:list} */
    public void enforce(String rule) {
        policy.enforce(rule, Policy.adminOrService());
    }
}
