package dev.stratus.identity.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.fault.ApiException;
import dev.stratus.identity.persistence.DomainEntity;
import dev.stratus.identity.service.Domains;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The projects API's side of domains: Keystone's projects acting as domains ({@code is_domain: true}). Stratus keeps
 * domains in their own table, so these requests read and change the domains (through {@link Domains}, as the
 * domains API does) and answer in the project format. Domains keep no tags: a non-empty {@code tags} is a 400.
 */
@ApplicationScoped
public class DomainsAsProjects {

    private final Domains domains;

    public DomainsAsProjects(Domains domains) {
        this.domains = domains;
    }

    /**
     * {@code GET /v3/projects?is_domain=true}: the domains, as projects, that the other filters let through (a
     * domain has no domain, no parent and no tags, so filtering by those leaves none).
     */
    Uni<List<Map<String, Object>>> list(String name, Boolean enabled, boolean byDomainParentOrTags, String base) {
        if (byDomainParentOrTags) {
            return Uni.createFrom().item(List.of());
        }
        return DomainEntity.<DomainEntity>listAll().map(all -> all.stream()
                .filter(d -> name == null || d.name.equals(name))
                .filter(d -> enabled == null || d.enabled == enabled)
                .sorted(Comparator.comparing(d -> d.name))
                .map(d -> Views.domainAsProject(d, base)).toList());
    }

    /** {@code POST /v3/projects} with {@code is_domain: true}: a new domain (Keystone: a root project only). */
    Uni<Map<String, Object>> create(JsonNode p, String base) {
        if (Bodies.text(p, "parent_id") != null || Bodies.text(p, "domain_id") != null) {
            throw ApiException.badRequest("only root projects are allowed to act as domains.");
        }
        refuseTags(p);
        return domains.create(Bodies.requiredName(p, 64), Bodies.text(p, "description"),
                        !Boolean.FALSE.equals(Bodies.bool(p, "enabled")))
                .map(d -> Views.domainAsProject(d, base));
    }

    /** {@code PATCH /v3/projects/{domain id}}: Keystone's rules for a project acting as a domain. */
    Uni<Map<String, Object>> update(DomainEntity domain, JsonNode p, String base) {
        if (Bodies.has(p, "domain_id") && Bodies.text(p, "domain_id") != null) {
            throw ApiException.badRequest("Cannot change Domain ID");
        }
        if (Bodies.has(p, "parent_id") && Bodies.text(p, "parent_id") != null) {
            throw ApiException.forbidden("Update of `parent_id` is not allowed.");
        }
        if (Boolean.FALSE.equals(Bodies.bool(p, "is_domain"))) {
            throw ApiException.badRequest("Update of `is_domain` is not allowed.");
        }
        refuseTags(p);
        Domains.Change change = new Domains.Change(Bodies.has(p, "name") ? Bodies.requiredName(p, 64) : null,
                Bodies.has(p, "description"), Bodies.text(p, "description"), Bodies.bool(p, "enabled"));
        return domains.update(domain, change).map(d -> Views.domainAsProject(d, base));
    }

    /** {@code DELETE /v3/projects/{domain id}}: as {@code DELETE /v3/domains/{id}} (403 while enabled). */
    Uni<Void> delete(DomainEntity domain) {
        return domains.delete(domain);
    }

    private static void refuseTags(JsonNode p) {
        if (!JsonColumns.tags(JsonColumns.tagsFrom(p.get("tags"))).isEmpty()) {
            throw ApiException.badRequest("Invalid input for field 'tags': Stratus keeps no tags on a project"
                    + " acting as a domain.");
        }
    }
}
