package dev.stratus.compute.node.handler;

import dev.stratus.common.compute.DestroyEvacuated;
import dev.stratus.common.compute.MoveReport;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.compute.node.build.GuestPreparation;
import dev.stratus.compute.node.instance.InstanceRegistry;
import dev.stratus.compute.node.instance.VmStates;
import dev.stratus.compute.node.report.StateReport;
import dev.stratus.compute.node.report.StateReporter;
import dev.stratus.compute.node.virt.PowerState;
import dev.stratus.compute.node.virt.VirtDriver;
import org.jboss.logging.Logger;

/**
 * {@code destroy_evacuated_instance}, on the source of an evacuation once it runs again (Nova's
 * {@code _destroy_evacuated_instances} at {@code init_host}): compute-api found the instance living on another host
 * with its evacuation from here {@code done}, so the guest left here goes with its disks (no storage is shared) and
 * the node forgets it. The report {@code completed} carries no state of the instance (it lives elsewhere); after it
 * compute-api returns this host's claim. A redelivery finds nothing to destroy and reports again. The same for an
 * instance deleted while this host was down (reason {@code deleted}, Nova's reaping of deleted guests): its report is
 * {@code deleted}, and the node remembers it so that a late build does not bring it back.
 */
public class DestroyEvacuatedHandler extends LockedInstanceHandler<DestroyEvacuated> {

    private static final Logger LOG = Logger.getLogger(DestroyEvacuatedHandler.class);

    private final GuestPreparation preparation;

    public DestroyEvacuatedHandler(VirtDriver driver, InstanceRegistry registry, GuestPreparation preparation,
            StateReporter reporter) {
        super(driver, registry, reporter, DestroyEvacuated::instanceId);
        this.preparation = preparation;
    }

    @Override
    protected void handleLocked(DestroyEvacuated message, MessageContext context) throws Exception {
        String id = message.instanceId();
        if (driver.powerState(id) != PowerState.NOSTATE) {
            // A failure here is the message's: it is delivered again rather than reported completed.
            driver.destroy(id);
            LOG.infof("Destroyed the guest of %s on %s: the instance was %s while this host was down", id,
                    reporter.host(), message.wasDeleted() ? "deleted" : "evacuated to another host");
        }
        try {
            preparation.cleanUp(id);
        } catch (Exception e) {
            LOG.warnf("Files of evacuated %s remain on %s: %s", id, reporter.host(), e.getMessage());
        }
        if (message.wasDeleted()) {
            registry.removeDeleted(id);
            reporter.send(StateReport.of(id).vmState(VmStates.DELETED).powerState(PowerState.NOSTATE));
            return;
        }
        registry.remove(id);
        reporter.sendMove(StateReport.of(id), message.migrationId(), MoveReport.COMPLETED, null);
    }
}
