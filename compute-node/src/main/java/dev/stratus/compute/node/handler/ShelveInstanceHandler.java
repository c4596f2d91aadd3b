package dev.stratus.compute.node.handler;

import dev.stratus.common.compute.InstanceFault;
import dev.stratus.common.compute.ShelveInstance;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.compute.node.build.GuestPreparation;
import dev.stratus.compute.node.image.ImageSink;
import dev.stratus.compute.node.instance.InstanceRegistry;
import dev.stratus.compute.node.instance.TrackedInstance;
import dev.stratus.compute.node.instance.VmStates;
import dev.stratus.compute.node.report.ActionEvents;
import dev.stratus.compute.node.report.StateReport;
import dev.stratus.compute.node.report.StateReporter;
import dev.stratus.compute.node.virt.PowerState;
import dev.stratus.compute.node.virt.VirtDriver;
import dev.stratus.compute.node.virt.VirtException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code shelve_instance}: Nova's shelve. The guest stops (gracefully first), its root disk becomes the data of
 * the shelved image (task states shelving_image_pending_upload, shelving_image_uploading) and the instance is
 * SHELVED; offloaded, the guest and its files then leave the host (shelving_offloading) and the instance is
 * SHELVED_OFFLOADED without a host. A shelve that cannot save the disk deletes the image and leaves the guest
 * stopped (or as it was, when it could not stop it), with the failure on the action's event.
 */
public class ShelveInstanceHandler extends LockedInstanceHandler<ShelveInstance> {

    private static final Logger LOG = Logger.getLogger(ShelveInstanceHandler.class);

    private final GuestPreparation preparation;
    private final ImageSink images;
    private final Path scratch;
    private final int shutdownTimeoutSeconds;

    public ShelveInstanceHandler(VirtDriver driver, InstanceRegistry registry, GuestPreparation preparation,
            ImageSink images, Path scratch, StateReporter reporter, int shutdownTimeoutSeconds) {
        super(driver, registry, reporter, ShelveInstance::instanceId);
        this.preparation = preparation;
        this.images = images;
        this.scratch = scratch;
        this.shutdownTimeoutSeconds = shutdownTimeoutSeconds;
    }

    @Override
    protected void handleLocked(ShelveInstance message, MessageContext context) throws Exception {
        String id = message.instanceId();
        String requestId = message.actionRequestId();
        Instant start = reporter.now();
        Optional<TrackedInstance> tracked = registry.get(id);
        if (tracked.isEmpty()) {
            if (!registry.wasDeleted(id)) {
                fail(message, start, "instance " + id + " is not on host " + reporter.host(), null);
            }
            return;
        }
        if (VmStates.SHELVED.equals(tracked.get().vmState())) {
            // A redelivery after the image was saved: only the offload may be left to do.
            finish(message, tracked.get(), start);
            return;
        }
        reporter.send(StateReport.of(id).taskState(VmStates.TASK_SHELVING_IMAGE_PENDING_UPLOAD)
                .event(reporter.started(ActionEvents.SHELVE, requestId, start)));
        Path file = null;
        String failure;
        try {
            driver.powerOff(id, true, shutdownTimeoutSeconds);
            Files.createDirectories(scratch);
            file = Files.createTempFile(scratch, "shelve-" + message.imageId() + "-", ".qcow2");
            driver.snapshot(id, file);
            reporter.send(StateReport.of(id).taskState(VmStates.TASK_SHELVING_IMAGE_UPLOADING)
                    .powerState(driver.powerState(id)));
            images.upload(message.imageId(), file);
            LOG.infof("Disk of %s on %s shelved as image %s (%d bytes)", id, reporter.host(), message.imageId(),
                    Files.size(file));
            TrackedInstance shelved = tracked.get().with(VmStates.SHELVED, driver.powerState(id));
            registry.put(shelved);
            finish(message, shelved, start);
            return;
        } catch (VirtException | IOException e) {
            failure = e.getMessage();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Unexpected failure shelving %s on %s", id, reporter.host());
            failure = "Unexpected error on host " + reporter.host() + ": " + e;
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
        try {
            images.delete(message.imageId());
        } catch (IOException e) {
            LOG.warnf("The image %s of a failed shelve remains: %s", message.imageId(), e.getMessage());
        }
        fail(message, start, failure, tracked.get());
    }

    /** SHELVED, then (offloading) the guest leaves the host. */
    private void finish(ShelveInstance message, TrackedInstance shelved, Instant start) throws Exception {
        String id = message.instanceId();
        String requestId = message.actionRequestId();
        if (!message.offload()) {
            reporter.send(StateReport.of(id).vmState(VmStates.SHELVED).powerState(shelved.powerState())
                    .clearTaskState().event(reporter.finished(ActionEvents.SHELVE, requestId, start,
                            ActionEvents.SUCCESS, null)));
            return;
        }
        reporter.send(StateReport.of(id).vmState(VmStates.SHELVED).powerState(shelved.powerState())
                .taskState(VmStates.TASK_SHELVING_OFFLOADING)
                .event(reporter.finished(ActionEvents.SHELVE, requestId, start, ActionEvents.SUCCESS, null)));
        Instant offload = reporter.now();
        try {
            driver.destroy(id);
        } catch (VirtException e) {
            LOG.warnf("Offload of shelved %s failed on %s: %s", id, reporter.host(), e.getMessage());
            reporter.send(StateReport.of(id).clearTaskState()
                    .event(reporter.finished(ActionEvents.SHELVE_OFFLOAD, requestId, offload, ActionEvents.ERROR,
                            e.getMessage())));
            return;
        }
        registry.remove(id);
        try {
            preparation.cleanUp(id);
        } catch (IOException e) {
            LOG.warnf("Guest files of offloaded %s remain on %s: %s", id, reporter.host(), e.getMessage());
        }
        reporter.send(StateReport.of(id).vmState(VmStates.SHELVED_OFFLOADED).powerState(PowerState.NOSTATE)
                .clearTaskState().clearHost()
                .event(reporter.finished(ActionEvents.SHELVE_OFFLOAD, requestId, offload, ActionEvents.SUCCESS, null)));
        LOG.infof("Shelved %s offloaded from %s", id, reporter.host());
    }

    /** The instance stays on the host: stopped when the guest stopped, else as it was. */
    private void fail(ShelveInstance message, Instant start, String reason, TrackedInstance tracked)
            throws Exception {
        String id = message.instanceId();
        LOG.warnf("Shelve of %s failed on %s: %s", id, reporter.host(), reason);
        PowerState state = driver.powerState(id);
        StateReport report = StateReport.of(id).clearTaskState()
                .fault(new InstanceFault(500, "Failed to shelve the server: " + reason, null))
                .event(reporter.finished(ActionEvents.SHELVE, message.actionRequestId(), start, ActionEvents.ERROR,
                        reason));
        if (tracked != null) {
            String vmState = state == PowerState.SHUTDOWN ? VmStates.STOPPED : tracked.vmState();
            registry.put(tracked.with(vmState, state));
            report.vmState(vmState).powerState(state);
        }
        reporter.send(report);
    }
}
