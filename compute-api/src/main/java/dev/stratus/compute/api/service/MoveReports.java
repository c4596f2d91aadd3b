package dev.stratus.compute.api.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.MoveReport;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.persistence.MoveRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The conductor's part of a move: a {@link MoveReport} changes the instance (as any state report), the
 * migration's status and, when the report says so, the instance's flavor, in one transaction. What the scheduler
 * must do about the claims is the caller's, after the commit. An evacuation's {@code done} keeps both claims (the
 * source's guest still holds its resources); its {@code completed}, reported by the source once it destroyed that
 * guest, commits them and changes nothing of the instance. A later move committed while an evacuation is still
 * {@code done} settles that evacuation's claims with its own: the destination's goes back (the instance left it), and
 * the source's was the instance's, which the commit returns; so the evacuation's late {@code completed} commits
 * nothing, nor does one of an instance deleted since (its delete returned every claim).
 */
@ApplicationScoped
public class MoveReports {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the move's claims need once the transaction committed. */
    public enum Claims {
        /** Nothing yet: the move goes on, or its report came again. */
        KEEP,
        /** Confirmed (or a live migration completed): the destination's claim becomes the instance's. */
        COMMIT,
        /** Reverted, in error or failed: the destination's claim goes back. */
        RETURN
    }

    /**
     * The follow-up of the state report and of the claims.
     *
     * @param superseded with {@link Claims#COMMIT}: the migrations of older evacuations still {@code done} whose
     *        destinations' claims go back (the instance left those hosts by this move)
     */
    public record Outcome(StateReports.FollowUp state, Claims claims, java.util.List<String> superseded) {

        Outcome(StateReports.FollowUp state, Claims claims) {
            this(state, claims, java.util.List.of());
        }
    }

    private final StateReports states;
    private final MoveRecords moves;
    private final InstanceRepository instances;

    public MoveReports(StateReports states, MoveRecords moves, InstanceRepository instances) {
        this.states = states;
        this.moves = moves;
        this.instances = instances;
    }

    /**
     * Applies the report. The migration advances first (its statuses are ranked, so a report that comes late or twice
     * changes nothing); a report that advanced it from the other host of the move changes the instance whatever its
     * sequence, as the migration's order holds across the two hosts, whose sequences do not compare. The instance's row is locked before the
     * migration's, as everywhere else.
     */
    @Transactional
    public Outcome apply(MoveReport report) {
        String instanceUuid = report.state().instanceId();
        boolean deleted = instances.lockForUpdate(instanceUuid).map(InstanceRow::isDeleted).orElse(true);
        boolean finished = MoveReport.FINISHED.equals(report.migrationStatus());
        String host = report.destHost() != null ? report.destHost()
                : finished ? blankToNull(report.state().host()) : null;
        String node = report.destHost() != null ? report.destNode()
                : finished ? blankToNull(report.state().node()) : null;
        boolean advanced = moves.advance(report.migrationId(), report.migrationStatus(), host, node);
        if (MoveReport.COMPLETED.equals(report.migrationStatus()) && moves.isEvacuation(report.migrationId())) {
            // The evacuation's source destroyed its guest: the instance lives on elsewhere, its state untouched.
            // Its claims were settled already when the instance was deleted since (all returned) or moved on by a
            // later move (whose commit returned the source's claim and this evacuation's destination's).
            boolean settled = deleted || moves.superseded(report.migrationId());
            return advanced && !settled ? committed(StateReports.FollowUp.NONE, instanceUuid, report.migrationId())
                    : new Outcome(StateReports.FollowUp.NONE, Claims.KEEP);
        }
        StateReports.FollowUp followUp = states.applyMove(report.state(), advanced);
        if (!advanced) {
            return new Outcome(followUp, Claims.KEEP);
        }
        if (report.flavor() != null) {
            setFlavor(report.state().instanceId(), report.flavor());
        }
        return switch (report.migrationStatus()) {
            case MoveReport.CONFIRMED, MoveReport.COMPLETED -> committed(followUp, instanceUuid, report.migrationId());
            case MoveReport.REVERTED, MoveReport.ERROR, MoveReport.FAILED -> new Outcome(followUp, Claims.RETURN);
            default -> new Outcome(followUp, Claims.KEEP);
        };
    }

    private Outcome committed(StateReports.FollowUp followUp, String instanceUuid, String migrationUuid) {
        return new Outcome(followUp, Claims.COMMIT, moves.doneEvacuationsBefore(instanceUuid, migrationUuid));
    }

    private void setFlavor(String uuid, FlavorSpec flavor) {
        String specs;
        try {
            specs = JSON.writeValueAsString(flavor.extraSpecs());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write flavor extra specs", e);
        }
        instances.db().update("update instances set instance_type_id = ?, flavor_name = ?, vcpus = ?, memory_mb = ?,"
                + " root_gb = ?, ephemeral_gb = ?, swap = ?, flavor_extra_specs = ?::jsonb, updated_at = now()"
                + " where uuid = ?", flavor.id(), flavor.name(), flavor.vcpus(), flavor.memoryMb(), flavor.rootGb(),
                flavor.ephemeralGb(), flavor.swapMb(), specs, uuid);
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
