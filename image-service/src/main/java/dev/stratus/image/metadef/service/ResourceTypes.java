package dev.stratus.image.metadef.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.image.metadef.persistence.AssociationRepository;
import dev.stratus.image.metadef.persistence.AssociationRow;
import dev.stratus.image.metadef.persistence.NamespaceRow;
import dev.stratus.image.metadef.persistence.ResourceTypeRepository;
import dev.stratus.image.metadef.persistence.ResourceTypeRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Resource types and namespaces' associations with them. Associating a namespace with a type that does not
 * exist yet creates the type, as Glance does.
 */
@ApplicationScoped
public class ResourceTypes {

    private static final NamespaceLookup.Wording WORDING = NamespaceLookup.Wording.NAMESPACE_NOT_FOUND;

    private final ResourceTypeRepository types;
    private final AssociationRepository associations;
    private final NamespaceLookup lookup;

    public ResourceTypes(ResourceTypeRepository types, AssociationRepository associations, NamespaceLookup lookup) {
        this.types = types;
        this.associations = associations;
        this.lookup = lookup;
    }

    public List<ResourceTypeRow> list(AuthContext caller) {
        MetadefPolicy.requireReader(caller, "list_metadef_resource_types");
        return types.list();
    }

    public List<AssociationRow> associations(AuthContext caller, String namespace) {
        return associations.list(lookup.readable(caller, namespace, WORDING).id());
    }

    @Transactional
    public AssociationRow associate(AuthContext caller, String namespace, AssociationInput input) {
        NamespaceRow ns = lookup.lockReadable(caller, namespace, WORDING);
        MetadefPolicy.requireAdmin(caller, "add_metadef_resource_type_association");
        ResourceTypeRow type = types.findOrCreate(input.name());
        return associations.insert(ns.id(), type, input.prefix(), input.propertiesTarget())
                .orElseThrow(() -> MetadefErrors.duplicateAssociation(input.name(), ns.namespace()));
    }

    /** Not from a protected namespace. */
    @Transactional
    public void dissociate(AuthContext caller, String namespace, String resourceType) {
        NamespaceRow ns = lookup.lockReadable(caller, namespace, WORDING);
        MetadefPolicy.requireAdmin(caller, "remove_metadef_resource_type_association");
        AssociationRow association = associations.find(ns.id(), resourceType)
                .orElseThrow(() -> MetadefErrors.associationToDeleteNotFound(resourceType));
        if (ns.isProtected()) {
            throw MetadefErrors.protectedAssociation(resourceType);
        }
        associations.delete(ns.id(), association.resourceTypeId());
    }
}
