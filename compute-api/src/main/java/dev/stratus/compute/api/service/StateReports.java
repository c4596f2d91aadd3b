package dev.stratus.compute.api.service;

import dev.stratus.common.compute.ActionEvent;
import dev.stratus.common.compute.InstanceFault;
import dev.stratus.common.compute.InstanceStateReport;
import dev.stratus.compute.api.operator.service.AvailabilityZones;
import dev.stratus.compute.api.persistence.ConsoleAuthTokenRepository;
import dev.stratus.compute.api.persistence.InstanceActionRepository;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.persistence.MoveRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The conductor role: applies a node's (or the scheduler's) {@link InstanceStateReport} to the instance row,
 * at most once per sequence number. Its action event is recorded whatever the sequence, idempotently.
 */
@ApplicationScoped
public class StateReports {

    private static final Logger LOG = Logger.getLogger(StateReports.class);

    /** What the caller must do after the transaction committed. */
    public enum FollowUp {
        NONE,
        /** The instance is now deleted: hand its allocations back to the scheduler. */
        RELEASE,
        /** The report is about an instance deleted here meanwhile: tell its host to destroy it. */
        DESTROY_ON_HOST,
        /** The instance was shelved and left its host: hand its allocations back, to be claimed again later. */
        OFFLOADED
    }

    private final InstanceRepository instances;
    private final InstanceActionRepository actions;
    private final InstanceRemoval removal;
    private final ConsoleAuthTokenRepository consoleTokens;
    private final AvailabilityZones zones;
    private final MoveRecords moves;

    public StateReports(InstanceRepository instances, InstanceActionRepository actions, InstanceRemoval removal,
            ConsoleAuthTokenRepository consoleTokens, AvailabilityZones zones, MoveRecords moves) {
        this.moves = moves;
        this.instances = instances;
        this.actions = actions;
        this.removal = removal;
        this.consoleTokens = consoleTokens;
        this.zones = zones;
    }

    @Transactional
    public FollowUp apply(InstanceStateReport report) {
        return apply(report, false);
    }

    /**
     * A move's report: as {@link #apply}, except that it never changes an instance being deleted (a move step that
     * ends after the delete was asked must not bring the server back) and that, when it advanced its migration and
     * comes from the other host of the move, the migration's status orders it rather than its sequence: the source's
     * and the destination's sequences come from two clocks.
     *
     * @param advancedMove whether the report moved its migration to a later status
     */
    @Transactional
    public FollowUp applyMove(InstanceStateReport report, boolean advancedMove) {
        return apply(report, true, advancedMove);
    }

    private FollowUp apply(InstanceStateReport report, boolean yieldsToDelete) {
        return apply(report, yieldsToDelete, false);
    }

    private FollowUp apply(InstanceStateReport report, boolean yieldsToDelete, boolean advancedMove) {
        Optional<InstanceRow> found = instances.lockForUpdate(report.instanceId());
        if (found.isEmpty()) {
            LOG.warnf("State report for unknown instance %s ignored", report.instanceId());
            return FollowUp.NONE;
        }
        InstanceRow row = found.get();
        ActionEvent event = report.event();
        if (event != null && event.actionRequestId() != null) {
            actions.applyEvent(row.uuid(), event.actionRequestId(), actionNameOf(event.event()), event.event(),
                    event.startTime(), event.finishTime(), event.result(),
                    event.host() != null ? event.host() : report.host(), event.details());
        }
        boolean deleting = "deleting".equals(row.taskState());
        if (yieldsToDelete && deleting && !row.isDeleted()) {
            LOG.debugf("Move report for %s ignored: the instance is being deleted", row.uuid());
            // The delete went to the instance's host; a guest the move made on another host goes too.
            boolean elsewhere = report.host() != null && !report.host().isEmpty()
                    && !report.host().equals(row.host()) && !"deleted".equals(report.vmState());
            return elsewhere ? FollowUp.DESTROY_ON_HOST : FollowUp.NONE;
        }
        // The host says the guest is gone while a delete waits for it: final, whatever the reports' order.
        boolean gone = deleting && "deleted".equals(report.vmState());
        // A move's step reported from the other host than the instance's: its sequence is of another clock.
        boolean otherHostsStep = advancedMove && report.host() != null && !report.host().isEmpty()
                && !report.host().equals(row.host());
        if (!advancedMove && evacuatedAwayFrom(row, report.host())) {
            // The source of an evacuation running again (its power sync, say) speaks of a guest the instance left.
            LOG.debugf("State report for %s from %s ignored: the instance was evacuated away from it", row.uuid(),
                    report.host());
            return FollowUp.NONE;
        }
        if (!gone && !otherHostsStep && report.sequence() <= row.lastReportSequence()) {
            LOG.debugf("State report %s for %s is not newer than %s; state unchanged", (Object) report.sequence(), row.uuid(),
                    row.lastReportSequence());
            return FollowUp.NONE;
        }
        if (row.isDeleted()) {
            instances.db().update("update instances set last_report_sequence = greatest(last_report_sequence, ?)"
                    + " where uuid = ?", report.sequence(), row.uuid());
            // Only a report of the guest's state says it is still there: a delete's own start (an event alone)
            // does not, or each delete would ask for the next.
            boolean stillOnHost = report.host() != null && !report.host().isEmpty()
                    && (report.vmState() != null ? !"deleted".equals(report.vmState())
                            : report.powerState() != null && report.powerState() != 0);
            return stillOnHost ? FollowUp.DESTROY_ON_HOST : FollowUp.NONE;
        }
        if ("deleted".equals(report.vmState())) {
            instances.db().update("update instances set last_report_sequence = greatest(last_report_sequence, ?),"
                    + " power_state = 0 where uuid = ?", report.sequence(), row.uuid());
            return removal.finish(row.uuid()) ? FollowUp.RELEASE : FollowUp.NONE;
        }
        if (row.host() != null && report.host() != null && !report.host().equals(row.host())) {
            // The guest left the host its console tokens lead to: another guest may get its console port there.
            consoleTokens.deleteForInstance(row.uuid());
        }
        // As Nova's conductor: a server is in the zone of the host it landed on (built, moved or unshelved there),
        // whether or not it asked for one; a server pinned to a zone only lands on hosts of that zone.
        String zone = blankToNull(report.host()) != null && !report.host().equals(row.host())
                ? zones.zoneOfHost(report.host()).orElse(null) : null;
        // An empty host (and node) means the instance left its host: it goes back to the scheduler.
        instances.db().update("update instances set host = case when ?::text = '' then null else coalesce(?, host) end,"
                + " availability_zone = coalesce(?, availability_zone),"
                + " node = case when ?::text = '' then null else coalesce(?, node) end,"
                + " launched_on = coalesce(launched_on, nullif(?, '')), vm_state = coalesce(?, vm_state),"
                + " task_state = case when ? then null when ?::text is not null then ? else task_state end,"
                + " power_state = coalesce(?, power_state), launched_at = coalesce(?, launched_at),"
                + " root_device_name = case when ? = 'active' then coalesce(root_device_name, '/dev/vda')"
                + " else root_device_name end,"
                + " last_report_sequence = greatest(last_report_sequence, ?), updated_at = now() where uuid = ?",
                report.host(), report.host(), zone, report.node(), report.node(), report.host(), report.vmState(),
                report.clearTaskState(),
                report.taskState(), report.taskState(), report.powerState(), report.launchedAt(),
                report.vmState(), report.sequence(), row.uuid());
        InstanceFault fault = report.fault();
        if (fault != null) {
            instances.insertFault(row.uuid(), fault.code(), fault.message(), fault.details(), blankToNull(report.host()));
        } else if ("error".equals(report.vmState()) && !"error".equals(row.vmState())) {
            instances.insertFault(row.uuid(), 500, "The instance went to ERROR without a reason from "
                    + (report.host() != null ? "compute host " + report.host() : "the scheduler") + ".", null,
                    report.host());
        }
        return "shelved_offloaded".equals(report.vmState()) ? FollowUp.OFFLOADED : FollowUp.NONE;
    }

    private boolean evacuatedAwayFrom(InstanceRow row, String reportHost) {
        return reportHost != null && !reportHost.isEmpty() && row.host() != null && !reportHost.equals(row.host())
                && moves.evacuatedAway(row.uuid(), reportHost);
    }

    private static String blankToNull(String host) {
        return host == null || host.isEmpty() ? null : host;
    }

    /** The action an event belongs to when the API never recorded one (e.g. compute_start_instance -> start). */
    static String actionNameOf(String event) {
        String name = event.startsWith("compute_") ? event.substring("compute_".length()) : event;
        if (name.startsWith("schedule")) {
            return "create";
        }
        return name.replace("_instance", "");
    }
}
