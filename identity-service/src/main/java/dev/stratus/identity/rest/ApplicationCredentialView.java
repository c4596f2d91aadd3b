package dev.stratus.identity.rest;

import dev.stratus.identity.persistence.AccessRuleEntity;
import dev.stratus.identity.persistence.ApplicationCredentialEntity;
import dev.stratus.identity.persistence.RoleEntity;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Keystone's application credential body; the secret is added by the create answer alone. */
final class ApplicationCredentialView {

    /** Keystone writes expires_at as given: microseconds and no zone (UTC). */
    private static final DateTimeFormatter EXPIRES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private ApplicationCredentialView() {
    }

    static Map<String, Object> render(ApplicationCredentialEntity c, Map<String, RoleEntity> rolesById,
            List<AccessRuleEntity> rules, String base) {
        return render(c, c.roles().stream().map(rolesById::get).filter(Objects::nonNull).toList(), rules, base);
    }

    static Map<String, Object> render(ApplicationCredentialEntity c, List<RoleEntity> roles,
            List<AccessRuleEntity> rules, String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id);
        m.put("name", c.name);
        m.put("description", c.description);
        m.put("expires_at", c.expiresAt == null ? null : EXPIRES.format(c.expiresAt));
        m.put("project_id", c.projectId);
        m.put("roles", roles.stream().map(r -> {
            Map<String, Object> role = new LinkedHashMap<>();
            role.put("id", r.id);
            role.put("name", r.name);
            role.put("domain_id", r.domainId);
            return role;
        }).toList());
        m.put("unrestricted", c.unrestricted);
        m.put("access_rules", rules.stream().map(AccessRuleView::inCredential).toList());
        m.put("links", Views.links(base + "/v3/users/" + c.userId + "/application_credentials/" + c.id));
        return m;
    }
}
