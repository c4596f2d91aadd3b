package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * compute-api to {@code compute.<host>}: copy the instance's root disk into the image {@code imageId}, which
 * compute-api created queued in image-service (the {@code createImage} and {@code createBackup} actions). The
 * node uploads the disk and reports the task's end; a snapshot that fails deletes its image.
 *
 * @param backupType for a backup, its type (e.g. daily); null for a snapshot
 * @param rotation for a backup, how many backups of this type and instance to keep, the newest first; the
 *        node deletes the older ones once this one is uploaded
 */
public record SnapshotInstance(String instanceId, String imageId, String actionRequestId, String backupType,
        Integer rotation) {

    public static final MessageType<SnapshotInstance> TYPE =
            MessageType.of("snapshot_instance", "1.0", SnapshotInstance.class);

    public static SnapshotInstance snapshot(String instanceId, String imageId, String actionRequestId) {
        return new SnapshotInstance(instanceId, imageId, actionRequestId, null, null);
    }

    public boolean isBackup() {
        return backupType != null && rotation != null;
    }
}
