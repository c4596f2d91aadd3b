package dev.stratus.scheduler.persistence;

import java.time.Instant;
import java.util.UUID;

/** One resource provider row, with its root's and parent's uuids resolved. */
public record ProviderRecord(long id, UUID uuid, String name, int generation, UUID rootUuid, UUID parentUuid,
        Instant createdAt, Instant updatedAt) {
}
