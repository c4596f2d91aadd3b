package dev.stratus.image.metadef.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.persistence.PersistenceFailure;
import dev.stratus.image.metadef.persistence.AssociationRepository;
import dev.stratus.image.metadef.persistence.AssociationRow;
import dev.stratus.image.metadef.persistence.NamespaceRow;
import dev.stratus.image.metadef.persistence.PropertyRepository;
import dev.stratus.image.metadef.persistence.PropertyRow;
import dev.stratus.image.metadef.persistence.ResourceTypeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * The property definitions of a namespace: read by whoever may read the namespace (a show may name the property
 * with the prefix of one of the namespace's resource type associations), written by admins.
 */
@ApplicationScoped
public class PropertyDefinitions {

    private static final NamespaceLookup.Wording WORDING = NamespaceLookup.Wording.NAMESPACE_NOT_FOUND;

    private final PropertyRepository properties;
    private final AssociationRepository associations;
    private final ResourceTypeRepository resourceTypes;
    private final NamespaceLookup lookup;

    public PropertyDefinitions(PropertyRepository properties, AssociationRepository associations,
            ResourceTypeRepository resourceTypes, NamespaceLookup lookup) {
        this.properties = properties;
        this.associations = associations;
        this.resourceTypes = resourceTypes;
        this.lookup = lookup;
    }

    public List<PropertyRow> list(AuthContext caller, String namespace) {
        return properties.list(lookup.readable(caller, namespace, WORDING).id());
    }

    /**
     * One property. With {@code resourceType}, {@code name} carries the prefix of the namespace's association
     * with that type (e.g. {@code hw_cpu_cores} for {@code cpu_cores}), which is stripped before the look-up.
     */
    public PropertyRow show(AuthContext caller, String namespace, String name, String resourceType) {
        NamespaceRow ns = lookup.readable(caller, namespace, WORDING);
        String stored = name;
        if (resourceType != null && !resourceType.isEmpty()) {
            resourceTypes.find(resourceType).orElseThrow(() -> MetadefErrors.resourceTypeNotFound(resourceType));
            AssociationRow association = associations.find(ns.id(), resourceType)
                    .orElseThrow(() -> MetadefErrors.associationNotFound(resourceType, namespace));
            String prefix = association.prefix();
            if (prefix == null || prefix.isEmpty() || !name.startsWith(prefix)) {
                throw MetadefErrors.prefixMismatch(name, prefix == null ? "None" : prefix);
            }
            stored = name.substring(prefix.length());
        }
        String lookedUp = stored;
        return properties.find(ns.id(), stored).orElseThrow(() -> MetadefErrors.propertyNotFound(lookedUp));
    }

    @Transactional
    public PropertyRow create(AuthContext caller, String namespace, JsonNode body) {
        NamespaceRow ns = lookup.lockReadable(caller, namespace, WORDING);
        MetadefPolicy.requireAdmin(caller, "add_metadef_property");
        String name = body.get("name").asText();
        return properties.insert(ns.id(), name, PropertyDefinition.of(body))
                .orElseThrow(() -> MetadefErrors.duplicateProperty(name, ns.namespace()));
    }

    /** Redefines the property from the body, renaming it when the body's name differs. */
    @Transactional
    public PropertyRow update(AuthContext caller, String namespace, String name, JsonNode body) {
        NamespaceRow ns = lookup.lockReadable(caller, namespace, WORDING);
        MetadefPolicy.requireAdmin(caller, "modify_metadef_property");
        PropertyRow current = properties.find(ns.id(), name).orElseThrow(() -> MetadefErrors.propertyNotFound(name));
        String newName = body.get("name").asText();
        if (!newName.equals(current.name()) && properties.find(ns.id(), newName).isPresent()) {
            throw MetadefErrors.propertyRenameConflict(newName, ns.namespace());
        }
        try {
            return properties.update(current.id(), newName, PropertyDefinition.of(body));
        } catch (PersistenceFailure e) {
            if (e.isUniqueViolation()) {
                throw MetadefErrors.propertyRenameConflict(newName, ns.namespace());
            }
            throw e;
        }
    }

    /** Not in a protected namespace. */
    @Transactional
    public void delete(AuthContext caller, String namespace, String name) {
        NamespaceRow ns = lookup.lockReadable(caller, namespace, WORDING);
        MetadefPolicy.requireAdmin(caller, "remove_metadef_property");
        PropertyRow current = properties.find(ns.id(), name).orElseThrow(() -> MetadefErrors.propertyNotFound(name));
        if (ns.isProtected()) {
            throw MetadefErrors.protectedProperty(name);
        }
        properties.delete(current.id());
    }
}
