package dev.stratus.compute.node.handler;

import dev.stratus.common.compute.SnapshotInstance;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.compute.node.image.ImageSink;
import dev.stratus.compute.node.instance.InstanceRegistry;
import dev.stratus.compute.node.instance.VmStates;
import dev.stratus.compute.node.report.ActionEvents;
import dev.stratus.compute.node.report.StateReport;
import dev.stratus.compute.node.report.StateReporter;
import dev.stratus.compute.node.virt.VirtDriver;
import dev.stratus.compute.node.virt.VirtException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * {@code snapshot_instance}: the guest's root disk, flattened to qcow2 in a scratch file, becomes the data of
 * the image compute-api created; the task states are Nova's (image_pending_upload, image_uploading). The
 * server keeps its state either way; a failed snapshot's image is deleted, as Nova does. A backup then rotates:
 * only the newest backups of its type are kept.
 */
public class SnapshotInstanceHandler extends LockedInstanceHandler<SnapshotInstance> {

    private static final Logger LOG = Logger.getLogger(SnapshotInstanceHandler.class);

    private final ImageSink images;
    private final Path scratch;

    /** @param scratch the directory for the flattened disk while it uploads */
    public SnapshotInstanceHandler(VirtDriver driver, InstanceRegistry registry, ImageSink images, Path scratch,
            StateReporter reporter) {
        super(driver, registry, reporter, SnapshotInstance::instanceId);
        this.images = images;
        this.scratch = scratch;
    }

    /**
     * Nova's rotation: the newest {@code rotation} backups of the instance and type stay, the older ones go (all
     * of them, the new one too, with a rotation of 0). A backup that cannot be deleted stays, with a warning.
     */
    private void rotate(SnapshotInstance message) throws InterruptedException {
        try {
            List<String> backups = images.backups(message.instanceId(), message.backupType());
            for (String old : backups.subList(Math.min(message.rotation(), backups.size()), backups.size())) {
                images.delete(old);
                LOG.infof("Backup %s of %s deleted by the rotation of %d %s backup(s)", old, message.instanceId(),
                        message.rotation(), message.backupType());
            }
        } catch (IOException e) {
            LOG.warnf("The rotation of the %s backups of %s did not complete: %s", message.backupType(),
                    message.instanceId(), e.getMessage());
        }
    }

    @Override
    protected void handleLocked(SnapshotInstance message, MessageContext context) throws Exception {
        String id = message.instanceId();
        String requestId = message.actionRequestId();
        Instant start = reporter.now();
        String event = message.isBackup() ? ActionEvents.BACKUP : ActionEvents.SNAPSHOT;
        reporter.send(StateReport.of(id).taskState(VmStates.TASK_IMAGE_PENDING_UPLOAD)
                .event(reporter.started(event, requestId, start)));
        Path file = null;
        String failure;
        try {
            Files.createDirectories(scratch);
            file = Files.createTempFile(scratch, "snapshot-" + message.imageId() + "-", ".qcow2");
            driver.snapshot(id, file);
            reporter.send(StateReport.of(id).taskState(VmStates.TASK_IMAGE_UPLOADING));
            images.upload(message.imageId(), file);
            if (message.isBackup()) {
                rotate(message);
            }
            reporter.send(StateReport.of(id).clearTaskState()
                    .event(reporter.finished(event, requestId, start, ActionEvents.SUCCESS, null)));
            LOG.infof("Snapshot of %s on %s uploaded as image %s (%d bytes)", id, reporter.host(), message.imageId(),
                    Files.size(file));
            return;
        } catch (VirtException | IOException e) {
            failure = e.getMessage();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Unexpected failure snapshotting %s on %s", id, reporter.host());
            failure = "Unexpected error on host " + reporter.host() + ": " + e;
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
        LOG.warnf("Snapshot of %s into image %s failed on %s: %s", id, message.imageId(), reporter.host(), failure);
        try {
            images.delete(message.imageId());
        } catch (IOException e) {
            LOG.warnf("The image %s of a failed snapshot remains: %s", message.imageId(), e.getMessage());
        }
        reporter.send(StateReport.of(id).clearTaskState()
                .event(reporter.finished(event, requestId, start, ActionEvents.ERROR, failure)));
    }
}
