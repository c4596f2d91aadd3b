package dev.stratus.image.metadef.persistence;

import java.time.Instant;

/** A tag definition of a namespace. */
public record TagRow(long id, long namespaceId, String name, Instant createdAt, Instant updatedAt) {
}
