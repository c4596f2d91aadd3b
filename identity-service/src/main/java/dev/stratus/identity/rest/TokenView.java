package dev.stratus.identity.rest;

import dev.stratus.identity.service.TokenData;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keystone's token body: {@code {"token": {...}}}. */
final class TokenView {

    /** Keystone's timestamp format, microseconds and a Z. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private TokenView() {
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    static Map<String, Object> render(TokenData t, List<Map<String, Object>> catalog) {
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("methods", t.methods());
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", t.user().id());
        user.put("name", t.user().name());
        user.put("domain", ref(t.userDomain()));
        user.put("password_expires_at", Views.passwordExpiry(t.passwordExpiresAt()));
        token.put("user", user);
        token.put("audit_ids", t.auditIds());
        token.put("expires_at", time(t.expiresAt()));
        token.put("issued_at", time(t.issuedAt()));
        if (t.project() != null) {
            Map<String, Object> project = ref(t.project());
            project.put("domain", ref(t.projectDomain()));
            token.put("project", project);
            token.put("is_domain", false);
        }
        if (t.trust() != null) {
            Map<String, Object> trust = new LinkedHashMap<>();
            trust.put("id", t.trust().id());
            trust.put("trustor_user", Map.of("id", t.trust().trustorUserId()));
            trust.put("trustee_user", Map.of("id", t.trust().trusteeUserId()));
            trust.put("impersonation", t.trust().impersonation());
            token.put("OS-TRUST:trust", trust);
        }
        if (t.domainScope() != null) {
            token.put("domain", ref(t.domainScope()));
        }
        if (t.applicationCredential() != null) {
            Map<String, Object> credential = new LinkedHashMap<>();
            credential.put("id", t.applicationCredential().id());
            credential.put("name", t.applicationCredential().name());
            credential.put("restricted", t.applicationCredential().restricted());
            if (!t.applicationCredential().accessRules().isEmpty()) {
                credential.put("access_rules", t.applicationCredential().accessRules().stream()
                        .map(r -> Map.of("service", r.service(), "path", r.path(), "method", r.method())).toList());
            }
            token.put("application_credential", credential);
        }
        if (t.isScoped()) {
            token.put("roles", t.roles().stream().map(TokenView::ref).toList());
            if (catalog != null) {
                token.put("catalog", catalog);
            }
        }
        return Map.of("token", token);
    }

    private static Map<String, Object> ref(TokenData.Ref ref) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", ref.id());
        m.put("name", ref.name());
        return m;
    }
}
