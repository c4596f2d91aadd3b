package dev.stratus.identity.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.common.auth.DefaultRoles;
import dev.stratus.common.fault.ApiException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The user options the bootstrap file gives its users. The services' own accounts (the users the file grants the
 * {@code service} role) are exempt from account lockout and password expiry: their name is no secret, and anyone who
 * failed their password a few times, or a calendar, would otherwise stop every call between services. An entry's
 * {@code options} come on top (a null removes an option), so the file may also exempt others, the admin included,
 * or take an exemption back.
 */
final class BootstrapUserOptions {

    private static final JsonNode SERVICE_ACCOUNT;

    static {
        ObjectNode options = JsonNodeFactory.instance.objectNode();
        options.put(UserOptions.IGNORE_LOCKOUT_FAILURE_ATTEMPTS, true);
        options.put(UserOptions.IGNORE_PASSWORD_EXPIRY, true);
        SERVICE_ACCOUNT = options;
    }

    private final Set<String> serviceAccounts;

    BootstrapUserOptions(BootstrapPlan plan) {
        // Assignments name users of the default domain.
        this.serviceAccounts = plan.assignmentsOrEmpty().stream()
                .filter(a -> DefaultRoles.SERVICE.equals(a.role()))
                .map(BootstrapPlan.Assignment::user)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The options {@code user} (currently with {@code current}) gets from the file. */
    UserOptions apply(UserOptions current, BootstrapPlan.User user, String domainId) {
        UserOptions options = current;
        if (Bootstrapper.DEFAULT_DOMAIN.equals(domainId) && serviceAccounts.contains(user.name())) {
            options = options.with(SERVICE_ACCOUNT, "options");
        }
        if (user.options() == null) {
            return options;
        }
        try {
            return options.with(user.options(), "options");
        } catch (ApiException e) {
            throw new IllegalStateException("Bootstrap file, user " + user.name() + ": " + e.getMessage(), e);
        }
    }
}
