package dev.stratus.scheduler.service;

import dev.stratus.common.compute.EvacuateInstance;
import dev.stratus.common.compute.HostResources;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.InstanceMove;
import dev.stratus.common.compute.LiveMigrateInstance;
import dev.stratus.common.compute.MoveInstance;
import dev.stratus.common.compute.RequestSpec;
import dev.stratus.common.compute.ScheduleMove;
import dev.stratus.scheduler.config.SchedulerConfig;
import dev.stratus.scheduler.filter.FilterScope;
import dev.stratus.scheduler.messaging.SchedulerOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Places a move (resize, cold or live migration): chooses a destination with the filters and weighers of a build, claims the new flavor there
 * for the migration's consumer (the instance keeps its claim on the source until the move is confirmed or
 * reverted, or a live migration completed), then starts the move on the source host. A destination has the source's hypervisor type; another
 * host than the source is possible only when both hosts' drivers move disks between hosts
 * ({@link HostResources#TRAIT_MOVES_BETWEEN_HOSTS}), and the source itself only when the request allows it.
 * The server group's policy and the zone the server is pinned to apply as for a build, the moving server not counted
 * at its source; an admin's forced destination bypasses them ({@link FilterScope#FORCED_HOST}). Redelivery is
 * harmless: a migration already claimed somewhere is sent there again.
 * <p>
 * An evacuation (its source host is down) goes to any other host, whatever its driver, as Nova's conductor
 * schedules a rebuild with the source ignored: the destination builds the instance anew from its image
 * ({@link EvacuateInstance}), and nothing goes to the source. With no destination the instance goes to ERROR,
 * as Nova's conductor sets it on NoValidHost.
 */
@ApplicationScoped
public class MoveScheduler {

    private static final Logger LOG = Logger.getLogger(MoveScheduler.class);

    private final HostSelector selector;
    private final ClaimService claims;
    private final HostStateCache cache;
    private final SchedulerOutbox outbox;
    private final SchedulerConfig config;
    private final ServerGroupMembers groupMembers;

    public MoveScheduler(HostSelector selector, ClaimService claims, HostStateCache cache, SchedulerOutbox outbox,
            SchedulerConfig config, ServerGroupMembers groupMembers) {
        this.groupMembers = groupMembers;
        this.selector = selector;
        this.claims = claims;
        this.cache = cache;
        this.outbox = outbox;
        this.config = config;
    }

    /** The destination chosen, or why there is none. */
    public record Result(String host, String noValidHost) {
    }

    public Result schedule(ScheduleMove request, String requestId) {
        InstanceMove move = request.move();
        Result result = decide(request);
        if (result.host() == null) {
            if (result.noValidHost() != null) {
                LOG.infof("No destination for move %s of %s: %s", move.migrationId(), move.instanceId(),
                        result.noValidHost());
                if (move.evacuation()) {
                    outbox.moveError(move.instanceId(), move.migrationId(), Faults.noValidHost(result.noValidHost()),
                            move.actionRequestId(), SchedulerOutbox.REBUILD_EVENT, "error");
                } else {
                    outbox.moveError(move.instanceId(), move.migrationId(),
                            Faults.noValidHost(result.noValidHost()), move.actionRequestId(),
                            move.live() ? SchedulerOutbox.LIVE_MIGRATE_EVENT : SchedulerOutbox.MIGRATE_EVENT);
                }
            }
            return result;
        }
        HostState dest = cache.host(result.host()).orElseThrow();
        InstanceMove placed = move.to(dest.host(), dest.node());
        if (move.evacuation()) {
            outbox.evacuate(new EvacuateInstance(placed), dest.host(), requestId);
        } else if (move.live()) {
            outbox.liveMigrate(new LiveMigrateInstance(LiveMigrateInstance.Step.MIGRATE, placed, null),
                    move.sourceHost(), requestId);
        } else {
            outbox.move(new MoveInstance(MoveInstance.Step.RESIZE, placed), move.sourceHost(), requestId);
        }
        LOG.infof("Move %s of %s: %s -> %s", move.migrationId(), move.instanceId(), move.sourceHost(), dest.host());
        return result;
    }

    /** Selects and claims, without sending anything; one decision at a time per server group. */
    public Result decide(ScheduleMove request) {
        return groupMembers.serialised(request.spec().hints().groupId(), () -> decideAlone(request));
    }

    private Result decideAlone(ScheduleMove request) {
        InstanceMove move = request.move();
        UUID consumer = Consumers.of(move.migrationId());
        if (claims.isReleased(consumer)) {
            LOG.infof("Move %s was given up before it was placed; not scheduled", move.migrationId());
            return new Result(null, null);
        }
        Set<String> excluded = new TreeSet<>();
        String unreachable = exclusions(request, excluded);
        if (unreachable != null) {
            return new Result(null, unreachable);
        }
        RequestSpec spec = request.spec();
        InstanceBuild asMigration = asConsumer(move);
        String lastProblem = null;
        for (int round = 0; round <= config.claimRetries(); round++) {
            Decision decision = selector.select(spec, List.of(asMigration), excluded,
                    Set.of(Consumers.of(move.instanceId())),
                    request.forced() ? FilterScope.FORCED_HOST : FilterScope.ALL);
            if (decision instanceof Decision.NoValidHost none) {
                return new Result(null, none.details());
            }
            Placement p = ((Decision.Placed) decision).placements().get(0);
            if (p.existing()) {
                return new Result(p.host().host(), null);
            }
            ClaimService.Outcome outcome;
            try {
                outcome = claims.claim(List.of(new ClaimService.Claim(consumer, spec.projectId(), spec.userId(),
                        p.host().providerId(), p.host().node(), Resources.of(spec.flavor()))));
            } catch (ClaimService.ClaimLostException lost) {
                selector.cancel(List.of(p));
                lastProblem = lost.getMessage();
                cache.refreshProviders(List.of(p.host().providerId()));
                continue;
            } catch (RuntimeException e) {
                selector.cancel(List.of(p));
                throw e;
            }
            if (outcome.refused().contains(consumer)) {
                p.host().cancel(consumer);
                return new Result(null, null);
            }
            Long existing = outcome.existing().get(consumer);
            if (existing != null) {
                p.host().cancel(consumer);
                cache.refreshProviders(List.of(existing));
                return cache.byProvider(existing).map(h -> new Result(h.host(), null))
                        .orElse(new Result(null, "the move's claim is on a provider that is no compute host"));
            }
            if (!cache.committed(consumer, p.host())) {
                return new Result(null, null);
            }
            // Until the move ends, the group counts the server at its destination too.
            groupMembers.placed(spec.hints().groupId(), consumer);
            return new Result(p.host().host(), null);
        }
        return new Result(null, "Claims kept conflicting with concurrent requests: " + lastProblem);
    }

    /**
     * Fills {@code excluded} with the hosts this move cannot go to; returns why no host is left when the rules
     * alone leave none (the filters never see such a request).
     */
    private String exclusions(ScheduleMove request, Set<String> excluded) {
        InstanceMove move = request.move();
        if (move.evacuation()) {
            excluded.add(move.sourceHost());
            return cache.all().stream().anyMatch(h -> !h.host().equals(move.sourceHost())) ? null
                    : "No other host than " + move.sourceHost() + " can take the evacuated instance.";
        }
        HostState source = cache.host(move.sourceHost()).orElse(null);
        String sourceType = source == null ? null : source.hypervisorType();
        boolean sourceMoves = source != null && source.traits().contains(HostResources.TRAIT_MOVES_BETWEEN_HOSTS);
        int left = 0;
        for (HostState host : cache.all()) {
            boolean isSource = host.host().equals(move.sourceHost());
            boolean allowed;
            if (isSource) {
                allowed = request.allowSameHost();
            } else {
                allowed = sourceMoves && host.traits().contains(HostResources.TRAIT_MOVES_BETWEEN_HOSTS)
                        && Objects.equals(sourceType, host.hypervisorType());
            }
            if (allowed) {
                left++;
            } else {
                excluded.add(host.host());
            }
        }
        if (left > 0) {
            return null;
        }
        if (!sourceMoves) {
            return "The driver of host " + move.sourceHost() + " cannot move a guest's disks to another host"
                    + (request.allowSameHost() ? ", and the source host cannot take it."
                            : ", and resizing on the same host is not allowed here.");
        }
        return "No other host of hypervisor type " + sourceType + " can take a guest from " + move.sourceHost() + ".";
    }

    /** The instance as the selector sees it: its consumer is the migration's, which holds the new claim. */
    private static InstanceBuild asConsumer(InstanceMove move) {
        InstanceBuild i = move.instance();
        return new InstanceBuild(move.migrationId(), i.name(), i.hostname(), i.projectId(), i.userId(), i.flavor(),
                i.image(), i.keyName(), i.keyData(), i.userData(), i.metadata(), i.networks(), i.configDrive(),
                i.availabilityZone(), i.launchIndex(), i.reservationId(), i.adminPass(), i.createdAt());
    }
}
