package dev.stratus.compute.node.handler;

import dev.stratus.common.compute.BuildInstance;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.RescheduleInstance;
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
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * {@code build_instance}: prepares and spawns the guest, reporting spawning, then active. A failed build
 * cleans up and goes back to the scheduler ({@code reschedule_instance}), which tries an alternate host or,
 * with no attempt left, reports the instance in ERROR: the node never reports that ERROR itself.
 * A redelivered build finds the guest in the driver and only reports its state again.
 */
public class BuildInstanceHandler extends LockedInstanceHandler<BuildInstance> {

    private static final Logger LOG = Logger.getLogger(BuildInstanceHandler.class);

    private final String host;
    private final GuestPreparation preparation;
    private final Messaging messaging;

    public BuildInstanceHandler(String host, VirtDriver driver, InstanceRegistry registry,
            GuestPreparation preparation, StateReporter reporter, Messaging messaging) {
        super(driver, registry, reporter, build -> build.instance().instanceId());
        this.host = host;
        this.preparation = preparation;
        this.messaging = messaging;
    }

    @Override
    protected void handleLocked(BuildInstance build, MessageContext context) throws Exception {
        build(build, context.requestId());
    }

    private void build(BuildInstance build, String requestId) throws Exception {
        InstanceBuild instance = build.instance();
        String id = instance.instanceId();
        if (registry.wasDeleted(id)) {
            LOG.infof("Ignoring build of %s: it was deleted on %s", id, host);
            return;
        }
        PowerState existing = driver.powerState(id);
        if (existing != PowerState.NOSTATE) {
            reportExisting(instance, existing, requestId);
            return;
        }
        Instant start = reporter.now();
        registry.put(new TrackedInstance(instance, VmStates.BUILDING, PowerState.NOSTATE, null));
        reporter.send(StateReport.of(id).vmState(VmStates.BUILDING).taskState(VmStates.TASK_SPAWNING)
                .event(reporter.started(ActionEvents.BUILD, requestId, start)));
        String failure;
        try {
            GuestSpec guest = preparation.prepare(instance);
            driver.spawn(guest);
            preparation.started(guest);
            Instant launchedAt = reporter.now();
            PowerState state = driver.powerState(id);
            registry.put(new TrackedInstance(instance, VmStates.ACTIVE, state, launchedAt));
            reporter.send(StateReport.of(id).vmState(VmStates.ACTIVE).powerState(state).launchedAt(launchedAt)
                    .clearTaskState()
                    .event(reporter.finished(ActionEvents.BUILD, requestId, start, ActionEvents.SUCCESS, null)));
            LOG.infof("Built %s (%s) on %s", id, instance.name(), host);
            return;
        } catch (VirtException | GuestPreparation.PreparationException e) {
            failure = e.getMessage();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Unexpected failure building %s on %s", id, host);
            failure = "Unexpected error on host " + host + ": " + e;
        }
        reschedule(build, failure, start, requestId);
    }

    /** The guest exists: this is a redelivery, or a retry after a lost report. Report what is there. */
    private void reportExisting(InstanceBuild instance, PowerState state, String requestId) throws Exception {
        TrackedInstance tracked = registry.get(instance.instanceId())
                .filter(t -> !VmStates.BUILDING.equals(t.vmState()))
                .orElseGet(() -> new TrackedInstance(instance, VmStates.ACTIVE, state, reporter.now()));
        registry.put(tracked.with(tracked.vmState(), state));
        Instant now = reporter.now();
        reporter.send(StateReport.of(instance.instanceId()).vmState(tracked.vmState()).powerState(state)
                .launchedAt(tracked.launchedAt()).clearTaskState()
                .event(reporter.finished(ActionEvents.BUILD, requestId, now, ActionEvents.SUCCESS, null)));
        LOG.infof("Build of %s redelivered: the guest exists on %s, state reported again", instance.instanceId(), host);
    }

    private void reschedule(BuildInstance build, String reason, Instant start, String requestId) throws Exception {
        String id = build.instance().instanceId();
        LOG.warnf("Build of %s failed on %s (attempt %d of %d): %s", id, host, build.attempt(), build.maxAttempts(),
                reason);
        try {
            driver.destroy(id);
        } catch (VirtException | RuntimeException e) {
            LOG.warnf("Clean-up of failed build %s on %s: %s", id, host, e.getMessage());
        }
        try {
            preparation.cleanUp(id);
        } catch (Exception e) {
            LOG.warnf("Could not remove the files of failed build %s: %s", id, e.getMessage());
        }
        registry.remove(id);
        StateReport report = StateReport.of(id)
                .event(reporter.finished(ActionEvents.BUILD, requestId, start, ActionEvents.ERROR, reason));
        if (build.attempt() < build.maxAttempts()) {
            // Back to the scheduler; with no attempt left the scheduler owns the ERROR report.
            report.vmState(VmStates.BUILDING).taskState(VmStates.TASK_SCHEDULING).powerState(PowerState.NOSTATE)
                    .clearHost();
        }
        reporter.send(report);
        messaging.cast(ComputeTopics.SCHEDULER, RescheduleInstance.TYPE, new RescheduleInstance(build, host, reason),
                requestId).get(60, TimeUnit.SECONDS);
    }
}
