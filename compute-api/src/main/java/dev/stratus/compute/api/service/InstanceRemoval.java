package dev.stratus.compute.api.service;

import dev.stratus.compute.api.messaging.ComputeCasts;
import dev.stratus.compute.api.persistence.ConsoleAuthTokenRepository;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.MoveRecords;
import dev.stratus.compute.api.persistence.ShelvedImages;
import dev.stratus.compute.api.persistence.ServerGroupRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The end of an instance: marked deleted (its quota is free, since usage counts live rows), out of its
 * server group, its console tokens gone, its allocations handed back to the scheduler exactly once, its ports to network-service and its
 * shelved image (if any) deleted.
 */
@ApplicationScoped
public class InstanceRemoval {

    private static final Logger LOG = Logger.getLogger(InstanceRemoval.class);

    private final InstanceRepository instances;
    private final ServerGroupRepository groups;
    private final ComputeCasts casts;
    private final ServerPorts ports;
    private final MoveRecords moves;
    private final ShelvedImages shelvedImages;
    private final ImageService images;
    private final ConsoleAuthTokenRepository consoleTokens;

    public InstanceRemoval(InstanceRepository instances, ServerGroupRepository groups, ComputeCasts casts,
            ServerPorts ports, MoveRecords moves, ShelvedImages shelvedImages, ImageService images,
            ConsoleAuthTokenRepository consoleTokens) {
        this.consoleTokens = consoleTokens;
        this.moves = moves;
        this.shelvedImages = shelvedImages;
        this.images = images;
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
            consoleTokens.deleteForInstance(uuid);
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
        uuids.forEach(uuid -> shelvedImages.take(uuid).ifPresent(this::deleteImage));
    }

    /** A shelved server runs again: the image that held its disk goes, as Nova deletes it. */
    public void unshelved(String uuid) {
        shelvedImages.takeIfUnshelved(uuid).ifPresent(this::deleteImage);
    }

    private void deleteImage(String imageId) {
        try {
            images.deleteOnBehalf(imageId);
            LOG.infof("Shelved image %s deleted", imageId);
        } catch (RuntimeException e) {
            LOG.warnf("The shelved image %s could not be deleted: %s", imageId, e.getMessage());
        }
    }
}
