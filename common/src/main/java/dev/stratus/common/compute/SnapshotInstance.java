package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * compute-api to {@code compute.<host>}: copy the instance's root disk into the image {@code imageId}, which
 * compute-api created queued in image-service (the {@code createImage} action). The node uploads the disk and
 * reports the task's end; a snapshot that fails deletes its image.
 */
public record SnapshotInstance(String instanceId, String imageId, String actionRequestId) {

    public static final MessageType<SnapshotInstance> TYPE =
            MessageType.of("snapshot_instance", "1.0", SnapshotInstance.class);
}
