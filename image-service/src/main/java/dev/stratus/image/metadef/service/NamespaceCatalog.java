package dev.stratus.image.metadef.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.image.metadef.persistence.AssociationRepository;
import dev.stratus.image.metadef.persistence.AssociationRow;
import dev.stratus.image.metadef.persistence.NamespaceRepository;
import dev.stratus.image.metadef.persistence.NamespaceRow;
import dev.stratus.image.metadef.persistence.ObjectRepository;
import dev.stratus.image.metadef.persistence.PropertyRepository;
import dev.stratus.image.metadef.persistence.TagRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads namespaces: the list a caller may see (filtered, sorted, paged) and one namespace with its content. */
@ApplicationScoped
public class NamespaceCatalog {

    private final NamespaceRepository namespaces;
    private final AssociationRepository associations;
    private final ObjectRepository objects;
    private final PropertyRepository properties;
    private final TagRepository tags;
    private final NamespaceLookup lookup;

    public NamespaceCatalog(NamespaceRepository namespaces, AssociationRepository associations,
            ObjectRepository objects, PropertyRepository properties, TagRepository tags, NamespaceLookup lookup) {
        this.namespaces = namespaces;
        this.associations = associations;
        this.objects = objects;
        this.properties = properties;
        this.tags = tags;
        this.lookup = lookup;
    }

    /** Admins see every namespace; others public ones and those of their project (with a reader role). */
    public NamespaceListing list(AuthContext caller, NamespaceListQuery query) {
        MetadefPolicy.requireReader(caller, "get_metadef_namespaces");
        MetadefPolicy.requireReader(caller, "list_metadef_resource_types");
        if (query.marker() != null) {
            NamespaceRow marker = namespaces.find(query.marker())
                    .orElseThrow(() -> MetadefErrors.noSuchNamespace(query.marker()));
            if (!MetadefPolicy.canRead(caller, marker)) {
                throw MetadefErrors.hiddenMarker(query.marker());
            }
        }
        boolean admin = MetadefPolicy.isAdmin(caller);
        List<NamespaceRow> matching = namespaces.list(admin, caller.projectId(), query.visibility(),
                query.resourceTypes(), query.sortKey(), query.ascending()).stream()
                .filter(ns -> MetadefPolicy.canRead(caller, ns)).toList();
        if (query.marker() != null) {
            matching = after(query.marker(), matching, namespaces.list(admin, caller.projectId(), null, null,
                    query.sortKey(), query.ascending()));
        }
        List<NamespaceRow> page = matching.subList(0, Math.min(matching.size(), query.limit()));
        Map<Long, List<AssociationRow>> byNamespace = new LinkedHashMap<>();
        associations.listOf(page.stream().map(NamespaceRow::id).toList())
                .forEach(a -> byNamespace.computeIfAbsent(a.namespaceId(), k -> new ArrayList<>()).add(a));
        String next = !page.isEmpty() && page.size() == query.limit() ? page.get(page.size() - 1).namespace() : null;
        return new NamespaceListing(List.copyOf(page), byNamespace, next);
    }

    /**
     * The namespaces of {@code matching} that sort after the marker, found by its place among all namespaces in
     * the same order (the marker itself need not match the filters).
     */
    private static List<NamespaceRow> after(String marker, List<NamespaceRow> matching, List<NamespaceRow> all) {
        Set<String> following = new HashSet<>();
        boolean seen = false;
        for (NamespaceRow ns : all) {
            if (seen) {
                following.add(ns.namespace());
            }
            seen = seen || ns.namespace().equals(marker);
        }
        return matching.stream().filter(ns -> following.contains(ns.namespace())).toList();
    }

    /** The namespace with its associations, objects, properties and tags; a 404 unless the caller may read it. */
    public NamespaceDetails show(AuthContext caller, String name) {
        return details(lookup.readable(caller, name, NamespaceLookup.Wording.SHOW));
    }

    public NamespaceDetails details(NamespaceRow namespace) {
        long id = namespace.id();
        return new NamespaceDetails(namespace, associations.list(id), objects.list(id), properties.list(id),
                tags.list(id, "created_at", false));
    }
}
