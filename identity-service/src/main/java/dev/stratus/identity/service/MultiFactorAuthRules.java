package dev.stratus.identity.service;

import dev.stratus.identity.persistence.UserEntity;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keystone's check of a user's {@code multi_factor_auth_rules} at token issue: unless
 * {@code multi_factor_auth_enabled} is false, the methods that authenticated the request must include every method of
 * at least one rule. As in Keystone, a rule counts only the methods this service authenticates with, so a rule
 * naming a method it lacks (e.g. {@code totp}) cannot lock a user out.
 */
public final class MultiFactorAuthRules {

    /** Keystone's loaded {@code [auth] methods}: the ones this service implements. */
    static final Set<String> METHODS = Set.of("password", "token", "application_credential");

    private MultiFactorAuthRules() {
    }

    /** @throws InsufficientAuthMethods when rules apply and {@code methods} satisfy none of them */
    public static void require(UserEntity user, List<String> methods) {
        UserOptions options = UserOptions.of(user);
        List<List<String>> rules = options.multiFactorAuthRules();
        if (rules.isEmpty() || !options.multiFactorAuthEnabled()) {
            return;
        }
        for (List<String> rule : rules) {
            Set<String> counted = new HashSet<>(rule);
            counted.retainAll(METHODS);
            if (methods.containsAll(counted)) {
                return;
            }
        }
        throw new InsufficientAuthMethods(user.id, methods, rules);
    }
}
