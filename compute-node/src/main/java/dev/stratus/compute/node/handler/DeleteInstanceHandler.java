package dev.stratus.compute.node.handler;

import dev.stratus.common.compute.DeleteInstance;
import dev.stratus.common.compute.InstanceFault;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.compute.node.build.GuestPreparation;
import dev.stratus.compute.node.instance.InstanceRegistry;
import dev.stratus.compute.node.instance.VmStates;
import dev.stratus.compute.node.report.ActionEvents;
import dev.stratus.compute.node.report.StateReport;
import dev.stratus.compute.node.report.StateReporter;
import dev.stratus.compute.node.virt.PowerState;
import dev.stratus.compute.node.virt.VirtDriver;
import dev.stratus.compute.node.virt.VirtException;
import java.io.IOException;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * {@code delete_instance}: destroys the guest and its files and reports it deleted. An instance the host
 * does not have is reported deleted all the same (a redelivered delete). A driver failure leaves the
 * instance in ERROR with a fault, as Nova does; the node owns that report.
 */
public class DeleteInstanceHandler extends LockedInstanceHandler<DeleteInstance> {

    private static final Logger LOG = Logger.getLogger(DeleteInstanceHandler.class);

    private final GuestPreparation preparation;

    public DeleteInstanceHandler(VirtDriver driver, InstanceRegistry registry, GuestPreparation preparation,
            StateReporter reporter) {
        super(driver, registry, reporter, DeleteInstance::instanceId);
        this.preparation = preparation;
    }

    @Override
    protected void handleLocked(DeleteInstance message, MessageContext context) throws Exception {
        String id = message.instanceId();
        String requestId = message.actionRequestId();
        Instant start = reporter.now();
        reporter.send(StateReport.of(id).event(reporter.started(ActionEvents.TERMINATE, requestId, start)));
        try {
            driver.destroy(id);
        } catch (VirtException e) {
            LOG.warnf("Delete of %s failed on %s: %s", id, reporter.host(), e.getMessage());
            PowerState state = driver.powerState(id);
            registry.get(id).ifPresent(t -> registry.put(t.with(VmStates.ERROR, state)));
            reporter.send(StateReport.of(id).vmState(VmStates.ERROR).powerState(state).clearTaskState()
                    .fault(new InstanceFault(500, "Failed to delete the server: " + e.getMessage(), null))
                    .event(reporter.finished(ActionEvents.TERMINATE, requestId, start, ActionEvents.ERROR,
                            e.getMessage())));
            return;
        }
        try {
            preparation.cleanUp(id);
        } catch (IOException e) {
            LOG.warnf("Guest files of deleted %s remain on %s: %s", id, reporter.host(), e.getMessage());
        }
        registry.removeDeleted(id);
        reporter.send(StateReport.of(id).vmState(VmStates.DELETED).powerState(PowerState.NOSTATE).clearTaskState()
                .event(reporter.finished(ActionEvents.TERMINATE, requestId, start, ActionEvents.SUCCESS, null)));
    }
}
