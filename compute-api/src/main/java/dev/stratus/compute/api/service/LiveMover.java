package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.ImageSpec;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.InstanceMove;
import dev.stratus.common.compute.RequestSpec;
import dev.stratus.common.compute.ScheduleMove;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.messaging.ComputeCasts;
import dev.stratus.compute.api.operator.persistence.ServiceRecords;
import dev.stratus.compute.api.persistence.InstanceActionRepository;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.persistence.MoveRecords;
import dev.stratus.compute.api.service.action.Locks;
import dev.stratus.compute.api.service.action.StateRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Starts a live migration ({@code os-migrateLive}, an admin's): the server keeps running (or paused) while it
 * moves to the host named or one the scheduler chooses. The migration row ({@code live-migration},
 * {@code accepted}), the task state {@code migrating}, the instance action and the cast to the scheduler share one
 * transaction, as a cold move's do; the scheduler and the hosts carry it on ({@code LiveMigrateInstance}).
 */
@ApplicationScoped
public class LiveMover {

    private static final Logger LOG = Logger.getLogger(LiveMover.class);
    /** Nova's check_instance_state for live_migrate: ACTIVE or PAUSED, no task. */
    private static final StateRule STATES = new StateRule(Set.of("active", "paused"), StateRule.NO_TASK);
    private static final String ACTION = "os-migrateLive";

    private final ServerLookup lookup;
    private final InstanceRepository instances;
    private final InstanceActionRepository actions;
    private final InstanceBuilds builds;
    private final MoveRecords moves;
    private final ServiceRecords services;
    private final MoveRequests requests;
    private final ComputeCasts casts;
    private final Policy policy;

    public LiveMover(ServerLookup lookup, InstanceRepository instances, InstanceActionRepository actions,
            InstanceBuilds builds, MoveRecords moves, ServiceRecords services, MoveRequests requests,
            ComputeCasts casts, Policy policy) {
        this.lookup = lookup;
        this.instances = instances;
        this.actions = actions;
        this.builds = builds;
        this.moves = moves;
        this.services = services;
        this.requests = requests;
        this.casts = casts;
        this.policy = policy;
    }

    /**
     * {@code os-migrateLive}: {@code host} null lets the scheduler choose in the zone the server is pinned to; a
     * named host is checked by the scheduler's filters, its zone included, unless {@code force} (Nova's forced
     * destination: below 2.30 any named host, from 2.30 to 2.67 with {@code "force": true}), which bypasses them:
     * the host only has to be up, have room and take the guest from the source.
     */
    @Transactional
    public void liveMigrate(AuthContext caller, String uuid, String host, boolean force, String requestId) {
        policy.enforce("os_compute_api:os-migrate-server:migrate_live", ComputeRules.admin());
        InstanceRow visible = lookup.visible(caller, uuid);
        CompletableFuture<Optional<ImageCatalog.Image>> imageLookup = requests.imageOf(caller, visible);
        InstanceRow row = lookup.lockVisible(caller, uuid);
        Locks.check(caller, row);
        STATES.checkOnHost(ACTION, row);
        // As Nova: the lock and the state first (409), then the host (400).
        if (host != null && host.equals(row.host())) {
            throw ApiException.badRequest("Unable to migrate instance (" + uuid + ") to current host (" + host
                    + ").");
        }
        if (host != null && !services.computeHostExists(host)) {
            throw ApiException.badRequest("Compute host " + host + " could not be found.");
        }
        ImageSpec image = imageLookup == null ? null
                : ImageCatalog.await(imageLookup).map(ImageCatalog.Image::spec).orElse(null);
        FlavorSpec flavor = InstanceBuilds.flavorOf(row);
        InstanceBuild build = builds.of(row, image, null).withFlavor(flavor);
        InstanceMove move = new InstanceMove(UUID.randomUUID().toString(), InstanceMove.LIVE_MIGRATION, build, flavor,
                row.host(), row.node(), null, null, false, requestId);
        moves.insert(move, caller.userId(), caller.projectId());
        instances.db().update("update instances set task_state = 'migrating', updated_at = now() where uuid = ?",
                uuid);
        actions.start(uuid, "live-migration", requestId, caller.userId(), caller.projectId());
        RequestSpec spec = new RequestSpec(row.projectId(), row.userId(), flavor, image, requests.zone(uuid),
                requests.hints(uuid, host), List.of());
        try {
            casts.scheduleMove(new ScheduleMove(move, spec, false, force && host != null), requestId).join();
        } catch (RuntimeException e) {
            LOG.errorf("Could not hand the live migration of %s to the scheduler: %s", uuid, e.getMessage());
            // the transaction rolls back: the server is as it was
            throw ApiException.unavailable("The scheduler could not be reached; retry the live migration.");
        }
    }
}
