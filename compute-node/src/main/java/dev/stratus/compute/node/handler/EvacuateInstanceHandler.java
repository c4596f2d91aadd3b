package dev.stratus.compute.node.handler;

import dev.stratus.common.compute.EvacuateInstance;
import dev.stratus.common.compute.InstanceFault;
import dev.stratus.common.compute.InstanceMove;
import dev.stratus.common.compute.MoveReport;
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
 * {@code evacuate_instance}, on the destination of an evacuation (Nova's rebuild with {@code recreate}, on storage
 * that is not shared): the instance's source is down, so the guest is built anew here from the instance's image,
 * its ports bound to this host, with the admin password asked for; an instance that was stopped is stopped again
 * afterwards. Reports {@code pre-migrating} (task {@code rebuild_spawning}), then {@code done} with the instance on
 * this host, ACTIVE or STOPPED; on failure the guest is removed and the instance goes to ERROR, the migration
 * {@code failed}. A redelivery finds the guest and reports {@code done} again.
 */
public class EvacuateInstanceHandler extends LockedInstanceHandler<EvacuateInstance> {

    private static final Logger LOG = Logger.getLogger(EvacuateInstanceHandler.class);

    private final GuestPreparation preparation;

    public EvacuateInstanceHandler(VirtDriver driver, InstanceRegistry registry, GuestPreparation preparation,
            StateReporter reporter) {
        super(driver, registry, reporter, message -> message.move().instanceId());
        this.preparation = preparation;
    }

    @Override
    protected void handleLocked(EvacuateInstance message, MessageContext context) throws Exception {
        evacuate(message.move());
    }

    private void evacuate(InstanceMove move) throws Exception {
        String id = move.instanceId();
        Instant start = reporter.now();
        PowerState existing = driver.powerState(id);
        if (existing != PowerState.NOSTATE && registry.get(id).isPresent()) {
            TrackedInstance tracked = registry.get(id).get();
            reportDone(move, tracked, start);
            LOG.infof("Evacuation %s of %s redelivered: the guest exists on %s", move.migrationId(), id,
                    reporter.host());
            return;
        }
        reporter.sendMove(StateReport.of(id).taskState(VmStates.TASK_REBUILD_SPAWNING)
                .onHost(move.sourceHost(), move.sourceNode())
                .event(reporter.started(ActionEvents.REBUILD, move.actionRequestId(), start)),
                move.migrationId(), MoveReport.PRE_MIGRATING, null);
        String failure;
        try {
            GuestSpec guest = preparation.prepare(move.instance());
            driver.spawn(guest);
            preparation.started(guest);
            String vmState = VmStates.ACTIVE;
            if (move.wasStopped()) {
                // Nova keeps the power state intent: a stopped instance is stopped on its new host too.
                driver.powerOff(id, false, 0);
                vmState = VmStates.STOPPED;
            }
            TrackedInstance evacuated = new TrackedInstance(move.instance(), vmState, driver.powerState(id),
                    reporter.now());
            registry.put(evacuated);
            reportDone(move, evacuated, start);
            LOG.infof("Instance %s evacuated from %s to %s", id, move.sourceHost(), reporter.host());
            return;
        } catch (VirtException | GuestPreparation.PreparationException e) {
            failure = e.getMessage();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Unexpected failure evacuating %s to %s", id, reporter.host());
            failure = "Unexpected error on host " + reporter.host() + ": " + e;
        }
        LOG.warnf("Evacuation %s of %s failed on %s: %s", move.migrationId(), id, reporter.host(), failure);
        removeGuest(id);
        reporter.sendMove(StateReport.of(id).vmState(VmStates.ERROR).clearTaskState()
                .onHost(move.sourceHost(), move.sourceNode())
                .fault(new InstanceFault(500, "Failed to evacuate the server to host " + reporter.host() + ": "
                        + failure, null))
                .event(reporter.finished(ActionEvents.REBUILD, move.actionRequestId(), start, ActionEvents.ERROR,
                        failure)), move.migrationId(), MoveReport.FAILED, null);
    }

    private void reportDone(InstanceMove move, TrackedInstance evacuated, Instant start) throws Exception {
        reporter.sendMove(StateReport.of(move.instanceId()).vmState(evacuated.vmState())
                .powerState(evacuated.powerState()).launchedAt(evacuated.launchedAt()).clearTaskState()
                .event(reporter.finished(ActionEvents.REBUILD, move.actionRequestId(), start, ActionEvents.SUCCESS,
                        null)), move.migrationId(), MoveReport.DONE, move.destHost(), move.destNode());
    }

    private void removeGuest(String id) {
        try {
            driver.destroy(id);
        } catch (VirtException | RuntimeException e) {
            LOG.warnf("Clean-up of failed evacuation of %s on %s: %s", id, reporter.host(), e.getMessage());
        }
        try {
            preparation.cleanUp(id);
        } catch (Exception e) {
            LOG.warnf("Could not remove the files of failed evacuation of %s: %s", id, e.getMessage());
        }
        registry.remove(id);
    }
}
