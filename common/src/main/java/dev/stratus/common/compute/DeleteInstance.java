package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * compute-api to {@code compute.<host>}: destroy the instance, its disks and config drive. A node that does
 * not know the instance reports it deleted all the same, so a redelivered delete is a no-op.
 */
public record DeleteInstance(String instanceId, String actionRequestId) {

    public static final MessageType<DeleteInstance> TYPE =
            MessageType.of("delete_instance", "1.0", DeleteInstance.class);
}
