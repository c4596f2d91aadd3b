package dev.stratus.identity.service;

import dev.stratus.common.fault.ApiException;
import java.util.List;

/**
 * Keystone's {@code InsufficientAuthMethods}: the user authenticated, but with methods that satisfy none of its
 * multi-factor rules. A 401 that names the rules the client must meet ({@code required_auth_methods}).
 */
public class InsufficientAuthMethods extends ApiException {

    private final transient List<List<String>> required;

    public InsufficientAuthMethods(String userId, List<String> provided, List<List<String>> required) {
        super(401, "Insufficient auth methods received for " + userId + ". Auth Methods Provided ["
                + String.join(",", provided) + "].");
        this.required = List.copyOf(required);
    }

    public List<List<String>> required() {
        return required;
    }
}
