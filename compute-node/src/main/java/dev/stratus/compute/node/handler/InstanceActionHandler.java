package dev.stratus.compute.node.handler;

import dev.stratus.common.compute.InstanceAction;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.compute.node.instance.InstanceRegistry;
import dev.stratus.compute.node.instance.TrackedInstance;
import dev.stratus.compute.node.report.ActionEvents;
import dev.stratus.compute.node.report.StateReport;
import dev.stratus.compute.node.report.StateReporter;
import dev.stratus.compute.node.virt.PowerState;
import dev.stratus.compute.node.virt.VirtDriver;
import dev.stratus.compute.node.virt.VirtException;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code instance_action}: start, stop, reboot, pause, unpause, suspend, resume, unrescue. Reports the action's event
 * start, then the resulting state with the task state cleared and the event finished. A guest already in
 * the wanted state is reported as it is, so a redelivered action is harmless.
 */
public class InstanceActionHandler extends LockedInstanceHandler<InstanceAction> {

    private static final Logger LOG = Logger.getLogger(InstanceActionHandler.class);

    private final int shutdownTimeoutSeconds;

    public InstanceActionHandler(VirtDriver driver, InstanceRegistry registry, StateReporter reporter,
            int shutdownTimeoutSeconds) {
        super(driver, registry, reporter, InstanceAction::instanceId);
        this.shutdownTimeoutSeconds = shutdownTimeoutSeconds;
    }

    @Override
    protected void handleLocked(InstanceAction message, MessageContext context) throws Exception {
        String id = message.instanceId();
        PowerAction action = PowerAction.of(message.action());
        String requestId = message.actionRequestId();
        Instant start = reporter.now();
        Optional<TrackedInstance> tracked = registry.get(id);
        PowerState current = driver.powerState(id);
        if (tracked.isEmpty() && current == PowerState.NOSTATE) {
            fail(id, action, requestId, start, null, "instance " + id + " is not on host " + reporter.host());
            return;
        }
        String unsupported = action.unsupportedBy(driver.capabilities());
        if (unsupported != null) {
            fail(id, action, requestId, start, current, unsupported);
            return;
        }
        String believed = tracked.map(TrackedInstance::vmState).orElse(null);
        if (!action.alreadyDone(believed, current)) {
            reporter.send(StateReport.of(id).event(reporter.started(action.event, requestId, start)));
            try {
                action.perform(driver, id, shutdownTimeoutSeconds);
            } catch (VirtException e) {
                fail(id, action, requestId, start, driver.powerState(id), e.getMessage());
                return;
            }
            current = driver.powerState(id);
        }
        PowerState now = current;
        tracked.ifPresent(t -> registry.put(t.with(action.vmState, now)));
        reporter.send(StateReport.of(id).vmState(action.vmState).powerState(now).clearTaskState()
                .event(reporter.finished(action.event, requestId, start, ActionEvents.SUCCESS, null)));
    }

    /** The action did not happen: the instance keeps its vm_state, loses its task state, the event fails. */
    private void fail(String id, PowerAction action, String requestId, Instant start, PowerState current,
            String reason) throws Exception {
        LOG.warnf("%s of %s failed on %s: %s", action, id, reporter.host(), reason);
        StateReport report = StateReport.of(id).clearTaskState()
                .event(reporter.finished(action.event, requestId, start, ActionEvents.ERROR, reason));
        if (current != null) {
            report.powerState(current);
            PowerState state = current;
            registry.get(id).ifPresent(t -> registry.put(t.with(t.vmState(), state)));
        }
        reporter.send(report);
    }
}
