package dev.stratus.compute.node.handler;

import dev.stratus.common.compute.InstanceFault;
import dev.stratus.common.compute.InstanceMove;
import dev.stratus.common.compute.MoveReport;
import dev.stratus.compute.node.instance.VmStates;
import dev.stratus.compute.node.report.ActionEvents;
import dev.stratus.compute.node.report.StateReport;
import dev.stratus.compute.node.report.StateReporter;
import org.jboss.logging.Logger;

/**
 * A move step (cold or live) that broke on a bug, a {@link RuntimeException}, rather than on a refusal or a
 * virt failure, which the steps report themselves. Nobody knows what became of the guest, so the instance goes
 * to ERROR with a fault and the migration ends in error (its claims go back), as Nova's
 * errors_out_migration does. Without this report the step would be dead-lettered and the server stay in its
 * task for good.
 */
final class UnexpectedMoveFailure {

    private static final Logger LOG = Logger.getLogger(UnexpectedMoveFailure.class);

    private UnexpectedMoveFailure() {
    }

    /**
     * @param event the step's action event, e.g. {@link ActionEvents#RESIZE}
     * @param verb what the move does, for the fault: "resize", "migrate", "live-migrate"
     */
    static void report(StateReporter reporter, InstanceMove move, String step, String event, String verb,
            RuntimeException failure) throws Exception {
        LOG.errorf(failure, "Unexpected failure in step %s of move %s of %s on %s", step, move.migrationId(),
                move.instanceId(), reporter.host());
        String reason = "Unexpected error on host " + reporter.host() + " in step " + step + ": " + failure;
        reporter.sendMove(StateReport.of(move.instanceId()).vmState(VmStates.ERROR).clearTaskState()
                .fault(new InstanceFault(500, "Failed to " + verb + " the server: " + reason, null))
                .event(reporter.finished(event, move.actionRequestId(), reporter.now(), ActionEvents.ERROR, reason)),
                move.migrationId(), MoveReport.ERROR, null);
    }
}
