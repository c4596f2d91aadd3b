package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.compute.ImageSpec;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.RequestSpec;
import dev.stratus.common.compute.ScheduleInstances;
import dev.stratus.common.compute.ShelveInstance;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.config.ComputeSettings;
import dev.stratus.compute.api.messaging.ComputeCasts;
import dev.stratus.compute.api.persistence.InstanceActionRepository;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.persistence.PinnedZones;
import dev.stratus.compute.api.persistence.ShelvedImages;
import dev.stratus.compute.api.service.action.Locks;
import dev.stratus.compute.api.service.action.StateRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Nova's shelve, with its default {@code shelved_offload_time = 0}: {@code shelve} saves the server's disk in an
 * image named {@code <server>-shelved} and takes the server off its host (SHELVED_OFFLOADED, its claim returned,
 * its quota still counted); {@code unshelve} boots it again from that image on a host the scheduler chooses,
 * after which the image is deleted; {@code shelveOffload} offloads a server that stayed SHELVED on its host.
 */
@ApplicationScoped
public class ServerShelver {

    private static final Logger LOG = Logger.getLogger(ServerShelver.class);
    private static final StateRule SHELVABLE = new StateRule(Set.of("active", "stopped", "paused", "suspended"),
            StateRule.NO_TASK);
    private static final StateRule OFFLOADABLE = new StateRule(Set.of("shelved"), StateRule.NO_TASK);
    private static final StateRule UNSHELVABLE = new StateRule(Set.of("shelved_offloaded"), StateRule.NO_TASK);

    private final ServerLookup lookup;
    private final InstanceRepository instances;
    private final InstanceActionRepository actions;
    private final ServerSnapshotter snapshots;
    private final ShelvedImages shelvedImages;
    private final ImageCatalog images;
    private final InstanceBuilds builds;
    private final ComputeCasts casts;
    private final Policy policy;
    private final ComputeSettings settings;
    private final UnshelveTargets targets;
    private final PinnedZones pinnedZones;

    /**
     * What an unshelve asks for: an availability zone (2.77; {@code zoneGiven} with a null zone unpins the server,
     * 2.91) and an admin's host (2.91).
     */
    public record Unshelve(boolean zoneGiven, String zone, String host) {
        public static final Unshelve ANYWHERE = new Unshelve(false, null, null);
    }

    public ServerShelver(ServerLookup lookup, InstanceRepository instances, InstanceActionRepository actions,
            ServerSnapshotter snapshots, ShelvedImages shelvedImages, ImageCatalog images, InstanceBuilds builds,
            ComputeCasts casts, Policy policy, ComputeSettings settings, UnshelveTargets targets,
            PinnedZones pinnedZones) {
        this.pinnedZones = pinnedZones;
        this.lookup = lookup;
        this.instances = instances;
        this.actions = actions;
        this.snapshots = snapshots;
        this.shelvedImages = shelvedImages;
        this.images = images;
        this.builds = builds;
        this.casts = casts;
        this.policy = policy;
        this.settings = settings;
        this.targets = targets;
    }

    public void shelve(AuthContext caller, String uuid, String requestId) {
        InstanceRow row = begin(caller, uuid, "shelve", "os_compute_api:os-shelve:shelve", false, SHELVABLE,
                "shelving", requestId);
        String imageId;
        try {
            imageId = snapshots.createShelvedImage(caller, row);
        } catch (RuntimeException e) {
            undo(uuid, "shelving", requestId);
            throw e;
        }
        shelvedImages.set(uuid, imageId);
        try {
            casts.shelve(row.host(), new ShelveInstance(uuid, imageId, true, requestId)).join();
        } catch (RuntimeException e) {
            LOG.errorf("Could not send the shelve of %s to compute.%s: %s", uuid, row.host(), e.getMessage());
            shelvedImages.take(uuid);
            snapshots.deleteQuietly(caller, imageId);
            undo(uuid, "shelving", requestId);
            throw ApiException.unavailable("The compute host of instance " + uuid + " could not be reached.");
        }
    }

    /** {@code shelveOffload}: an admin's, for a server that stayed SHELVED on its host. */
    public void offload(AuthContext caller, String uuid, String requestId) {
        InstanceRow row = begin(caller, uuid, "shelveOffload", "os_compute_api:os-shelve:shelve_offload", true,
                OFFLOADABLE, "shelving_offloading", requestId);
        String imageId = shelvedImages.of(uuid).orElse(null);
        try {
            casts.shelve(row.host(), new ShelveInstance(uuid, imageId, true, requestId)).join();
        } catch (RuntimeException e) {
            undo(uuid, "shelving_offloading", requestId);
            throw ApiException.unavailable("The compute host of instance " + uuid + " could not be reached.");
        }
    }

    /**
     * {@code unshelve}: boots the server from its shelved image on a host the scheduler chooses within what
     * {@link UnshelveTargets} allows (the zone the server is pinned to, or a new one from 2.77, an admin's host from
     * 2.91; the server group's policy). A zone named pins the server to it from now on, as Nova saves it in the
     * request spec before scheduling.
     */
    @Transactional
    public void unshelve(AuthContext caller, String uuid, Unshelve request, String requestId) {
        InstanceRow visible = lookup.visible(caller, uuid);
        String imageId = shelvedImages.of(uuid).orElse(null);
        CompletableFuture<Optional<ImageCatalog.Image>> imageLookup = imageId == null ? null
                : images.findAsync(caller, imageId);
        InstanceRow row = lookup.lockVisible(caller, uuid);
        policy.enforce("os_compute_api:os-shelve:unshelve", ComputeRules.memberOf(visible.projectId()));
        Locks.check(caller, row);
        UnshelveTargets.Target target = targets.resolve(caller, row, request);
        if ("shelved".equals(row.vmState()) && row.taskState() == null) {
            throw ApiException.conflict("Instance " + uuid + " is being offloaded from its host; unshelve it once"
                    + " it is SHELVED_OFFLOADED.");
        }
        UNSHELVABLE.check("unshelve", row);
        ImageCatalog.Image image = imageLookup == null ? null : ImageCatalog.await(imageLookup).orElse(null);
        if (image == null || !"active".equals(image.status())) {
            throw ApiException.conflict("The shelved image " + imageId + " of instance " + uuid
                    + " is not available; the server cannot be unshelved.");
        }
        String zone = target.shownZone() != null ? target.shownZone() : row.availabilityZone();
        instances.db().update("update instances set task_state = 'unshelving', availability_zone = ?,"
                + " updated_at = now() where uuid = ?", zone, uuid);
        if (target.repinned()) {
            pinnedZones.set(uuid, target.zone());
        }
        actions.start(uuid, "unshelve", requestId, caller.userId(), caller.projectId());
        ImageSpec spec = image.spec();
        InstanceBuild build = builds.of(row, spec, null);
        RequestSpec placement = new RequestSpec(row.projectId(), row.userId(), build.flavor(), spec,
                target.zone(), target.hints(), List.of());
        try {
            casts.schedule(new ScheduleInstances(placement, List.of(build), settings.maxBuildAttempts()), requestId)
                    .join();
        } catch (RuntimeException e) {
            LOG.errorf("Could not hand the unshelve of %s to the scheduler: %s", uuid, e.getMessage());
            // the transaction rolls back: the server is as it was
            throw ApiException.unavailable("The scheduler could not be reached; retry the unshelve.");
        }
    }

    @Transactional
    InstanceRow begin(AuthContext caller, String uuid, String action, String rule, boolean adminOnly,
            StateRule states, String taskState, String requestId) {
        InstanceRow row = lookup.lockVisible(caller, uuid);
        policy.enforce(rule, adminOnly ? ComputeRules.admin() : ComputeRules.memberOf(row.projectId()));
        Locks.check(caller, row);
        states.checkOnHost(action, row);
        instances.db().update("update instances set task_state = ?, updated_at = now() where uuid = ?", taskState,
                uuid);
        actions.start(uuid, action, requestId, caller.userId(), caller.projectId());
        return row;
    }

    @Transactional
    void undo(String uuid, String taskState, String requestId) {
        instances.db().update("update instances set task_state = null, updated_at = now() where uuid = ?"
                + " and task_state = ?", uuid, taskState);
        actions.finish(uuid, requestId, true);
    }
}
