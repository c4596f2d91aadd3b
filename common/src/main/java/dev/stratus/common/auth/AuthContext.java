package dev.stratus.common.auth;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Who makes the current request, as the verified token says. */
public record AuthContext(
        String token,
        String userId,
        String userName,
        String userDomainId,
        String projectId,
        String projectDomainId,
        String domainId,
        Set<String> roles,
        List<String> methods,
        List<String> auditIds,
        Instant issuedAt,
        Instant expiresAt,
        /** Set when the token was issued for an application credential (Keystone's delegation by secret). */
        String applicationCredentialId,
        /** Set when the token is scoped to a trust (Keystone's OS-TRUST delegation between users). */
        String trustId,
        /**
         * The access rules of the token's application credential: when there are any, the token may make only the
         * requests they name. Empty otherwise.
         */
        List<AccessRule> accessRules) {

    /** A token issued to the user itself, for an application credential without access rules, or through a trust. */
    public AuthContext(String token, String userId, String userName, String userDomainId, String projectId,
            String projectDomainId, String domainId, Set<String> roles, List<String> methods, List<String> auditIds,
            Instant issuedAt, Instant expiresAt, String applicationCredentialId, String trustId) {
        this(token, userId, userName, userDomainId, projectId, projectDomainId, domainId, roles, methods, auditIds,
                issuedAt, expiresAt, applicationCredentialId, trustId, List.of());
    }

    /** A token issued to the user itself (password or token method). */
    public AuthContext(String token, String userId, String userName, String userDomainId, String projectId,
            String projectDomainId, String domainId, Set<String> roles, List<String> methods, List<String> auditIds,
            Instant issuedAt, Instant expiresAt) {
        this(token, userId, userName, userDomainId, projectId, projectDomainId, domainId, roles, methods, auditIds,
                issuedAt, expiresAt, null, null);
    }

    /** A token issued to the user itself or for an application credential, not through a trust. */
    public AuthContext(String token, String userId, String userName, String userDomainId, String projectId,
            String projectDomainId, String domainId, Set<String> roles, List<String> methods, List<String> auditIds,
            Instant issuedAt, Instant expiresAt, String applicationCredentialId) {
        this(token, userId, userName, userDomainId, projectId, projectDomainId, domainId, roles, methods, auditIds,
                issuedAt, expiresAt, applicationCredentialId, null);
    }

    public boolean isTrustScoped() {
        return trustId != null;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isProjectScoped() {
        return projectId != null;
    }

    public String auditId() {
        return auditIds.get(0);
    }
}
