package dev.stratus.identity.service;

import dev.stratus.common.auth.AccessRule;
import dev.stratus.common.fault.ApiException;
import dev.stratus.identity.persistence.AccessRuleEntity;
import dev.stratus.identity.persistence.ApplicationCredentialEntity;
import dev.stratus.identity.persistence.CredentialAccessRuleEntity;
import dev.stratus.identity.persistence.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's access rules, as Keystone keeps them: a credential names each rule by id (one the user has) or by
 * service, path and method, and a rule the user already has with those three is reused rather than repeated. A
 * rule lives on after its credentials are gone, until the user deletes it; it cannot be deleted while a credential
 * allows it.
 */
@ApplicationScoped
public class AccessRules {

    /** A rule as a credential's body names it: by {@code id} alone, or by the other three. */
    public record Requested(String id, String service, String path, String method) {
    }

    /** The user's rules for {@code requested}, created where needed; must run inside a transaction. */
    public Uni<List<AccessRuleEntity>> resolve(String userId, List<Requested> requested) {
        Uni<List<AccessRuleEntity>> rules = Uni.createFrom().item(new ArrayList<>());
        for (Requested r : requested) {
            rules = rules.call(list -> one(userId, r).invoke(rule -> {
                if (list.stream().noneMatch(known -> known.id.equals(rule.id))) {
                    list.add(rule);
                }
            }));
        }
        return rules;
    }

    private Uni<AccessRuleEntity> one(String userId, Requested r) {
        if (r.service() == null) {
            return find(userId, r.id());
        }
        return AccessRuleEntity.<AccessRuleEntity>find("userId = ?1 and service = ?2 and path = ?3 and method = ?4",
                userId, r.service(), r.path(), r.method()).firstResult().chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().item(existing);
                    }
                    AccessRuleEntity rule = new AccessRuleEntity();
                    rule.id = r.id() != null ? r.id() : Ids.newId();
                    rule.userId = userId;
                    rule.service = r.service();
                    rule.path = r.path();
                    rule.method = r.method();
                    return rule.<AccessRuleEntity>persist();
                });
    }

    /** Records that {@code credential} allows {@code rules}, in their order. */
    public Uni<Void> link(ApplicationCredentialEntity credential, List<AccessRuleEntity> rules) {
        List<CredentialAccessRuleEntity> links = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            links.add(CredentialAccessRuleEntity.of(credential.id, rules.get(i).id, i));
        }
        return links.isEmpty() ? Uni.createFrom().voidItem() : CredentialAccessRuleEntity.persist(links);
    }

    /** Each credential's rules, in the order it named them (credentials without any are absent). */
    public Uni<Map<String, List<AccessRuleEntity>>> ofCredentials(List<String> credentialIds) {
        return CredentialAccessRuleEntity.ofCredentials(credentialIds).chain(links -> {
            if (links.isEmpty()) {
                return Uni.createFrom().item(Map.<String, List<AccessRuleEntity>>of());
            }
            List<String> ruleIds = links.stream().map(l -> l.accessRuleId).distinct().toList();
            return AccessRuleEntity.<AccessRuleEntity>list("id in ?1", ruleIds).map(rules -> {
                Map<String, AccessRuleEntity> byId = new HashMap<>();
                rules.forEach(rule -> byId.put(rule.id, rule));
                Map<String, List<AccessRuleEntity>> out = new LinkedHashMap<>();
                for (CredentialAccessRuleEntity link : links) {
                    out.computeIfAbsent(link.credentialId, k -> new ArrayList<>()).add(byId.get(link.accessRuleId));
                }
                return out;
            });
        });
    }

    /** What a token of the credential carries: its rules as every service checks them. */
    public Uni<List<AccessRule>> ofCredential(String credentialId) {
        return ofCredentials(List.of(credentialId)).map(m -> m.getOrDefault(credentialId, List.of()).stream()
                .map(r -> new AccessRule(r.service, r.path, r.method)).toList());
    }

    public Uni<List<AccessRuleEntity>> ofUser(String userId, String service, String path, String method) {
        StringBuilder query = new StringBuilder("userId = :user");
        Map<String, Object> params = new HashMap<>();
        params.put("user", userId);
        if (service != null) {
            query.append(" and service = :service");
            params.put("service", service);
        }
        if (path != null) {
            query.append(" and path = :path");
            params.put("path", path);
        }
        if (method != null) {
            query.append(" and method = :method");
            params.put("method", method);
        }
        return AccessRuleEntity.list(query + " order by id", params);
    }

    public Uni<AccessRuleEntity> find(String userId, String id) {
        return AccessRuleEntity.<AccessRuleEntity>find("id = ?1 and userId = ?2", id, userId).firstResult()
                .onItem().ifNull().failWith(() -> ApiException.notFound("Could not find access rule: " + id + "."));
    }

    /** Deletes a rule no credential allows any more; must run inside a transaction. */
    public Uni<Void> delete(String userId, String id) {
        return find(userId, id).chain(rule -> CredentialAccessRuleEntity.count("accessRuleId", rule.id)
                .chain(uses -> {
                    if (uses > 0) {
                        return Uni.createFrom().failure(ApiException.forbidden("You are not authorized to perform"
                                + " the requested action: Cannot delete access rule " + id
                                + " while an application credential uses it."));
                    }
                    return AccessRuleEntity.delete("id", rule.id).replaceWithVoid();
                }));
    }
}
