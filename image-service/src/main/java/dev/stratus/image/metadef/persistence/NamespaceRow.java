package dev.stratus.image.metadef.persistence;

import java.time.Instant;

/** A metadata definition namespace; {@code id} is internal, clients name a namespace by {@code namespace}. */
public record NamespaceRow(long id, String namespace, String displayName, String description, String visibility,
        boolean isProtected, String owner, Instant createdAt, Instant updatedAt) {

    public boolean isPublic() {
        return "public".equals(visibility);
    }
}
