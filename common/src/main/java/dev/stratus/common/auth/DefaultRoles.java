package dev.stratus.common.auth;

import java.util.List;

/**
 * Keystone's default roles. Each implies the ones after it (admin, then member, then reader), so a
 * check for "reader" passes for members and admins too.
 */
public final class DefaultRoles {

    public static final String ADMIN = "admin";
    public static final String MEMBER = "member";
    public static final String READER = "reader";
    /** Held by the services' own users; lets them act on behalf of users (e.g. read revocation events). */
    public static final String SERVICE = "service";

    /** Strongest first. */
    public static final List<String> HIERARCHY = List.of(ADMIN, MEMBER, READER);

    private DefaultRoles() {
    }

    /** True when {@code held} grants at least {@code required}. */
    public static boolean grants(java.util.Set<String> held, String required) {
        int requiredRank = HIERARCHY.indexOf(required);
        if (requiredRank < 0) {
            return held.contains(required);
        }
        for (int i = 0; i <= requiredRank; i++) {
            if (held.contains(HIERARCHY.get(i))) {
                return true;
            }
        }
        return false;
    }
}
