package dev.stratus.identity.rest;

import dev.stratus.identity.persistence.RoleEntity;
import dev.stratus.identity.persistence.TrustEntity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keystone's JSON shape of a trust: with its roles when shown or created, without them in lists. */
final class TrustView {

    private TrustView() {
    }

    static String self(TrustEntity t, String base) {
        return base + "/v3/OS-TRUST/trusts/" + t.id;
    }

    static Map<String, Object> summary(TrustEntity t, String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id);
        m.put("trustor_user_id", t.trustorUserId);
        m.put("trustee_user_id", t.trusteeUserId);
        m.put("project_id", t.projectId);
        m.put("impersonation", t.impersonation);
        m.put("expires_at", t.expiresAt == null ? null : TokenView.time(t.expiresAt));
        m.put("remaining_uses", t.remainingUses);
        m.put("redelegation_count", t.redelegationCount);
        m.put("redelegated_trust_id", t.redelegatedTrustId);
        m.put("links", Views.links(self(t, base)));
        return m;
    }

    static Map<String, Object> full(TrustEntity t, List<RoleEntity> roles, String base) {
        Map<String, Object> m = summary(t, base);
        m.put("roles", roles(roles, base));
        m.put("roles_links", rolesLinks(t, base));
        return m;
    }

    static List<Map<String, Object>> roles(List<RoleEntity> roles, String base) {
        return roles.stream().map(r -> Views.role(r, base)).toList();
    }

    static Map<String, Object> rolesLinks(TrustEntity t, String base) {
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("self", self(t, base) + "/roles");
        links.put("previous", null);
        links.put("next", null);
        return links;
    }
}
