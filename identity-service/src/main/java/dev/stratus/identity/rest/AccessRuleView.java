package dev.stratus.identity.rest;

import dev.stratus.identity.persistence.AccessRuleEntity;
import java.util.LinkedHashMap;
import java.util.Map;

/** Keystone's access rule body: inside a credential, and on its own with its link. */
final class AccessRuleView {

    private AccessRuleView() {
    }

    static Map<String, Object> inCredential(AccessRuleEntity rule) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", rule.id);
        m.put("service", rule.service);
        m.put("path", rule.path);
        m.put("method", rule.method);
        return m;
    }

    static Map<String, Object> render(AccessRuleEntity rule, String base) {
        Map<String, Object> m = inCredential(rule);
        m.put("links", Views.links(base + "/v3/users/" + rule.userId + "/access_rules/" + rule.id));
        return m;
    }
}
