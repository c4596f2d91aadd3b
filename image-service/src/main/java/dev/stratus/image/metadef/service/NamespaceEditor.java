package dev.stratus.image.metadef.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.persistence.PersistenceFailure;
import dev.stratus.image.metadef.persistence.AssociationRepository;
import dev.stratus.image.metadef.persistence.NamespaceFields;
import dev.stratus.image.metadef.persistence.NamespaceRepository;
import dev.stratus.image.metadef.persistence.NamespaceRow;
import dev.stratus.image.metadef.persistence.ObjectFields;
import dev.stratus.image.metadef.persistence.ObjectRepository;
import dev.stratus.image.metadef.persistence.PropertyRepository;
import dev.stratus.image.metadef.persistence.ResourceTypeRepository;
import dev.stratus.image.metadef.persistence.TagRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes namespaces (admins only, by default): create one with its content in one transaction, update its
 * attributes, delete it or all its objects, properties or tags. Protected namespaces cannot be deleted or
 * emptied.
 */
@ApplicationScoped
public class NamespaceEditor {

    private final NamespaceRepository namespaces;
    private final AssociationRepository associations;
    private final ResourceTypeRepository resourceTypes;
    private final ObjectRepository objects;
    private final PropertyRepository properties;
    private final TagRepository tags;
    private final NamespaceLookup lookup;
    private final NamespaceCatalog catalog;

    public NamespaceEditor(NamespaceRepository namespaces, AssociationRepository associations,
            ResourceTypeRepository resourceTypes, ObjectRepository objects, PropertyRepository properties,
            TagRepository tags, NamespaceLookup lookup, NamespaceCatalog catalog) {
        this.namespaces = namespaces;
        this.associations = associations;
        this.resourceTypes = resourceTypes;
        this.objects = objects;
        this.properties = properties;
        this.tags = tags;
        this.lookup = lookup;
        this.catalog = catalog;
    }

    /** A new namespace, then its associations, objects, tags and properties; any conflict undoes it all. */
    @Transactional
    public NamespaceDetails create(AuthContext caller, JsonNode body) {
        NamespaceInput input = NamespaceInput.of(body, caller);
        MetadefPolicy.requireAdmin(caller, "add_metadef_namespace");
        if (!input.associations().isEmpty()) {
            MetadefPolicy.requireAdmin(caller, "add_metadef_resource_type_association");
        }
        if (!input.objects().isEmpty()) {
            MetadefPolicy.requireAdmin(caller, "add_metadef_object");
        }
        if (input.properties() != null && !input.properties().isEmpty()) {
            MetadefPolicy.requireAdmin(caller, "add_metadef_property");
        }
        if (!input.tags().isEmpty()) {
            MetadefPolicy.requireAdmin(caller, "add_metadef_tag");
        }
        String name = input.fields().namespace();
        NamespaceRow namespace = namespaces.insert(input.fields())
                .orElseThrow(() -> MetadefErrors.duplicateNamespace(name));
        for (AssociationInput a : input.associations()) {
            associations.insert(namespace.id(), resourceTypes.findOrCreate(a.name()), a.prefix(), a.propertiesTarget())
                    .orElseThrow(() -> MetadefErrors.duplicateAssociation(a.name(), name));
        }
        for (ObjectFields o : input.objects()) {
            objects.insert(namespace.id(), o).orElseThrow(() -> MetadefErrors.duplicateObject(o.name(), name));
        }
        for (String tag : input.tags()) {
            tags.insert(namespace.id(), tag).orElseThrow(() -> MetadefErrors.duplicateTag(tag, name));
        }
        if (input.properties() != null) {
            Iterator<Map.Entry<String, JsonNode>> defined = input.properties().fields();
            while (defined.hasNext()) {
                Map.Entry<String, JsonNode> p = defined.next();
                properties.insert(namespace.id(), p.getKey(), PropertyDefinition.of(p.getValue()))
                        .orElseThrow(() -> MetadefErrors.duplicateProperty(p.getKey(), name));
            }
        }
        return catalog.details(namespace);
    }

    /**
     * Rewrites the namespace's attributes from the body; as in Glance, what the body leaves out goes back to its
     * default (private, not protected, owned by the caller's project) and a new {@code namespace} renames it.
     */
    @Transactional
    public NamespaceRow update(AuthContext caller, String name, JsonNode body) {
        NamespaceRow current = lookup.lockReadable(caller, name, NamespaceLookup.Wording.NAMESPACE_NOT_FOUND);
        MetadefPolicy.requireAdmin(caller, "modify_metadef_namespace");
        NamespaceFields fields = NamespaceInput.of(body, caller).fields();
        if (!fields.namespace().equals(current.namespace()) && namespaces.find(fields.namespace()).isPresent()) {
            throw MetadefErrors.namespaceRenameConflict(fields.namespace());
        }
        try {
            return namespaces.update(current.id(), fields);
        } catch (PersistenceFailure e) {
            if (e.isUniqueViolation()) {
                throw MetadefErrors.namespaceRenameConflict(fields.namespace());
            }
            throw e;
        }
    }

    /** Deletes the namespace and everything in it. */
    @Transactional
    public void delete(AuthContext caller, String name) {
        NamespaceRow namespace = deletable(caller, name);
        namespaces.delete(namespace.id());
    }

    @Transactional
    public void deleteObjects(AuthContext caller, String name) {
        objects.deleteAll(deletable(caller, name).id());
    }

    @Transactional
    public void deleteProperties(AuthContext caller, String name) {
        properties.deleteAll(deletable(caller, name).id());
    }

    @Transactional
    public void deleteTags(AuthContext caller, String name) {
        NamespaceRow namespace = lookup.lockReadable(caller, name, NamespaceLookup.Wording.NAMESPACE_NOT_FOUND);
        MetadefPolicy.requireAdmin(caller, "delete_metadef_namespace");
        MetadefPolicy.requireAdmin(caller, "delete_metadef_tags");
        requireUnprotected(namespace);
        tags.deleteAll(namespace.id());
    }

    /** Deleting a namespace's content takes the right to delete the namespace, as in Glance. */
    private NamespaceRow deletable(AuthContext caller, String name) {
        NamespaceRow namespace = lookup.lockReadable(caller, name, NamespaceLookup.Wording.NAMESPACE_NOT_FOUND);
        MetadefPolicy.requireAdmin(caller, "delete_metadef_namespace");
        requireUnprotected(namespace);
        return namespace;
    }

    private static void requireUnprotected(NamespaceRow namespace) {
        if (namespace.isProtected()) {
            throw MetadefErrors.protectedNamespace(namespace.namespace());
        }
    }
}
