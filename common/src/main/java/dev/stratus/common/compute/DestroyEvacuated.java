package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * compute-api to the source host of an evacuation ({@code compute.<source>}), once that host reports again: the
 * instance lives on another host now; destroy the guest left here with its disks (hosts share no storage) and
 * answer with a {@link MoveReport} {@code completed} for {@code migrationId}, after which the source's claim is
 * returned. Nova's {@code _destroy_evacuated_instances}. Idempotent: with no guest here, only the report goes.
 */
public record DestroyEvacuated(String instanceId, String migrationId) {

    public static final MessageType<DestroyEvacuated> TYPE =
            MessageType.of("destroy_evacuated_instance", "1.0", DestroyEvacuated.class);
}
