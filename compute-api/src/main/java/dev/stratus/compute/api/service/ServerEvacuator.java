package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.ImageSpec;
import dev.stratus.common.compute.InstanceMove;
import dev.stratus.common.compute.RequestSpec;
import dev.stratus.common.compute.ScheduleMove;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.messaging.ComputeCasts;
import dev.stratus.compute.api.operator.persistence.ServiceRecords;
import dev.stratus.compute.api.operator.service.ServiceLiveness;
import dev.stratus.compute.api.persistence.InstanceActionRepository;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.persistence.MoveRecords;
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
 * Starts an evacuation (Nova's {@code evacuate}, an admin's): the server's host is down, so the server is built anew
 * from its image on the host named or one the scheduler chooses (never its source; its pinned zone and server group
 * respected). The checks go in Nova's order: the host named exists (404) and is not the server's (400), the server
 * is ACTIVE, STOPPED or ERROR without a task (409), its host's compute service is down (forced down or silent; 400).
 * The migration row ({@code evacuation}, {@code accepted}), the task state {@code rebuilding}, the instance action
 * {@code evacuate} and the cast to the scheduler share one transaction.
 */
@ApplicationScoped
public class ServerEvacuator {

    private static final Logger LOG = Logger.getLogger(ServerEvacuator.class);
    /** Nova's check_instance_state for evacuate: ACTIVE, STOPPED or ERROR, no task. */
    private static final StateRule STATES = new StateRule(Set.of("active", "stopped", "error"), StateRule.NO_TASK);
    private static final String COMPUTE_BINARY = "nova-compute";

    private final ServerLookup lookup;
    private final InstanceRepository instances;
    private final InstanceActionRepository actions;
    private final InstanceBuilds builds;
    private final MoveRecords moves;
    private final ServiceRecords services;
    private final ServiceLiveness liveness;
    private final MoveRequests requests;
    private final ComputeCasts casts;
    private final Policy policy;

    public ServerEvacuator(ServerLookup lookup, InstanceRepository instances, InstanceActionRepository actions,
            InstanceBuilds builds, MoveRecords moves, ServiceRecords services, ServiceLiveness liveness,
            MoveRequests requests, ComputeCasts casts, Policy policy) {
        this.lookup = lookup;
        this.instances = instances;
        this.actions = actions;
        this.builds = builds;
        this.moves = moves;
        this.services = services;
        this.liveness = liveness;
        this.requests = requests;
        this.casts = casts;
        this.policy = policy;
    }

    /**
     * @param host the admin's destination, or null for the scheduler's choice
     * @param force the named host bypasses the scheduler's filters (below 2.29 any named host; 2.29 to 2.67 with
     *        {@code "force": true})
     * @param adminPass the password the rebuilt guest gets (null: none set)
     */
    @Transactional
    public void evacuate(AuthContext caller, String uuid, String host, boolean force, String adminPass,
            String requestId) {
        InstanceRow visible = lookup.visible(caller, uuid);
        policy.enforce("os_compute_api:os-evacuate", ComputeRules.admin());
        if (host != null && !services.computeHostExists(host)) {
            throw ApiException.notFound("Compute host " + host + " not found.");
        }
        if (host != null && host.equals(visible.host())) {
            throw ApiException.badRequest("The target host can't be the same one.");
        }
        CompletableFuture<Optional<ImageCatalog.Image>> imageLookup = requests.imageOf(caller, visible);
        InstanceRow row = lookup.lockVisible(caller, uuid);
        STATES.checkOnHost("evacuate", row);
        if (host != null && host.equals(row.host())) {
            throw ApiException.badRequest("The target host can't be the same one.");
        }
        Optional<dev.stratus.compute.api.operator.persistence.ServiceRow> service =
                services.byHostAndBinary(row.host(), COMPUTE_BINARY);
        if (service.isPresent() && liveness.isUp(service.get())) {
            LOG.errorf("Instance compute service state on %s expected to be down, but it was up.", row.host());
            throw ApiException.badRequest("Compute service of " + row.host() + " is still in use.");
        }
        ImageSpec image = imageLookup == null ? null
                : ImageCatalog.await(imageLookup).map(ImageCatalog.Image::spec).orElse(null);
        FlavorSpec flavor = InstanceBuilds.flavorOf(row);
        String migrationId = UUID.randomUUID().toString();
        boolean wasStopped = "stopped".equals(row.vmState());
        // The password travels to the destination only; the migration row keeps the move without it.
        moves.insert(new InstanceMove(migrationId, InstanceMove.EVACUATION, builds.of(row, image, null), flavor,
                row.host(), row.node(), null, null, wasStopped, requestId), caller.userId(), caller.projectId());
        InstanceMove move = new InstanceMove(migrationId, InstanceMove.EVACUATION, builds.of(row, image, adminPass),
                flavor, row.host(), row.node(), null, null, wasStopped, requestId);
        instances.db().update("update instances set task_state = 'rebuilding', updated_at = now() where uuid = ?",
                uuid);
        actions.start(uuid, "evacuate", requestId, caller.userId(), caller.projectId());
        RequestSpec spec = new RequestSpec(row.projectId(), row.userId(), flavor, image, requests.zone(uuid),
                requests.hints(uuid, host), List.of(row.host()));
        try {
            casts.scheduleMove(new ScheduleMove(move, spec, false, force && host != null), requestId).join();
        } catch (RuntimeException e) {
            LOG.errorf("Could not hand the evacuation of %s to the scheduler: %s", uuid, e.getMessage());
            // the transaction rolls back: the server is as it was
            throw ApiException.unavailable("The scheduler could not be reached; retry the evacuation.");
        }
    }
}
