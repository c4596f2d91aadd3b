package dev.stratus.identity.rest;

import dev.stratus.identity.persistence.DomainEntity;
import dev.stratus.identity.persistence.EndpointEntity;
import dev.stratus.identity.persistence.EndpointGroupEntity;
import dev.stratus.identity.persistence.GroupEntity;
import dev.stratus.identity.persistence.ProjectEntity;
import dev.stratus.identity.persistence.RegionEntity;
import dev.stratus.identity.persistence.RoleEntity;
import dev.stratus.identity.persistence.ServiceEntity;
import dev.stratus.identity.persistence.UserEntity;
import dev.stratus.identity.service.EndpointFilters;
import dev.stratus.identity.service.UserOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keystone's JSON shape of each identity resource, in one place. */
final class Views {

    /** Keystone's format of {@code password_expires_at}: microseconds, UTC, no zone suffix. */
    private static final java.time.format.DateTimeFormatter PASSWORD_EXPIRY = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS").withZone(java.time.ZoneOffset.UTC);

    private Views() {
    }

    /** Keystone's {@code password_expires_at} of users and of tokens' users. */
    static String passwordExpiry(java.time.Instant expiresAt) {
        return expiresAt == null ? null : PASSWORD_EXPIRY.format(expiresAt);
    }

    static Map<String, Object> links(String self) {
        return Map.of("self", self);
    }

    static Map<String, Object> collection(String key, List<Map<String, Object>> items, String self) {
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("self", self);
        links.put("previous", null);
        links.put("next", null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(key, items);
        body.put("links", links);
        return body;
    }

    static Map<String, Object> domain(DomainEntity d, String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id);
        m.put("name", d.name);
        m.put("description", d.description == null ? "" : d.description);
        m.put("enabled", d.enabled);
        m.put("tags", List.of());
        m.put("options", Map.of());
        m.put("links", links(base + "/v3/domains/" + d.id));
        return m;
    }

    static Map<String, Object> project(ProjectEntity p, String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id);
        m.put("name", p.name);
        m.put("domain_id", p.domainId);
        m.put("description", p.description == null ? "" : p.description);
        m.put("enabled", p.enabled);
        m.put("parent_id", p.parentId != null ? p.parentId : p.domainId);
        m.put("is_domain", false);
        m.put("tags", JsonColumns.tags(p.tags));
        m.put("options", Map.of());
        m.put("links", links(base + "/v3/projects/" + p.id));
        return m;
    }

    /**
     * A domain through the projects API, as Keystone's project acting as a domain: no domain and no parent of its
     * own, {@code is_domain} true. Domains keep no tags here.
     */
    static Map<String, Object> domainAsProject(DomainEntity d, String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id);
        m.put("name", d.name);
        m.put("domain_id", null);
        m.put("description", d.description == null ? "" : d.description);
        m.put("enabled", d.enabled);
        m.put("parent_id", null);
        m.put("is_domain", true);
        m.put("tags", List.of());
        m.put("options", Map.of());
        m.put("links", links(base + "/v3/projects/" + d.id));
        return m;
    }

    static Map<String, Object> user(UserEntity u, String base) {
        Map<String, Object> m = new LinkedHashMap<>(JsonColumns.extra(u.extra));
        m.put("id", u.id);
        m.put("name", u.name);
        m.put("domain_id", u.domainId);
        m.put("enabled", u.enabled);
        if (u.defaultProjectId != null) {
            m.put("default_project_id", u.defaultProjectId);
        }
        if (u.email != null) {
            m.put("email", u.email);
        }
        if (u.description != null) {
            m.put("description", u.description);
        }
        m.put("password_expires_at", passwordExpiry(u.passwordExpiresAt));
        m.put("options", UserOptions.of(u).asMap());
        m.put("links", links(base + "/v3/users/" + u.id));
        return m;
    }

    static Map<String, Object> group(GroupEntity g, String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", g.id);
        m.put("name", g.name);
        m.put("domain_id", g.domainId);
        m.put("description", g.description == null ? "" : g.description);
        m.put("links", links(base + "/v3/groups/" + g.id));
        return m;
    }

    static Map<String, Object> role(RoleEntity r, String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id);
        m.put("name", r.name);
        m.put("domain_id", r.domainId);
        m.put("description", r.description);
        m.put("options", Map.of());
        m.put("links", links(base + "/v3/roles/" + r.id));
        return m;
    }

    static Map<String, Object> service(ServiceEntity s, String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id);
        m.put("type", s.type);
        m.put("name", s.name);
        if (s.description != null) {
            m.put("description", s.description);
        }
        m.put("enabled", s.enabled);
        m.put("links", links(base + "/v3/services/" + s.id));
        return m;
    }

    static Map<String, Object> endpoint(EndpointEntity e, String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id);
        m.put("interface", e.iface);
        m.put("region", e.regionId);
        m.put("region_id", e.regionId);
        m.put("service_id", e.serviceId);
        m.put("url", e.url);
        m.put("enabled", e.enabled);
        m.put("links", links(base + "/v3/endpoints/" + e.id));
        return m;
    }

    static Map<String, Object> region(RegionEntity r, String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id);
        m.put("description", r.description == null ? "" : r.description);
        m.put("parent_region_id", r.parentRegionId);
        m.put("links", links(base + "/v3/regions/" + r.id));
        return m;
    }

    static Map<String, Object> endpointGroup(EndpointGroupEntity g, String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", g.id);
        m.put("name", g.name);
        m.put("description", g.description);
        m.put("filters", EndpointFilters.fromJson(g.filters).values());
        m.put("links", links(base + "/v3/OS-EP-FILTER/endpoint_groups/" + g.id));
        return m;
    }
}
