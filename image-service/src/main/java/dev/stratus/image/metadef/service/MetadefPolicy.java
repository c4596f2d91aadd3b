package dev.stratus.image.metadef.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.DefaultRoles;
import dev.stratus.common.auth.Policy;
import dev.stratus.image.metadef.persistence.NamespaceRow;
import java.util.Objects;

/**
 * Glance's default metadef policies ({@code glance/policies/metadef.py}): every write ({@code add_*},
 * {@code modify_*}, {@code delete_*}, {@code remove_*}) is {@code metadef_admin}, i.e. admins only; reads are for
 * admins, readers of the owning project, and any reader for a public namespace. A namespace the caller may not
 * read is not found rather than forbidden.
 */
public final class MetadefPolicy {

    private MetadefPolicy() {
    }

    public static boolean isAdmin(AuthContext caller) {
        return Policy.admin().test(caller);
    }

    /** {@code get_metadef_namespace}, which the reads of a namespace's content share. */
    public static boolean canRead(AuthContext caller, NamespaceRow namespace) {
        return isAdmin(caller) || (isReader(caller)
                && (namespace.isPublic() || Objects.equals(caller.projectId(), namespace.owner())));
    }

    /** Rules without a namespace to read: listing namespaces ({@code get_metadef_namespaces}) and resource types. */
    public static void requireReader(AuthContext caller, String rule) {
        if (!isAdmin(caller) && !isReader(caller)) {
            throw MetadefErrors.notAuthorized(rule);
        }
    }

    /** A write rule: {@code metadef_admin} by default. */
    public static void requireAdmin(AuthContext caller, String rule) {
        if (!isAdmin(caller)) {
            throw MetadefErrors.notAuthorized(rule);
        }
    }

    private static boolean isReader(AuthContext caller) {
        return DefaultRoles.grants(caller.roles(), DefaultRoles.READER);
    }
}
