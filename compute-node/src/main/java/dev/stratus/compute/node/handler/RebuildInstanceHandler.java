package dev.stratus.compute.node.handler;

import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.InstanceFault;
import dev.stratus.common.compute.RebuildInstance;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.compute.node.build.GuestPreparation;
import dev.stratus.compute.node.instance.InstanceRegistry;
import dev.stratus.compute.node.instance.TrackedInstance;
import dev.stratus.compute.node.instance.VmStates;
import dev.stratus.compute.node.report.ActionEvents;
import dev.stratus.compute.node.report.StateReport;
import dev.stratus.compute.node.report.StateReporter;
import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.PowerState;
import dev.stratus.compute.node.virt.VirtDriver;
import dev.stratus.compute.node.virt.VirtException;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * {@code rebuild_instance}: Nova's default rebuild. The guest is destroyed with its disks and config drive,
 * then prepared and spawned again from the new build on the same host, with the same ports. A guest that was
 * stopped is stopped again. A rebuild that fails leaves the instance in ERROR with the reason as its fault;
 * another rebuild (allowed from ERROR) or a delete recovers it.
 */
public class RebuildInstanceHandler extends LockedInstanceHandler<RebuildInstance> {

    private static final Logger LOG = Logger.getLogger(RebuildInstanceHandler.class);

    private final GuestPreparation preparation;

    public RebuildInstanceHandler(VirtDriver driver, InstanceRegistry registry, GuestPreparation preparation,
            StateReporter reporter) {
        super(driver, registry, reporter, message -> message.instance().instanceId());
        this.preparation = preparation;
    }

    @Override
    protected void handleLocked(RebuildInstance message, MessageContext context) throws Exception {
        InstanceBuild instance = message.instance();
        String id = instance.instanceId();
        String requestId = message.actionRequestId();
        if (registry.wasDeleted(id)) {
            LOG.infof("Ignoring rebuild of %s: it was deleted on %s", id, reporter.host());
            return;
        }
        Instant start = reporter.now();
        reporter.send(StateReport.of(id).event(reporter.started(ActionEvents.REBUILD, requestId, start)));
        String failure;
        try {
            driver.destroy(id);
            registry.put(new TrackedInstance(instance, VmStates.ACTIVE, PowerState.NOSTATE, null));
            reporter.send(StateReport.of(id).powerState(PowerState.NOSTATE)
                    .taskState(VmStates.TASK_REBUILD_SPAWNING));
            GuestSpec guest = preparation.prepare(instance);
            driver.spawn(guest);
            preparation.started(guest);
            String vmState = VmStates.ACTIVE;
            if (message.keepStopped()) {
                driver.powerOff(id, false, 0);
                vmState = VmStates.STOPPED;
            }
            Instant launchedAt = reporter.now();
            PowerState state = driver.powerState(id);
            registry.put(new TrackedInstance(instance, vmState, state, launchedAt));
            reporter.send(StateReport.of(id).vmState(vmState).powerState(state).launchedAt(launchedAt)
                    .clearTaskState()
                    .event(reporter.finished(ActionEvents.REBUILD, requestId, start, ActionEvents.SUCCESS, null)));
            LOG.infof("Rebuilt %s (%s) on %s from image %s", id, instance.name(), reporter.host(),
                    instance.image() == null ? null : instance.image().id());
            return;
        } catch (VirtException | GuestPreparation.PreparationException e) {
            failure = e.getMessage();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Unexpected failure rebuilding %s on %s", id, reporter.host());
            failure = "Unexpected error on host " + reporter.host() + ": " + e;
        }
        fail(instance, failure, start, requestId);
    }

    /** Nova sets a failed rebuild's instance to ERROR: its guest may be half gone, only a rebuild or delete helps. */
    private void fail(InstanceBuild instance, String reason, Instant start, String requestId) throws Exception {
        String id = instance.instanceId();
        LOG.warnf("Rebuild of %s failed on %s: %s", id, reporter.host(), reason);
        PowerState state = driver.powerState(id);
        registry.put(new TrackedInstance(instance, VmStates.ERROR, state, null));
        reporter.send(StateReport.of(id).vmState(VmStates.ERROR).powerState(state).clearTaskState()
                .fault(new InstanceFault(500, "Failed to rebuild the server: " + reason, null))
                .event(reporter.finished(ActionEvents.REBUILD, requestId, start, ActionEvents.ERROR, reason)));
    }
}
