package dev.stratus.scheduler.persistence;

import java.util.UUID;

/** One allocation row: a consumer uses {@code used} of a resource class on a provider. */
public record AllocationRecord(UUID consumer, long providerId, UUID providerUuid, String resourceClass, long used) {
}
