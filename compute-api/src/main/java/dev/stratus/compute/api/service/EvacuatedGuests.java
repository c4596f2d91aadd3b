package dev.stratus.compute.api.service;

import dev.stratus.common.compute.DestroyEvacuated;
import dev.stratus.compute.api.messaging.ComputeCasts;
import dev.stratus.compute.api.persistence.MoveRecords;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The source's part of an evacuation, Nova's {@code _destroy_evacuated_instances} at a compute's start: when a host
 * reports from a service started after an evacuation away from it was asked (it was restarted, not merely forced down
 * while it ran on), the guest it kept of that instance (the evacuation {@code done}, the instance on another host) is
 * to be destroyed there, also when the instance was deleted since (its delete returned the claims; the guest is
 * still there). Each is asked of the host with {@link DestroyEvacuated}; its answer
 * ({@code completed}) returns the source's claim. Asked again on each heartbeat until answered (the host's handler
 * is idempotent), so a lost message only delays it.
 */
@ApplicationScoped
public class EvacuatedGuests {

    private static final Logger LOG = Logger.getLogger(EvacuatedGuests.class);

    private final MoveRecords moves;
    private final ComputeCasts casts;

    public EvacuatedGuests(MoveRecords moves, ComputeCasts casts) {
        this.moves = moves;
        this.casts = casts;
    }

    /**
     * {@code host}, whose service started at {@code startedAt}, reported: asks it to destroy what it kept of instances
     * evacuated away before it started; returns how many.
     */
    public int cleanUp(String host, Instant startedAt) {
        if (startedAt == null) {
            return 0;
        }
        List<MoveRecords.Evacuated> evacuated = moves.evacuatedFrom(host, startedAt);
        for (MoveRecords.Evacuated e : evacuated) {
            LOG.infof("Host %s is up again: destroying its guest of %s, evacuated by migration %s", host,
                    e.instanceUuid(), e.migrationUuid());
            casts.destroyEvacuated(host, new DestroyEvacuated(e.instanceUuid(), e.migrationUuid())).join();
        }
        return evacuated.size();
    }
}
