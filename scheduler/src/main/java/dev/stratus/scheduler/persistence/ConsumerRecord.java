package dev.stratus.scheduler.persistence;

import java.util.UUID;

/** A consumer of resources (an instance): its owner and the generation Placement 1.28 exposes. */
public record ConsumerRecord(UUID uuid, String projectId, String userId, int generation) {
}
