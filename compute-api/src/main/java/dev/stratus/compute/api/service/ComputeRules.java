package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.DefaultRoles;
import dev.stratus.common.auth.Policy;
import java.util.function.Predicate;

/**
 * Nova's default policy rules (nova/policies/base.py): ADMIN, PROJECT_MEMBER, PROJECT_READER, and the
 * "admin or owner" rules, as predicates over the caller.
 */
public final class ComputeRules {

    private ComputeRules() {
    }

    public static Predicate<AuthContext> admin() {
        return Policy.admin();
    }

    public static boolean isAdmin(AuthContext c) {
        return Policy.admin().test(c);
    }

    /** PROJECT_MEMBER_OR_ADMIN on the caller's own project (create calls). */
    public static Predicate<AuthContext> member() {
        return c -> isAdmin(c) || (c.projectId() != null && DefaultRoles.grants(c.roles(), DefaultRoles.MEMBER));
    }

    /** PROJECT_READER_OR_ADMIN on the caller's own project (list calls). */
    public static Predicate<AuthContext> reader() {
        return c -> isAdmin(c) || (c.projectId() != null && DefaultRoles.grants(c.roles(), DefaultRoles.READER));
    }

    /** PROJECT_MEMBER_OR_ADMIN on the project owning the target. */
    public static Predicate<AuthContext> memberOf(String projectId) {
        return Policy.projectMember(projectId);
    }

    /** PROJECT_READER_OR_ADMIN on the project owning the target. */
    public static Predicate<AuthContext> readerOf(String projectId) {
        return Policy.projectReader(projectId);
    }
}
