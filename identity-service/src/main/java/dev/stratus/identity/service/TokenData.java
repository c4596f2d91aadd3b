package dev.stratus.identity.service;

import dev.stratus.common.auth.AccessRule;
import java.time.Instant;
import java.util.List;

/**
 * Everything a token stands for, as rendered in Keystone's token body.
 *
 * @param passwordExpiresAt when the user's password expires (the body's {@code user.password_expires_at}); null:
 *                          never
 */
public record TokenData(
        String token,
        List<String> methods,
        Ref user,
        Ref userDomain,
        Ref project,
        Ref projectDomain,
        Ref domainScope,
        List<Ref> roles,
        List<String> auditIds,
        Instant issuedAt,
        Instant expiresAt,
        AppCred applicationCredential,
        Trust trust,
        Instant passwordExpiresAt) {

    /** A token without a trust. */
    public TokenData(String token, List<String> methods, Ref user, Ref userDomain, Ref project, Ref projectDomain,
            Ref domainScope, List<Ref> roles, List<String> auditIds, Instant issuedAt, Instant expiresAt,
            AppCred applicationCredential) {
        this(token, methods, user, userDomain, project, projectDomain, domainScope, roles, auditIds, issuedAt,
                expiresAt, applicationCredential, null, null);
    }

    /** The trust a trust-scoped token was issued through (Keystone's {@code OS-TRUST:trust} section). */
    public record Trust(String id, boolean impersonation, String trustorUserId, String trusteeUserId) {
    }

    /** The application credential a token was issued for, and the only requests it allows when it has rules. */
    public record AppCred(String id, String name, boolean restricted, List<AccessRule> accessRules) {
    }

    /** An id and a name. */
    public record Ref(String id, String name) {
    }

    public boolean isScoped() {
        return project != null || domainScope != null;
    }
}
