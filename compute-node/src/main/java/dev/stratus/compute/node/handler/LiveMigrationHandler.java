package dev.stratus.compute.node.handler;

import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.InstanceFault;
import dev.stratus.common.compute.InstanceMove;
import dev.stratus.common.compute.LiveMigrateInstance;
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
 * {@code live_migrate_instance}: this host's part of a live migration, one {@link LiveMigrateInstance.Step} per
 * message. The source copies the guest over while it runs ({@code preparing}, {@code running}), the destination
 * runs it from then on in the state it had (ACTIVE or PAUSED; {@code post-migrating}, the instance on the
 * destination), and the source drops its copy ({@code completed}). A failure before the destination runs the guest
 * leaves the instance as it was on its source, with a fault, and the migration in {@code error}, as Nova's
 * rollback does.
 */
public class LiveMigrationHandler extends LockedInstanceHandler<LiveMigrateInstance> {

    private static final Logger LOG = Logger.getLogger(LiveMigrationHandler.class);

    private final GuestPreparation preparation;
    private final Messaging messaging;

    public LiveMigrationHandler(VirtDriver driver, InstanceRegistry registry, GuestPreparation preparation,
            StateReporter reporter, Messaging messaging) {
        super(driver, registry, reporter, message -> message.move().instanceId());
        this.preparation = preparation;
        this.messaging = messaging;
    }

    @Override
    protected void handleLocked(LiveMigrateInstance message, MessageContext context) throws Exception {
        InstanceMove move = message.move();
        if (registry.wasDeleted(move.instanceId())) {
            LOG.infof("Ignoring live migration step %s of %s: it was deleted on %s", message.step(),
                    move.instanceId(), reporter.host());
            return;
        }
        try {
            switch (message.step()) {
                case MIGRATE -> migrate(message);
                case FINISH -> finish(message);
                case CLEAN_UP -> cleanUp(move, message.vmState());
            }
        } catch (RuntimeException e) {
            UnexpectedMoveFailure.report(reporter, move, message.step().name(),
                    message.step() == LiveMigrateInstance.Step.FINISH
                            ? ActionEvents.POST_LIVE_MIGRATION_AT_DESTINATION : ActionEvents.LIVE_MIGRATION,
                    "live-migrate", e);
        }
    }

    /** On the source: the guest is copied over while it runs; then the destination takes it. */
    private void migrate(LiveMigrateInstance message) throws Exception {
        InstanceMove move = message.move();
        String id = move.instanceId();
        Instant start = reporter.now();
        Optional<TrackedInstance> tracked = registry.get(id);
        if (tracked.isEmpty()) {
            rollBack(move, start, "instance " + id + " is not on host " + reporter.host());
            return;
        }
        reporter.sendMove(StateReport.of(id).taskState(VmStates.TASK_MIGRATING)
                .event(reporter.started(ActionEvents.LIVE_MIGRATION, move.actionRequestId(), start)),
                move.migrationId(), MoveReport.PREPARING, move.destHost(), move.destNode());
        try {
            driver.liveMigration(id, move.destHost());
        } catch (VirtException e) {
            rollBack(move, start, e.getMessage());
            return;
        }
        reporter.sendMove(StateReport.of(id).taskState(VmStates.TASK_MIGRATING), move.migrationId(),
                MoveReport.RUNNING, move.destHost(), move.destNode());
        send(move.destHost(), message.next(LiveMigrateInstance.Step.FINISH, tracked.get().vmState()));
        LOG.infof("Instance %s copied live by %s to %s", id, reporter.host(), move.destHost());
    }

    /** The source refused the migration before anything moved: the instance stays as it was, with a fault. */
    private void rollBack(InstanceMove move, Instant start, String reason) throws Exception {
        LOG.warnf("Live migration %s of %s refused on %s: %s", move.migrationId(), move.instanceId(),
                reporter.host(), reason);
        reporter.sendMove(StateReport.of(move.instanceId()).clearTaskState()
                .fault(new InstanceFault(400, "Failed to live-migrate the server: " + reason, null))
                .event(reporter.finished(ActionEvents.LIVE_MIGRATION, move.actionRequestId(), start,
                        ActionEvents.ERROR, reason)), move.migrationId(), MoveReport.ERROR, null);
    }

    /** On the destination (Nova's post_live_migration_at_destination): the guest runs here from now on. */
    private void finish(LiveMigrateInstance message) throws Exception {
        InstanceMove move = message.move();
        String id = move.instanceId();
        Instant start = reporter.now();
        String vmState = VmStates.PAUSED.equals(message.vmState()) ? VmStates.PAUSED : VmStates.ACTIVE;
        Optional<TrackedInstance> here = registry.get(id);
        if (here.isPresent()) {
            // A redelivered step: the guest runs here already.
            reportArrived(move, here.get(), start);
            return;
        }
        String failure;
        try {
            GuestSpec guest = preparation.prepare(move.instance());
            driver.finishLiveMigration(guest, VmStates.PAUSED.equals(vmState) ? PowerState.PAUSED
                    : PowerState.RUNNING);
            preparation.started(guest);
            TrackedInstance arrived = new TrackedInstance(move.instance(), vmState, driver.powerState(id),
                    reporter.now());
            registry.put(arrived);
            reportArrived(move, arrived, start);
            return;
        } catch (VirtException | GuestPreparation.PreparationException e) {
            failure = e.getMessage();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Unexpected failure finishing live migration %s of %s on %s", move.migrationId(), id,
                    reporter.host());
            failure = "Unexpected error on host " + reporter.host() + ": " + e;
        }
        LOG.warnf("Live migration %s of %s failed on %s: %s", move.migrationId(), id, reporter.host(), failure);
        try {
            driver.rollBackLiveMigrationAtDestination(id);
        } catch (VirtException e) {
            LOG.warnf("What live migration %s left on %s remains: %s", move.migrationId(), reporter.host(),
                    e.getMessage());
        }
        removeFiles(id);
        // The source's guest never stopped: the instance stays there as it was.
        reporter.sendMove(StateReport.of(id).clearTaskState().onHost(move.sourceHost(), move.sourceNode())
                .fault(new InstanceFault(500, "Failed to live-migrate the server to host " + reporter.host() + ": "
                        + failure, null))
                .event(reporter.finished(ActionEvents.POST_LIVE_MIGRATION_AT_DESTINATION, move.actionRequestId(),
                        start, ActionEvents.ERROR, failure)), move.migrationId(), MoveReport.ERROR, null);
    }

    private void reportArrived(InstanceMove move, TrackedInstance arrived, Instant start) throws Exception {
        reporter.sendMove(StateReport.of(move.instanceId()).vmState(arrived.vmState())
                .powerState(arrived.powerState()).clearTaskState()
                .event(reporter.finished(ActionEvents.POST_LIVE_MIGRATION_AT_DESTINATION, move.actionRequestId(),
                        start, ActionEvents.SUCCESS, null)), move.migrationId(), MoveReport.POST_MIGRATING,
                move.destHost(), move.destNode());
        send(move.sourceHost(), new LiveMigrateInstance(LiveMigrateInstance.Step.CLEAN_UP, move, arrived.vmState()));
        LOG.infof("Instance %s runs on %s after its live migration from %s", move.instanceId(), reporter.host(),
                move.sourceHost());
    }

    /**
     * On the source: the guest lives on at the destination; its copy here goes. The report repeats the state the
     * destination reported (vm state, no task): compute-api may apply this later report first and then drop the
     * destination's as older, and the server must not stay MIGRATING.
     */
    private void cleanUp(InstanceMove move, String arrivedVmState) throws Exception {
        String id = move.instanceId();
        Instant start = reporter.now();
        try {
            driver.cleanUpLiveMigrationSource(id);
        } catch (VirtException e) {
            LOG.warnf("The source copy of live-migrated %s remains on %s: %s", id, reporter.host(), e.getMessage());
        }
        registry.remove(id);
        removeFiles(id);
        StateReport report = StateReport.of(id).onHost(move.destHost(), move.destNode()).clearTaskState();
        if (arrivedVmState != null) {
            report = report.vmState(arrivedVmState);
        }
        reporter.sendMove(report
                .event(reporter.finished(ActionEvents.LIVE_MIGRATION, move.actionRequestId(), start,
                        ActionEvents.SUCCESS, null)), move.migrationId(), MoveReport.COMPLETED, move.destHost(),
                move.destNode());
        LOG.infof("Live migration %s of %s completed; %s keeps nothing of it", move.migrationId(), id,
                reporter.host());
    }

    private void send(String host, LiveMigrateInstance step) throws Exception {
        messaging.cast(ComputeTopics.computeHost(host), LiveMigrateInstance.TYPE, step, step.move().actionRequestId())
                .get(60, TimeUnit.SECONDS);
    }

    private void removeFiles(String id) {
        try {
            preparation.cleanUp(id);
        } catch (IOException e) {
            LOG.warnf("Guest files of live-migrated %s remain on %s: %s", id, reporter.host(), e.getMessage());
        }
    }
}
