package dev.stratus.image.metadef.persistence;

import java.time.Instant;

/**
 * A namespace's association with a resource type: properties of the namespace apply to resources of that
 * type, their names prefixed with {@code prefix}, and {@code propertiesTarget} says which of the resource's
 * key/value sets they go in.
 */
public record AssociationRow(long namespaceId, int resourceTypeId, String name, String prefix,
        String propertiesTarget, Instant createdAt, Instant updatedAt) {
}
