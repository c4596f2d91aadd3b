package dev.stratus.identity.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.fault.ApiException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A parsed {@code POST /v3/OS-TRUST/trusts} body, checked as Keystone's schema checks it: trustor, trustee and
 * impersonation are required, {@code remaining_uses} is a positive integer or null, {@code expires_at} an ISO 8601
 * time in the future. Roles are named by id or by name.
 */
record TrustBody(String trustorUserId, String trusteeUserId, String projectId, boolean impersonation,
        List<ApplicationCredentialBody.RoleRef> roles, Instant expiresAt, Integer remainingUses,
        boolean allowRedelegation, Integer redelegationCount) {

    private static final String CLIENT_ERROR = " The server could not comply with the request since it is either"
            + " malformed or otherwise incorrect. The client is assumed to be in error.";

    static TrustBody parse(JsonNode body) {
        JsonNode t = Bodies.member(body, "trust");
        String trustor = Bodies.requiredText(t, "trustor_user_id");
        String trustee = Bodies.requiredText(t, "trustee_user_id");
        Boolean impersonation = Bodies.bool(t, "impersonation");
        if (impersonation == null) {
            throw ApiException.badRequest("Invalid input for field 'impersonation': 'impersonation' is a required"
                    + " property.");
        }
        Boolean allowRedelegation = Bodies.bool(t, "allow_redelegation");
        return new TrustBody(trustor, trustee, Bodies.text(t, "project_id"), impersonation,
                ApplicationCredentialBody.roles(t.get("roles")), expiresAt(Bodies.text(t, "expires_at")),
                integer(t, "remaining_uses", 1), Boolean.TRUE.equals(allowRedelegation),
                integer(t, "redelegation_count", 0));
    }

    private static Integer integer(JsonNode node, String field, int minimum) {
        JsonNode child = node.get(field);
        if (child == null || child.isNull()) {
            return null;
        }
        if (!child.isIntegralNumber()) {
            throw Bodies.invalid(field, "must be an integer or null");
        }
        if (child.asLong() < minimum || child.asLong() > Integer.MAX_VALUE) {
            throw Bodies.invalid(field, child.asText() + " is less than the minimum of " + minimum);
        }
        return child.asInt();
    }

    /** Keystone's parse: a time without an offset is UTC; unreadable or past times are a 400. */
    private static Instant expiresAt(String value) {
        if (value == null) {
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                at = LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("Timestamp not in expected format." + CLIENT_ERROR);
            }
        }
        if (!at.isAfter(Instant.now())) {
            throw ApiException.badRequest("The 'expires_at' must not be before now." + CLIENT_ERROR);
        }
        return at;
    }
}
