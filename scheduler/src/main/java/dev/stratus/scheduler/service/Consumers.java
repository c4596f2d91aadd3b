package dev.stratus.scheduler.service;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Placement consumers are uuids; an instance id that is not one maps to a stable name-based uuid. */
public final class Consumers {

    private Consumers() {
    }

    public static UUID of(String instanceId) {
        try {
            return UUID.fromString(instanceId);
        } catch (IllegalArgumentException notUuid) {
            return UUID.nameUUIDFromBytes(("instance:" + instanceId).getBytes(StandardCharsets.UTF_8));
        }
    }
}
