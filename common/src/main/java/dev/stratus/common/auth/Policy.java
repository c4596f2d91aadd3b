package dev.stratus.common.auth;

import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Predicate;

/**
 * Authorisation with Keystone's default roles. A rule is a named predicate over the caller; a denied
 * rule is a 403 whose message names the rule, worded as the service's OpenStack peer words it.
 *
 * <p>As in OpenStack without enforced scope types, an {@code admin} role on any project makes the caller
 * a cloud administrator.
 */
@ApplicationScoped
public class Policy {

    private final CurrentAuth current;
    private final ApiSettings api;

    public Policy(CurrentAuth current, ApiSettings api) {
        this.current = current;
        this.api = api;
    }

    /** Denies with a 403 unless the rule holds for the caller. */
    public AuthContext enforce(String ruleName, Predicate<AuthContext> rule) {
        AuthContext caller = current.get();
        if (!rule.test(caller)) {
            throw ApiException.forbidden(deniedMessage(ruleName));
        }
        return caller;
    }

    public boolean allows(Predicate<AuthContext> rule) {
        return rule.test(current.get());
    }

    public AuthContext caller() {
        return current.get();
    }

    private String deniedMessage(String rule) {
        return switch (api.faultStyle()) {
            case KEYSTONE -> "You are not authorized to perform the requested action: " + rule + ".";
            case NOVA -> "Policy doesn't allow " + rule + " to be performed.";
            case NEUTRON -> "(rule:" + rule + ") is disallowed by policy";
            case PLACEMENT -> "Policy does not allow " + rule + " to be performed.";
        };
    }

    // Rules shared by every service.

    public static Predicate<AuthContext> admin() {
        return c -> DefaultRoles.grants(c.roles(), DefaultRoles.ADMIN);
    }

    public static Predicate<AuthContext> service() {
        return c -> c.hasRole(DefaultRoles.SERVICE);
    }

    public static Predicate<AuthContext> adminOrService() {
        return admin().or(service());
    }

    /** Caller holds {@code role} (or a stronger one) on {@code projectId}, or is an admin. */
    public static Predicate<AuthContext> projectRole(String projectId, String role) {
        return admin().or(c -> projectId != null && projectId.equals(c.projectId())
                && DefaultRoles.grants(c.roles(), role));
    }

    public static Predicate<AuthContext> projectReader(String projectId) {
        return projectRole(projectId, DefaultRoles.READER);
    }

    public static Predicate<AuthContext> projectMember(String projectId) {
        return projectRole(projectId, DefaultRoles.MEMBER);
    }

    /** The caller is that user, or an admin. */
    public static Predicate<AuthContext> selfOrAdmin(String userId) {
        return admin().or(c -> c.userId().equals(userId));
    }
}
