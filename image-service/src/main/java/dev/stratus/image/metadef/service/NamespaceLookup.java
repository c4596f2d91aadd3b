package dev.stratus.image.metadef.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.fault.ApiException;
import dev.stratus.image.metadef.persistence.NamespaceRepository;
import dev.stratus.image.metadef.persistence.NamespaceRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the namespace a call names, if the caller may read it. Glance words the 404 differently per call, so
 * each call says which {@link Wording} it uses.
 */
@ApplicationScoped
public class NamespaceLookup {

    /** The 404s of a call: for a namespace that does not exist, and for one the caller may not read. */
    public enum Wording {
        /** "Namespace X not found" for both (properties, tags, associations, namespace writes). */
        NAMESPACE_NOT_FOUND(MetadefErrors::namespaceNotFound, MetadefErrors::namespaceNotFound),
        /** The database's message when missing, "Namespace X not found" when hidden (objects). */
        OBJECTS(MetadefErrors::noSuchNamespace, MetadefErrors::namespaceNotFound),
        /** The database's message when missing, webob's default when hidden (namespace show). */
        SHOW(MetadefErrors::noSuchNamespace, name -> MetadefErrors.resourceNotFound());

        private final Function<String, ApiException> missing;
        private final Function<String, ApiException> hidden;

        Wording(Function<String, ApiException> missing, Function<String, ApiException> hidden) {
            this.missing = missing;
            this.hidden = hidden;
        }
    }

    private final NamespaceRepository namespaces;

    public NamespaceLookup(NamespaceRepository namespaces) {
        this.namespaces = namespaces;
    }

    public NamespaceRow readable(AuthContext caller, String name, Wording wording) {
        return check(caller, name, namespaces.find(name), wording);
    }

    /** As {@link #readable}, and locked until the transaction ends (for writes). */
    public NamespaceRow lockReadable(AuthContext caller, String name, Wording wording) {
        return check(caller, name, namespaces.lock(name), wording);
    }

    private static NamespaceRow check(AuthContext caller, String name, Optional<NamespaceRow> found,
            Wording wording) {
        NamespaceRow namespace = found.orElseThrow(() -> wording.missing.apply(name));
        if (!MetadefPolicy.canRead(caller, namespace)) {
            throw wording.hidden.apply(name);
        }
        return namespace;
    }
}
