package dev.stratus.common.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A token revocation, in the shape of Keystone's OS-REVOKE events: a token is revoked when every
 * field that is set matches it and it was issued at or before {@code issuedBefore}. A {@code domain_id} matches the
 * user's domain, the scoped project's domain or the scoped domain, as Keystone's does.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RevocationEvent(
        @JsonProperty("audit_id") String auditId,
        @JsonProperty("audit_chain_id") String auditChainId,
        @JsonProperty("user_id") String userId,
        @JsonProperty("project_id") String projectId,
        @JsonProperty("domain_id") String domainId,
        @JsonProperty("issued_before") Instant issuedBefore,
        @JsonProperty("revoked_at") Instant revokedAt) {

    /** Message name on the {@code identity.revocations} broadcast. */
    public static final String MESSAGE = "identity.token_revoked";
    public static final String VERSION = "1.0";

    public static RevocationEvent ofToken(String auditId, Instant issuedAt) {
        return new RevocationEvent(auditId, null, null, null, null, issuedAt, Instant.now());
    }

    /** Every token of an audit chain: those issued for one application credential, and their rescopings. */
    public static RevocationEvent ofAuditChain(String auditChainId) {
        Instant now = Instant.now();
        return new RevocationEvent(null, auditChainId, null, null, null, now, now);
    }

    public static RevocationEvent ofUser(String userId) {
        Instant now = Instant.now();
        return new RevocationEvent(null, null, userId, null, null, now, now);
    }

    /** The user's tokens scoped to that project (a role on it was taken away). */
    public static RevocationEvent ofUserOnProject(String userId, String projectId) {
        Instant now = Instant.now();
        return new RevocationEvent(null, null, userId, projectId, null, now, now);
    }

    public static RevocationEvent ofProject(String projectId) {
        Instant now = Instant.now();
        return new RevocationEvent(null, null, null, projectId, null, now, now);
    }

    /** Every token of the domain's users, scoped to its projects, or scoped to it (the domain was disabled). */
    public static RevocationEvent ofDomain(String domainId) {
        Instant now = Instant.now();
        return new RevocationEvent(null, null, null, null, domainId, now, now);
    }

    public boolean matches(AuthContext token) {
        if (auditId == null && auditChainId == null && userId == null && projectId == null && domainId == null) {
            return false;
        }
        if (issuedBefore != null && token.issuedAt().isAfter(issuedBefore)) {
            return false;
        }
        return (auditId == null || auditId.equals(token.auditId()))
                && (auditChainId == null || token.auditIds().contains(auditChainId))
                && (userId == null || userId.equals(token.userId()))
                && (projectId == null || projectId.equals(token.projectId()))
                && (domainId == null || domainId.equals(token.userDomainId())
                        || domainId.equals(token.projectDomainId()) || domainId.equals(token.domainId()));
    }
}
