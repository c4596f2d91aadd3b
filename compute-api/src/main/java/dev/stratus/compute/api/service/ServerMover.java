package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.ImageSpec;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.InstanceMove;
import dev.stratus.common.compute.RequestSpec;
import dev.stratus.common.compute.ScheduleMove;
import dev.stratus.common.compute.SchedulingHints;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.config.ComputeSettings;
import dev.stratus.compute.api.messaging.ComputeCasts;
import dev.stratus.compute.api.operator.persistence.ServiceRecords;
import dev.stratus.compute.api.persistence.FlavorRow;
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
 * Starts a cold move: {@code resize} (a tenant's, to another flavor) and {@code migrate} (an admin's, to another
 * host). The migration row, the task state {@code resize_prep}, the instance action and the cast to the scheduler
 * share one transaction: when the scheduler cannot be told, nothing changed and the caller gets a 503.
 */
@ApplicationScoped
public class ServerMover {

    private static final Logger LOG = Logger.getLogger(ServerMover.class);
    private static final StateRule STATES = new StateRule(Set.of("active", "stopped"), StateRule.NO_TASK);

    private final ServerLookup lookup;
    private final InstanceRepository instances;
    private final InstanceActionRepository actions;
    private final InstanceBuilds builds;
    private final FlavorService flavors;
    private final QuotaService quotas;
    private final MoveRecords moves;
    private final ServiceRecords services;
    private final MoveRequests requests;
    private final ComputeCasts casts;
    private final Policy policy;
    private final ComputeSettings settings;

    public ServerMover(ServerLookup lookup, InstanceRepository instances, InstanceActionRepository actions,
            InstanceBuilds builds, FlavorService flavors, QuotaService quotas, MoveRecords moves,
            ServiceRecords services, MoveRequests requests, ComputeCasts casts, Policy policy,
            ComputeSettings settings) {
        this.requests = requests;
        this.lookup = lookup;
        this.instances = instances;
        this.actions = actions;
        this.builds = builds;
        this.flavors = flavors;
        this.quotas = quotas;
        this.moves = moves;
        this.services = services;
        this.casts = casts;
        this.policy = policy;
        this.settings = settings;
    }

    /**
     * {@code resize}: the server moves to {@code flavorRef}, on any host the scheduler allows (in the zone the server
     * is pinned to, if any); {@code diskConfig}
     * (AUTO or MANUAL, null to keep) is how its root disk is laid out from now on.
     */
    @Transactional
    public void resize(AuthContext caller, String uuid, String flavorRef, String diskConfig, String requestId) {
        InstanceRow visible = lookup.visible(caller, uuid);
        CompletableFuture<Optional<ImageCatalog.Image>> imageLookup = requests.imageOf(caller, visible);
        FlavorRow flavor = flavors.usableBy(caller, flavorRef);
        InstanceRow row = lookup.lockVisible(caller, uuid);
        policy.enforce("os_compute_api:servers:resize", ComputeRules.memberOf(row.projectId()));
        Locks.check(caller, row);
        STATES.checkOnHost("resize", row);
        FlavorSpec current = InstanceBuilds.flavorOf(row);
        if (flavor.id().equals(current.id())) {
            throw ApiException.badRequest("When resizing, instances must change flavor!");
        }
        if (flavor.rootGb() == 0 && current.rootGb() != 0 && row.imageRef() != null) {
            throw ApiException.badRequest("Resize to zero disk flavor is not allowed.");
        }
        quotas.checkResize(row.projectId(), row.userId(), flavor.vcpus() - current.vcpus(),
                flavor.memoryMb() - current.memoryMb());
        if (diskConfig != null) {
            instances.db().update("update instances set disk_config = ? where uuid = ?", diskConfig, uuid);
        }
        start(caller, row, FlavorService.specOf(flavor), InstanceMove.RESIZE, "resize", null,
                settings.allowResizeToSameHost(), imageLookup, requestId);
    }

    /**
     * {@code migrate}: the server moves to another host with its flavor, the one named (microversion 2.56, still
     * checked by the scheduler's filters, its availability zone included, as Nova's requested destination is) or
     * one the scheduler chooses in the server's zone.
     */
    @Transactional
    public void migrate(AuthContext caller, String uuid, String host, String requestId) {
        policy.enforce("os_compute_api:os-migrate-server:migrate", ComputeRules.admin());
        InstanceRow visible = lookup.visible(caller, uuid);
        CompletableFuture<Optional<ImageCatalog.Image>> imageLookup = requests.imageOf(caller, visible);
        if (host != null && !services.computeHostExists(host)) {
            throw ApiException.badRequest("Compute host " + host + " could not be found.");
        }
        InstanceRow row = lookup.lockVisible(caller, uuid);
        Locks.check(caller, row);
        STATES.checkOnHost("migrate", row);
        if (host != null && host.equals(row.host())) {
            throw ApiException.badRequest("Cannot migrate to the host where the server exists.");
        }
        start(caller, row, InstanceBuilds.flavorOf(row), InstanceMove.MIGRATION, "migrate", host, false, imageLookup,
                requestId);
    }

    private void start(AuthContext caller, InstanceRow row, FlavorSpec newFlavor, String type, String action,
            String targetHost, boolean allowSameHost, CompletableFuture<Optional<ImageCatalog.Image>> imageLookup,
            String requestId) {
        ImageSpec image = imageLookup == null ? null
                : ImageCatalog.await(imageLookup).map(ImageCatalog.Image::spec).orElse(null);
        InstanceBuild build = builds.of(row, image, null).withFlavor(newFlavor);
        InstanceMove move = new InstanceMove(UUID.randomUUID().toString(), type, build, InstanceBuilds.flavorOf(row), row.host(),
                row.node(), null, null, "stopped".equals(row.vmState()), requestId);
        moves.insert(move, caller.userId(), caller.projectId());
        instances.db().update("update instances set task_state = 'resize_prep', updated_at = now() where uuid = ?",
                row.uuid());
        actions.start(row.uuid(), action, requestId, caller.userId(), caller.projectId());
        SchedulingHints hints = requests.hints(row.uuid(), targetHost);
        RequestSpec spec = new RequestSpec(row.projectId(), row.userId(), newFlavor, image, requests.zone(row.uuid()),
                hints, List.of());
        try {
            casts.scheduleMove(new ScheduleMove(move, spec, allowSameHost), requestId).join();
        } catch (RuntimeException e) {
            LOG.errorf("Could not hand the %s of %s to the scheduler: %s", action, row.uuid(), e.getMessage());
            // the transaction rolls back: the server is as it was
            throw ApiException.unavailable("The scheduler could not be reached; retry the " + action + ".");
        }
    }
}
