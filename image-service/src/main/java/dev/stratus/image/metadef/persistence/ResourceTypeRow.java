package dev.stratus.image.metadef.persistence;

import java.time.Instant;

/** A resource type (e.g. {@code OS::Glance::Image}); {@code protected} ones are the seeded system types. */
public record ResourceTypeRow(int id, String name, boolean isProtected, Instant createdAt, Instant updatedAt) {
}
