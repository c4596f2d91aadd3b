package dev.stratus.compute.node.handler;

import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.InstanceFault;
import dev.stratus.common.compute.InstanceMove;
import dev.stratus.common.compute.MoveInstance;
import dev.stratus.common.compute.MoveReport;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.Messaging;
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
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * {@code move_instance}: this host's part of a cold move (resize or migration), one {@link MoveInstance.Step}
 * per message. The source stops the guest and hands its disks over, the destination defines it with the new
 * flavor (VERIFY_RESIZE); a confirm drops what the source kept, a revert removes the moved guest and brings the
 * old one back. Every step reports the migration's status with the instance's state, so compute-api changes both
 * at once. A step that fails before the guest was touched leaves the instance as it was with a fault; one that
 * fails later, or breaks on a bug ({@link UnexpectedMoveFailure}), leaves it in ERROR, as Nova does.
 */
public class MoveInstanceHandler extends LockedInstanceHandler<MoveInstance> {

    private static final Logger LOG = Logger.getLogger(MoveInstanceHandler.class);

    private final GuestPreparation preparation;
    private final Messaging messaging;
    private final int shutdownTimeoutSeconds;

    public MoveInstanceHandler(VirtDriver driver, InstanceRegistry registry, GuestPreparation preparation,
            StateReporter reporter, Messaging messaging, int shutdownTimeoutSeconds) {
        super(driver, registry, reporter, message -> message.move().instanceId());
        this.preparation = preparation;
        this.messaging = messaging;
        this.shutdownTimeoutSeconds = shutdownTimeoutSeconds;
    }

    @Override
    protected void handleLocked(MoveInstance message, MessageContext context) throws Exception {
        InstanceMove move = message.move();
        if (registry.wasDeleted(move.instanceId())) {
            LOG.infof("Ignoring %s of %s: it was deleted on %s", message.step(), move.instanceId(), reporter.host());
            return;
        }
        try {
            switch (message.step()) {
                case RESIZE -> resize(move);
                case FINISH_RESIZE -> finishResize(move);
                case CONFIRM -> confirm(move);
                case REVERT -> revert(move);
                case FINISH_REVERT -> finishRevert(move);
            }
        } catch (RuntimeException e) {
            UnexpectedMoveFailure.report(reporter, move, message.step().name(), event(message.step()), verb(move),
                    e);
        }
    }

    /** On the source: stop the guest and hand its disks over, then let the destination finish. */
    private void resize(InstanceMove move) throws Exception {
        String id = move.instanceId();
        Instant start = reporter.now();
        Optional<TrackedInstance> tracked = registry.get(id);
        if (tracked.isEmpty()) {
            rollBack(move, start, "instance " + id + " is not on host " + reporter.host());
            return;
        }
        if (!VmStates.RESIZED.equals(tracked.get().vmState())) {
            reporter.sendMove(StateReport.of(id).taskState(VmStates.TASK_RESIZE_MIGRATING)
                    .event(reporter.started(ActionEvents.RESIZE, move.actionRequestId(), start)),
                    move.migrationId(), MoveReport.MIGRATING, null);
            try {
                driver.migrateDiskAndPowerOff(id, move.destHost(), move.sameHost(), move.instance().flavor(),
                        shutdownTimeoutSeconds);
            } catch (VirtException e) {
                rollBack(move, start, e.getMessage());
                return;
            }
            registry.put(tracked.get().with(VmStates.RESIZED, driver.powerState(id)));
        }
        // A redelivered step finds the guest handed over already and only tells the destination again.
        reporter.sendMove(StateReport.of(id).taskState(VmStates.TASK_RESIZE_MIGRATED).powerState(driver.powerState(id))
                .event(reporter.finished(ActionEvents.RESIZE, move.actionRequestId(), start, ActionEvents.SUCCESS,
                        null)), move.migrationId(), MoveReport.POST_MIGRATING, null);
        messaging.cast(ComputeTopics.computeHost(move.destHost()), MoveInstance.TYPE,
                new MoveInstance(MoveInstance.Step.FINISH_RESIZE, move), move.actionRequestId())
                .get(60, TimeUnit.SECONDS);
        LOG.infof("Instance %s handed over by %s to %s (%s)", id, reporter.host(), move.destHost(),
                move.migrationType());
    }

    /** The source refused the move before touching the guest: the instance stays as it was, with a fault. */
    private void rollBack(InstanceMove move, Instant start, String reason) throws Exception {
        LOG.warnf("Move %s of %s refused on %s: %s", move.migrationId(), move.instanceId(), reporter.host(), reason);
        StateReport report = StateReport.of(move.instanceId()).clearTaskState()
                .fault(new InstanceFault(400, "Failed to " + verb(move) + " the server: " + reason, null))
                .event(reporter.finished(ActionEvents.RESIZE, move.actionRequestId(), start, ActionEvents.ERROR,
                        reason));
        PowerState state = driver.powerState(move.instanceId());
        if (state != PowerState.NOSTATE) {
            report.powerState(state);
        }
        reporter.sendMove(report, move.migrationId(), MoveReport.ERROR, null);
    }

    /** On the destination: the guest with its new flavor on the moved disks; the instance is VERIFY_RESIZE. */
    private void finishResize(InstanceMove move) throws Exception {
        String id = move.instanceId();
        Instant start = reporter.now();
        Optional<TrackedInstance> tracked = registry.get(id);
        // A redelivered step: the guest has its new flavor here already (the source's entry keeps the old one).
        if (tracked.isPresent() && VmStates.RESIZED.equals(tracked.get().vmState())
                && tracked.get().build().flavor().equals(move.instance().flavor())) {
            reportFinished(move, tracked.get(), start);
            return;
        }
        reporter.sendMove(StateReport.of(id).taskState(VmStates.TASK_RESIZE_FINISH).onHost(move.sourceHost(),
                move.sourceNode()).event(reporter.started(ActionEvents.FINISH_RESIZE, move.actionRequestId(), start)),
                move.migrationId(), MoveReport.POST_MIGRATING, null);
        String failure;
        try {
            GuestSpec guest = preparation.prepare(move.instance());
            driver.finishMigration(guest, move.sameHost(), !move.wasStopped());
            if (!move.wasStopped()) {
                preparation.started(guest);
            }
            Instant launchedAt = tracked.map(TrackedInstance::launchedAt).orElse(null);
            TrackedInstance moved = new TrackedInstance(move.instance(), VmStates.RESIZED, driver.powerState(id),
                    launchedAt != null ? launchedAt : reporter.now());
            registry.put(moved);
            reportFinished(move, moved, start);
            return;
        } catch (VirtException | GuestPreparation.PreparationException e) {
            failure = e.getMessage();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Unexpected failure finishing move %s of %s on %s", move.migrationId(), id, reporter.host());
            failure = "Unexpected error on host " + reporter.host() + ": " + e;
        }
        LOG.warnf("Move %s of %s failed on %s: %s", move.migrationId(), id, reporter.host(), failure);
        removeMovedGuest(move);
        reporter.sendMove(StateReport.of(id).vmState(VmStates.ERROR).clearTaskState()
                .onHost(move.sourceHost(), move.sourceNode())
                .fault(new InstanceFault(500, "Failed to " + verb(move) + " the server on host " + move.destHost()
                        + ": " + failure, null))
                .event(reporter.finished(ActionEvents.FINISH_RESIZE, move.actionRequestId(), start, ActionEvents.ERROR,
                        failure)), move.migrationId(), MoveReport.ERROR, null);
    }

    private void reportFinished(InstanceMove move, TrackedInstance moved, Instant start) throws Exception {
        reporter.sendMove(StateReport.of(move.instanceId()).vmState(VmStates.RESIZED).powerState(moved.powerState())
                .clearTaskState().launchedAt(moved.launchedAt())
                .event(reporter.finished(ActionEvents.FINISH_RESIZE, move.actionRequestId(), start,
                        ActionEvents.SUCCESS, null)), move.migrationId(), MoveReport.FINISHED, move.instance().flavor());
        LOG.infof("Instance %s moved from %s to %s with flavor %s; it waits for a confirm or revert", move.instanceId(),
                move.sourceHost(), reporter.host(), move.instance().flavor().name());
    }

    /** On the source: the move is kept; what was left here for a revert goes. */
    private void confirm(InstanceMove move) throws Exception {
        String id = move.instanceId();
        Instant start = reporter.now();
        reporter.send(StateReport.of(id).onHost(move.destHost(), move.destNode())
                .event(reporter.started(ActionEvents.CONFIRM_RESIZE, move.actionRequestId(), start)));
        try {
            driver.confirmMigration(id, move.sameHost());
        } catch (VirtException e) {
            LOG.warnf("Confirm of move %s of %s failed on %s: %s", move.migrationId(), id, reporter.host(),
                    e.getMessage());
            reporter.sendMove(StateReport.of(id).vmState(VmStates.ERROR).clearTaskState()
                    .onHost(move.destHost(), move.destNode())
                    .fault(new InstanceFault(500, "Failed to confirm the resize on host " + reporter.host() + ": "
                            + e.getMessage(), null))
                    .event(reporter.finished(ActionEvents.CONFIRM_RESIZE, move.actionRequestId(), start,
                            ActionEvents.ERROR, e.getMessage())), move.migrationId(), MoveReport.ERROR, null);
            return;
        }
        String vmState = move.wasStopped() ? VmStates.STOPPED : VmStates.ACTIVE;
        StateReport report = StateReport.of(id).vmState(vmState).clearTaskState()
                .onHost(move.destHost(), move.destNode());
        if (move.sameHost()) {
            PowerState state = driver.powerState(id);
            registry.get(id).ifPresent(t -> registry.put(t.with(vmState, state)));
            report.powerState(state);
        } else {
            registry.remove(id);
            cleanUp(id);
        }
        reporter.sendMove(report.event(reporter.finished(ActionEvents.CONFIRM_RESIZE, move.actionRequestId(), start,
                ActionEvents.SUCCESS, null)), move.migrationId(), MoveReport.CONFIRMED, null);
        LOG.infof("Move %s of %s confirmed; %s keeps nothing of it", move.migrationId(), id, reporter.host());
    }

    /** On the destination: the moved guest goes, then the source brings the old one back. */
    private void revert(InstanceMove move) throws Exception {
        String id = move.instanceId();
        Instant start = reporter.now();
        reporter.send(StateReport.of(id).event(reporter.started(ActionEvents.REVERT_RESIZE, move.actionRequestId(),
                start)));
        try {
            removeMovedGuest(move);
        } catch (VirtException e) {
            LOG.warnf("Revert of move %s of %s failed on %s: %s", move.migrationId(), id, reporter.host(),
                    e.getMessage());
            reporter.sendMove(StateReport.of(id).vmState(VmStates.ERROR).clearTaskState()
                    .fault(new InstanceFault(500, "Failed to revert the resize on host " + reporter.host() + ": "
                            + e.getMessage(), null))
                    .event(reporter.finished(ActionEvents.REVERT_RESIZE, move.actionRequestId(), start,
                            ActionEvents.ERROR, e.getMessage())), move.migrationId(), MoveReport.ERROR, null);
            return;
        }
        reporter.send(StateReport.of(id).event(reporter.finished(ActionEvents.REVERT_RESIZE, move.actionRequestId(),
                start, ActionEvents.SUCCESS, null)));
        messaging.cast(ComputeTopics.computeHost(move.sourceHost()), MoveInstance.TYPE,
                new MoveInstance(MoveInstance.Step.FINISH_REVERT, move), move.actionRequestId())
                .get(60, TimeUnit.SECONDS);
    }

    /** On the source: the guest as it was, with its old flavor, on its kept disks. */
    private void finishRevert(InstanceMove move) throws Exception {
        String id = move.instanceId();
        Instant start = reporter.now();
        reporter.send(StateReport.of(id).event(reporter.started(ActionEvents.FINISH_REVERT_RESIZE,
                move.actionRequestId(), start)));
        String failure;
        try {
            GuestSpec guest = preparation.prepare(move.original());
            driver.finishRevertMigration(guest, move.sameHost(), !move.wasStopped());
            if (!move.wasStopped()) {
                preparation.started(guest);
            }
            String vmState = move.wasStopped() ? VmStates.STOPPED : VmStates.ACTIVE;
            PowerState state = driver.powerState(id);
            Instant launchedAt = registry.get(id).map(TrackedInstance::launchedAt).orElse(null);
            registry.put(new TrackedInstance(move.original(), vmState, state, launchedAt));
            reporter.sendMove(StateReport.of(id).vmState(vmState).powerState(state).clearTaskState()
                    .event(reporter.finished(ActionEvents.FINISH_REVERT_RESIZE, move.actionRequestId(), start,
                            ActionEvents.SUCCESS, null)), move.migrationId(), MoveReport.REVERTED, move.oldFlavor());
            LOG.infof("Move %s of %s reverted: back on %s with flavor %s", move.migrationId(), id, reporter.host(),
                    move.oldFlavor().name());
            return;
        } catch (VirtException | GuestPreparation.PreparationException e) {
            failure = e.getMessage();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Unexpected failure reverting move %s of %s on %s", move.migrationId(), id, reporter.host());
            failure = "Unexpected error on host " + reporter.host() + ": " + e;
        }
        reporter.sendMove(StateReport.of(id).vmState(VmStates.ERROR).clearTaskState()
                .fault(new InstanceFault(500, "Failed to revert the resize on host " + reporter.host() + ": "
                        + failure, null))
                .event(reporter.finished(ActionEvents.FINISH_REVERT_RESIZE, move.actionRequestId(), start,
                        ActionEvents.ERROR, failure)), move.migrationId(), MoveReport.ERROR, move.oldFlavor());
    }

    /** The destination's copy of the guest goes (on the same host only the resized guest stops). */
    private void removeMovedGuest(InstanceMove move) throws VirtException {
        String id = move.instanceId();
        driver.revertMigration(id, move.sameHost());
        if (move.sameHost()) {
            registry.get(id).ifPresent(t -> registry.put(t.with(VmStates.RESIZED, driver.powerState(id))));
        } else {
            registry.remove(id);
            cleanUp(id);
        }
    }

    private void cleanUp(String id) {
        try {
            preparation.cleanUp(id);
        } catch (IOException e) {
            LOG.warnf("Guest files of moved %s remain on %s: %s", id, reporter.host(), e.getMessage());
        }
    }

    private static String event(MoveInstance.Step step) {
        return switch (step) {
            case RESIZE -> ActionEvents.RESIZE;
            case FINISH_RESIZE -> ActionEvents.FINISH_RESIZE;
            case CONFIRM -> ActionEvents.CONFIRM_RESIZE;
            case REVERT -> ActionEvents.REVERT_RESIZE;
            case FINISH_REVERT -> ActionEvents.FINISH_REVERT_RESIZE;
        };
    }

    private static String verb(InstanceMove move) {
        return InstanceMove.RESIZE.equals(move.migrationType()) ? "resize" : "migrate";
    }
}
