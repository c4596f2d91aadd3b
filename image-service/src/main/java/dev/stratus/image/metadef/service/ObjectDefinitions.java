package dev.stratus.image.metadef.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.persistence.PersistenceFailure;
import dev.stratus.image.metadef.persistence.NamespaceRow;
import dev.stratus.image.metadef.persistence.ObjectFields;
import dev.stratus.image.metadef.persistence.ObjectRepository;
import dev.stratus.image.metadef.persistence.ObjectRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** The objects of a namespace: read by whoever may read the namespace, written by admins. */
@ApplicationScoped
public class ObjectDefinitions {

    private static final NamespaceLookup.Wording WORDING = NamespaceLookup.Wording.OBJECTS;

    private final ObjectRepository objects;
    private final NamespaceLookup lookup;

    public ObjectDefinitions(ObjectRepository objects, NamespaceLookup lookup) {
        this.objects = objects;
        this.lookup = lookup;
    }

    public List<ObjectRow> list(AuthContext caller, String namespace) {
        return objects.list(lookup.readable(caller, namespace, WORDING).id());
    }

    public ObjectRow show(AuthContext caller, String namespace, String name) {
        NamespaceRow ns = lookup.readable(caller, namespace, WORDING);
        return objects.find(ns.id(), name).orElseThrow(() -> MetadefErrors.objectNotFound(name));
    }

    @Transactional
    public ObjectRow create(AuthContext caller, String namespace, JsonNode body) {
        NamespaceRow ns = lookup.lockReadable(caller, namespace, WORDING);
        MetadefPolicy.requireAdmin(caller, "add_metadef_object");
        ObjectFields fields = ObjectInput.fields(body);
        return objects.insert(ns.id(), fields)
                .orElseThrow(() -> MetadefErrors.duplicateObject(fields.name(), ns.namespace()));
    }

    /** Replaces the object's name, description, required list and properties with the body's. */
    @Transactional
    public ObjectRow update(AuthContext caller, String namespace, String name, JsonNode body) {
        NamespaceRow ns = lookup.lockReadable(caller, namespace, WORDING);
        MetadefPolicy.requireAdmin(caller, "modify_metadef_object");
        ObjectRow current = objects.find(ns.id(), name).orElseThrow(() -> MetadefErrors.objectNotFound(name));
        ObjectFields fields = ObjectInput.fields(body);
        if (!fields.name().equals(current.name()) && objects.find(ns.id(), fields.name()).isPresent()) {
            throw MetadefErrors.objectRenameConflict(fields.name(), ns.namespace());
        }
        try {
            return objects.update(current.id(), fields);
        } catch (PersistenceFailure e) {
            if (e.isUniqueViolation()) {
                throw MetadefErrors.objectRenameConflict(fields.name(), ns.namespace());
            }
            throw e;
        }
    }

    /** Not in a protected namespace. */
    @Transactional
    public void delete(AuthContext caller, String namespace, String name) {
        NamespaceRow ns = lookup.lockReadable(caller, namespace, WORDING);
        MetadefPolicy.requireAdmin(caller, "delete_metadef_object");
        ObjectRow current = objects.find(ns.id(), name).orElseThrow(() -> MetadefErrors.objectNotFound(name));
        if (ns.isProtected()) {
            throw MetadefErrors.protectedObject(name);
        }
        objects.delete(current.id());
    }
}
