package dev.stratus.network.service;

import dev.stratus.common.auth.Policy;
import dev.stratus.network.api.Faults;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The caller of the current request and Neutron's policy answers: a denied create is a 403 naming the rules
 * checked; a denied change of something the caller can see is a 403, of something it cannot see a 404.
 */
@ApplicationScoped
public class Access {

    private final Policy policy;

    public Access(Policy policy) {
        this.policy = policy;
    }

    public Caller caller() {
        return Caller.of(policy.caller());
    }

    /**
     * Denies with Neutron's 403 unless the action is {@code allowed} and no attribute rule was broken: "(rule:ACTION
     * and rule:ACTION:ATTR ...) is disallowed by policy", naming the action and the broken attribute rules.
     */
    public void require(boolean allowed, String action, List<String> attributeRules) {
        if (allowed && attributeRules.isEmpty()) {
            return;
        }
        List<String> rules = new ArrayList<>();
        rules.add(action);
        attributeRules.forEach(a -> rules.add(action + ":" + a));
        String rule = rules.size() == 1 ? action : String.join(" and rule:", rules);
        policy.enforce(rule, c -> false);
    }

    public void require(boolean allowed, String action) {
        require(allowed, action, List.of());
    }

    /** For a change of an existing resource: 403 if the caller may see it, else Neutron's generic 404. */
    public void requireChange(boolean allowed, boolean visible, String action) {
        if (allowed) {
            return;
        }
        if (!visible) {
            throw Faults.hidden();
        }
        require(false, action);
    }

    /** Neutron's check on an explicit project_id: only admins may name a project other than their own. */
    public String owningProject(Caller caller, String requested) {
        if (requested == null || requested.equals(caller.projectId())) {
            return caller.projectId();
        }
        if (!caller.admin()) {
            throw Faults.badRequest("Specifying 'project_id' other than the authenticated project in request is not "
                    + "allowed for the current user.");
        }
        return requested;
    }
}
