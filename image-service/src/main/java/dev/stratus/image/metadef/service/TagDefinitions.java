package dev.stratus.image.metadef.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.persistence.PersistenceFailure;
import dev.stratus.image.metadef.persistence.NamespaceRow;
import dev.stratus.image.metadef.persistence.TagRepository;
import dev.stratus.image.metadef.persistence.TagRow;
import dev.stratus.image.metadef.schema.MetadefBodies;
import dev.stratus.image.metadef.schema.MetadefSchemas;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/**
 * The tag definitions of a namespace: read by whoever may read the namespace, written by admins; created one by
 * one or as a list that replaces (or, with {@code X-Openstack-Append}, extends) the namespace's tags.
 */
@ApplicationScoped
public class TagDefinitions {

    private static final NamespaceLookup.Wording WORDING = NamespaceLookup.Wording.NAMESPACE_NOT_FOUND;

    private final TagRepository tags;
    private final NamespaceLookup lookup;

    public TagDefinitions(TagRepository tags, NamespaceLookup lookup) {
        this.tags = tags;
        this.lookup = lookup;
    }

    /** The tags after the marker, sorted as asked, at most {@code limit} of them. */
    public List<TagRow> list(AuthContext caller, String namespace, TagListQuery query) {
        NamespaceRow ns = lookup.readable(caller, namespace, WORDING);
        List<TagRow> sorted = tags.list(ns.id(), query.sortKey(), query.ascending());
        int start = 0;
        if (query.marker() != null) {
            TagRow marker = tags.find(ns.id(), query.marker())
                    .orElseThrow(() -> MetadefErrors.tagNotFound(query.marker()));
            start = sorted.indexOf(marker) + 1;
        }
        int end = query.limit() == null ? sorted.size() : Math.min(sorted.size(), start + query.limit());
        return sorted.subList(start, Math.max(start, end));
    }

    public TagRow show(AuthContext caller, String namespace, String name) {
        NamespaceRow ns = lookup.readable(caller, namespace, WORDING);
        return tags.find(ns.id(), name).orElseThrow(() -> MetadefErrors.tagNotFound(name));
    }

    /** {@code POST .../tags/{name}}: the name is checked against the tag schema after the namespace is found. */
    @Transactional
    public TagRow create(AuthContext caller, String namespace, String name) {
        NamespaceRow ns = lookup.lockReadable(caller, namespace, WORDING);
        MetadefBodies.validate(MetadefSchemas.tag(), JsonNodeFactory.instance.objectNode().put("name", name));
        MetadefPolicy.requireAdmin(caller, "add_metadef_tag");
        return tags.insert(ns.id(), name).orElseThrow(() -> MetadefErrors.duplicateTag(name, ns.namespace()));
    }

    /**
     * Creates the listed tags; unless {@code append}, the namespace's other tags go first. An empty list changes
     * nothing. A name that repeats (ignoring case) undoes the whole call.
     */
    @Transactional
    public List<TagRow> createAll(AuthContext caller, String namespace, List<String> names, boolean append) {
        NamespaceRow ns = lookup.lockReadable(caller, namespace, WORDING);
        MetadefPolicy.requireAdmin(caller, "add_metadef_tags");
        List<TagRow> created = new ArrayList<>();
        if (names.isEmpty()) {
            return created;
        }
        if (!append) {
            tags.deleteAll(ns.id());
        }
        for (String name : names) {
            created.add(tags.insert(ns.id(), name).orElseThrow(() -> MetadefErrors.duplicateTag(name, ns.namespace())));
        }
        return created;
    }

    @Transactional
    public TagRow rename(AuthContext caller, String namespace, String name, String newName) {
        NamespaceRow ns = lookup.lockReadable(caller, namespace, WORDING);
        MetadefPolicy.requireAdmin(caller, "modify_metadef_tag");
        TagRow current = tags.find(ns.id(), name).orElseThrow(() -> MetadefErrors.tagNotFound(name));
        if (tags.findIgnoringCase(ns.id(), newName).filter(other -> other.id() != current.id()).isPresent()) {
            throw MetadefErrors.duplicateTag(newName, ns.namespace());
        }
        try {
            return tags.rename(current.id(), newName);
        } catch (PersistenceFailure e) {
            if (e.isUniqueViolation()) {
                throw MetadefErrors.duplicateTag(newName, ns.namespace());
            }
            throw e;
        }
    }

    /** Not in a protected namespace. */
    @Transactional
    public void delete(AuthContext caller, String namespace, String name) {
        NamespaceRow ns = lookup.lockReadable(caller, namespace, WORDING);
        MetadefPolicy.requireAdmin(caller, "delete_metadef_tag");
        TagRow current = tags.find(ns.id(), name).orElseThrow(() -> MetadefErrors.tagNotFound(name));
        if (ns.isProtected()) {
            throw MetadefErrors.protectedTag(name);
        }
        tags.delete(current.id());
    }
}
