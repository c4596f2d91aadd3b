package dev.stratus.compute.api.service;

import dev.stratus.compute.api.messaging.ComputeCasts;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.MoveRecords;
import dev.stratus.compute.api.persistence.ServerGroupRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The end of an instance: marked deleted (its quota is free, since usage counts live rows), out of its
 * server group, its allocations handed back to the scheduler exactly once and its ports to network-service.
 */
@ApplicationScoped
public class InstanceRemoval {

    private static final Logger LOG = Logger.getLogger(InstanceRemoval.class);

    private final InstanceRepository instances;
    private final ServerGroupRepository groups;
    private final ComputeCasts casts;
    private final ServerPorts ports;
    private final MoveRecords moves;

    public InstanceRemoval(InstanceRepository instances, ServerGroupRepository groups, ComputeCasts casts,
            ServerPorts ports, MoveRecords moves) {
        this.moves = moves;
        this.instances = instances;
        this.groups = groups;
        this.casts = casts;
        this.ports = ports;
    }

    /** Inside the caller's transaction; false when it was already deleted (nothing to release again). */
    public boolean finish(String uuid) {
        int changed = instances.db().update("update instances set vm_state = 'deleted', task_state = null,"
                + " power_state = 0, deleted_at = now(), terminated_at = coalesce(terminated_at, now()),"
                + " updated_at = now() where uuid = ? and deleted_at is null", uuid);
        if (changed > 0) {
            groups.removeMember(uuid);
        }
        return changed > 0;
    }

    public void markDeleting(String uuid) {
        instances.db().update("update instances set task_state = 'deleting', updated_at = now() where uuid = ?", uuid);
    }

    /**
     * After the transaction that finished them committed: their claims go back to the scheduler, with the claims
     * of moves they had not finished (which end here).
     */
    public void released(List<String> uuids) {
        List<String> consumers = new ArrayList<>(uuids);
        consumers.addAll(moves.endWith(uuids));
        casts.release(consumers).whenComplete((ok, e) -> {
            if (e != null) {
                LOG.errorf("Could not release the allocations of %s: %s", consumers, e.getMessage());
            }
        });
        ports.release(uuids);
    }
}
