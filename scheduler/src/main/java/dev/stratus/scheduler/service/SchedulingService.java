package dev.stratus.scheduler.service;

import dev.stratus.common.compute.BuildInstance;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.RequestSpec;
import dev.stratus.common.compute.ScheduleInstances;
import dev.stratus.scheduler.config.SchedulerConfig;
import dev.stratus.scheduler.messaging.SchedulerOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Places the instances of one create request: select (in memory), claim (one transaction), then a build to
 * each chosen host, or an ERROR report for every instance when there is no room. A claim that loses a race
 * refreshes the hosts involved from the database and decides again; before answering "no valid host" the
 * whole cache is re-read once, so a release made by another scheduler process is seen.
 */
@ApplicationScoped
public class SchedulingService {

    private static final Logger LOG = Logger.getLogger(SchedulingService.class);
    private static final long FULL_REFRESH_MIN_INTERVAL_NANOS = 1_000_000_000L;

    private final HostSelector selector;
    private final ClaimService claims;
    private final HostStateCache cache;
    private final SchedulerOutbox outbox;
    private final SchedulerConfig config;
    private final ServerGroupMembers groupMembers;
    private final AtomicLong lastFullRefresh = new AtomicLong(System.nanoTime());

    public SchedulingService(HostSelector selector, ClaimService claims, HostStateCache cache, SchedulerOutbox outbox,
            SchedulerConfig config, ServerGroupMembers groupMembers) {
        this.selector = selector;
        this.groupMembers = groupMembers;
        this.claims = claims;
        this.cache = cache;
        this.outbox = outbox;
        this.config = config;
    }

    /** The result of a scheduling request, for callers that want it (tests, the benchmark). */
    public record Result(List<BuildInstance> builds, Set<UUID> refused, String noValidHost) {
    }

    public Result schedule(ScheduleInstances request, String requestId) {
        Result result = place(request);
        if (result.noValidHost() != null) {
            LOG.infof("No valid host for %d instance(s): %s", request.instances().size(), result.noValidHost());
            for (InstanceBuild instance : request.instances()) {
                outbox.error(instance.instanceId(), Faults.noValidHost(result.noValidHost()), requestId);
            }
            return result;
        }
        for (BuildInstance build : result.builds()) {
            outbox.build(build, requestId);
        }
        return result;
    }

    /** Selects and claims, without sending anything. */
    public Result place(ScheduleInstances request) {
        return groupMembers.serialised(request.spec().hints().groupId(), () -> decide(request));
    }

    private Result decide(ScheduleInstances request) {
        RequestSpec spec = request.spec();
        int maxAttempts = request.maxAttempts() > 0 ? request.maxAttempts() : config.maxAttempts();
        boolean refreshed = false;
        String lastProblem = null;
        for (int round = 0; round <= config.claimRetries(); round++) {
            Decision decision = selector.select(spec, request.instances(), Set.of());
            if (decision instanceof Decision.NoValidHost none) {
                if (!refreshed && refreshAllIfDue()) {
                    refreshed = true;
                    continue;
                }
                return new Result(List.of(), Set.of(), none.details());
            }
            List<Placement> placements = ((Decision.Placed) decision).placements();
            List<ClaimService.Claim> toClaim = new ArrayList<>();
            for (Placement p : placements) {
                toClaim.add(new ClaimService.Claim(p.consumer(), spec.projectId(), spec.userId(), p.host().providerId(),
                        p.host().node(), Resources.of(spec.flavor())));
            }
            ClaimService.Outcome outcome;
            try {
                outcome = claims.claim(toClaim);
            } catch (ClaimService.ClaimLostException lost) {
                selector.cancel(placements);
                lastProblem = lost.getMessage();
                Set<Long> involved = new TreeSet<>();
                placements.forEach(p -> involved.add(p.host().providerId()));
                cache.refreshProviders(involved);
                continue;
            } catch (RuntimeException e) {
                selector.cancel(placements);
                throw e;
            }
            return builds(spec, placements, outcome, maxAttempts);
        }
        return new Result(List.of(), Set.of(), "Claims kept conflicting with concurrent requests: " + lastProblem);
    }

    private Result builds(RequestSpec spec, List<Placement> placements, ClaimService.Outcome outcome, int maxAttempts) {
        List<BuildInstance> builds = new ArrayList<>();
        Set<UUID> refused = new TreeSet<>(outcome.refused());
        Set<Long> stale = new TreeSet<>();
        String groupId = spec.hints().groupId();
        for (Placement p : placements) {
            HostState host = p.host();
            if (outcome.refused().contains(p.consumer())) {
                if (!p.existing()) {
                    host.cancel(p.consumer());
                }
                continue;
            }
            List<String> alternates = p.alternates();
            Long existingProvider = outcome.existing().get(p.consumer());
            if (existingProvider != null) {
                // Claimed before (a redelivered request, or another scheduler): the build goes where the claim is.
                if (!p.existing()) {
                    host.cancel(p.consumer());
                }
                stale.add(existingProvider);
                HostState actual = cache.byProvider(existingProvider).orElse(null);
                if (actual == null) {
                    LOG.warnf("Instance %s is allocated on provider %d, which is no compute host known here; not built",
                            p.instance().instanceId(), existingProvider);
                    continue;
                }
                host = actual;
                String actualHost = actual.host();
                alternates = alternates.stream().filter(h -> !h.equals(actualHost)).toList();
            } else if (p.existing()) {
                cache.placed(p.consumer(), host, Resources.of(spec.flavor()));
            } else if (!cache.committed(p.consumer(), host)) {
                // Deleted while its claim was being written: the release already returned the allocation.
                LOG.infof("Instance %s was deleted while being scheduled; not built", p.instance().instanceId());
                refused.add(p.consumer());
                continue;
            }
            groupMembers.placed(groupId, p.consumer());
            builds.add(new BuildInstance(p.instance(), spec, host.host(), host.node(), alternates, 1, maxAttempts));
        }
        if (!stale.isEmpty()) {
            cache.refreshProviders(stale);
        }
        return new Result(builds, refused, null);
    }

    private boolean refreshAllIfDue() {
        long now = System.nanoTime();
        long last = lastFullRefresh.get();
        if (now - last < FULL_REFRESH_MIN_INTERVAL_NANOS || !lastFullRefresh.compareAndSet(last, now)) {
            return false;
        }
        cache.refreshAll();
        return true;
    }
}
