package dev.stratus.compute.node.handler;

import dev.stratus.common.compute.RescueInstance;
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
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code rescue_instance}: the guest boots from a fresh disk of the rescue image, with a config drive carrying
 * the rescue password, and its own root disk attached second, so its owner can repair it; or, when the rescue
 * image asks for a stable device rescue ({@code hw_rescue_device}, {@code hw_rescue_bus}), with all its own disks
 * in their places and the rescue disk added as the device booted first. The instance is then RESCUED (Nova's
 * status RESCUE). A rescue that fails leaves the instance as it was, with the failure on the
 * action's event.
 */
public class RescueInstanceHandler extends LockedInstanceHandler<RescueInstance> {

    private static final Logger LOG = Logger.getLogger(RescueInstanceHandler.class);

    private final GuestPreparation preparation;

    public RescueInstanceHandler(VirtDriver driver, InstanceRegistry registry, GuestPreparation preparation,
            StateReporter reporter) {
        super(driver, registry, reporter, message -> message.instance().instanceId());
        this.preparation = preparation;
    }

    @Override
    protected void handleLocked(RescueInstance message, MessageContext context) throws Exception {
        String id = message.instance().instanceId();
        String requestId = message.actionRequestId();
        Instant start = reporter.now();
        Optional<TrackedInstance> tracked = registry.get(id);
        if (tracked.isEmpty()) {
            fail(id, requestId, start, "instance " + id + " is not on host " + reporter.host());
            return;
        }
        reporter.send(StateReport.of(id).event(reporter.started(ActionEvents.RESCUE, requestId, start)));
        try {
            GuestSpec rescue = preparation.prepare(message.instance());
            driver.rescue(rescue);
        } catch (VirtException | GuestPreparation.PreparationException e) {
            fail(id, requestId, start, e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.errorf(e, "Unexpected failure rescuing %s on %s", id, reporter.host());
            fail(id, requestId, start, "Unexpected error on host " + reporter.host() + ": " + e);
            return;
        }
        PowerState state = driver.powerState(id);
        registry.put(tracked.get().with(VmStates.RESCUED, state));
        reporter.send(StateReport.of(id).vmState(VmStates.RESCUED).powerState(state).clearTaskState()
                .event(reporter.finished(ActionEvents.RESCUE, requestId, start, ActionEvents.SUCCESS, null)));
        LOG.infof("Rescued %s on %s with image %s", id, reporter.host(),
                message.instance().image() == null ? null : message.instance().image().id());
    }

    /** The driver put the guest back as it was: the instance keeps its vm_state and loses its task. */
    private void fail(String id, String requestId, Instant start, String reason) throws Exception {
        LOG.warnf("Rescue of %s failed on %s: %s", id, reporter.host(), reason);
        PowerState state = driver.powerState(id);
        registry.get(id).ifPresent(t -> registry.put(t.with(t.vmState(), state)));
        StateReport report = StateReport.of(id).clearTaskState()
                .event(reporter.finished(ActionEvents.RESCUE, requestId, start, ActionEvents.ERROR, reason));
        if (state != PowerState.NOSTATE) {
            report.powerState(state);
        }
        reporter.send(report);
    }
}
