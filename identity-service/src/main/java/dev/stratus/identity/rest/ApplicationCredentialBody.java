package dev.stratus.identity.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.fault.ApiException;
import dev.stratus.identity.service.AccessRules;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A parsed {@code POST /v3/users/{id}/application_credentials} body. Roles are named by id or by name; access
 * rules by the id of one of the user's rules, or by service, path and method.
 */
record ApplicationCredentialBody(String name, String description, String secret, Instant expiresAt,
        List<RoleRef> roles, boolean unrestricted, List<AccessRules.Requested> accessRules) {

    /** The methods a rule may name, as Keystone's schema lists them. */
    private static final Set<String> METHODS = Set.of("HEAD", "GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> RULE_FIELDS = Set.of("id", "service", "path", "method");

    /** A role by id, or by name (Keystone looks global roles up by name). */
    record RoleRef(String id, String name) {
    }

    private static final Set<String> FIELDS = Set.of("name", "description", "secret", "expires_at", "roles",
            "unrestricted", "access_rules");

    static ApplicationCredentialBody parse(JsonNode body) {
        JsonNode c = Bodies.member(body, "application_credential");
        for (Iterator<String> names = c.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw ApiException.badRequest("Invalid input for field '" + field + "': additional properties are"
                        + " not allowed.");
            }
        }
        String secret = Bodies.text(c, "secret");
        if (secret != null && secret.isEmpty()) {
            secret = null;
        }
        Boolean unrestricted = Bodies.bool(c, "unrestricted");
        return new ApplicationCredentialBody(Bodies.requiredName(c, 255), Bodies.text(c, "description"), secret,
                expiresAt(Bodies.text(c, "expires_at")), roles(c.get("roles")), Boolean.TRUE.equals(unrestricted),
                accessRules(c.get("access_rules")));
    }

    /** ISO 8601; a time without an offset is UTC, as in Keystone. */
    static Instant expiresAt(String value) {
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
                throw Bodies.invalid("expires_at", "'" + value + "' is not an ISO 8601 date and time");
            }
        }
        if (!at.isAfter(Instant.now())) {
            throw ApiException.badRequest("The expiration date " + value + " must be in the future.");
        }
        return at;
    }

    static List<AccessRules.Requested> accessRules(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw Bodies.invalid("access_rules", "must be a list of rules");
        }
        List<AccessRules.Requested> rules = new ArrayList<>();
        for (JsonNode rule : node) {
            if (!rule.isObject()) {
                throw Bodies.invalid("access_rules", "must be a list of objects");
            }
            for (Iterator<String> names = rule.fieldNames(); names.hasNext(); ) {
                String field = names.next();
                if (!RULE_FIELDS.contains(field)) {
                    throw Bodies.invalid("access_rules", "additional property '" + field + "' is not allowed");
                }
            }
            String id = Bodies.text(rule, "id");
            String service = Bodies.text(rule, "service");
            String path = Bodies.text(rule, "path");
            String method = Bodies.text(rule, "method");
            if (service == null && path == null && method == null) {
                if (id == null) {
                    throw Bodies.invalid("access_rules", "each rule names an id, or a service, path and method");
                }
                rules.add(new AccessRules.Requested(id, null, null, null));
                continue;
            }
            if (service == null || service.isEmpty() || path == null || method == null) {
                throw Bodies.invalid("access_rules", "a rule needs service, path and method");
            }
            if (!METHODS.contains(method)) {
                throw Bodies.invalid("access_rules", "'" + method + "' is not one of " + METHODS.stream().sorted()
                        .toList());
            }
            if (!path.startsWith("/") || path.length() > 225) {
                throw Bodies.invalid("access_rules", "a path starts with '/' and has at most 225 characters");
            }
            rules.add(new AccessRules.Requested(id, service, path, method));
        }
        return rules;
    }

    static List<RoleRef> roles(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw Bodies.invalid("roles", "must be a list of roles");
        }
        List<RoleRef> refs = new ArrayList<>();
        for (JsonNode role : node) {
            if (!role.isObject()) {
                throw Bodies.invalid("roles", "must be a list of objects with an id or a name");
            }
            String id = Bodies.text(role, "id");
            String name = Bodies.text(role, "name");
            if (id == null && name == null) {
                throw Bodies.invalid("roles", "must name each role by id or name");
            }
            refs.add(new RoleRef(id, name));
        }
        return refs;
    }
}
