package dev.stratus.scheduler.service;

import dev.stratus.common.compute.BuildInstance;
import dev.stratus.common.compute.InstanceFault;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.RequestSpec;
import dev.stratus.common.compute.RescheduleInstance;
import dev.stratus.scheduler.config.SchedulerConfig;
import dev.stratus.scheduler.filter.SelectionContext;
import dev.stratus.scheduler.messaging.SchedulerOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A build failed on its host: return that host's claim, then claim on the first alternate that still passes
 * the filters (or, when none does, on a host chosen afresh among those not tried yet) and send the build
 * there with the next attempt number; with no attempt or host left the instance goes to ERROR with the
 * node's reason. Redelivery is harmless: releasing twice returns nothing the second time, and an instance
 * already moved to another host is sent there again rather than claimed twice.
 */
@ApplicationScoped
public class RescheduleService {

    private static final Logger LOG = Logger.getLogger(RescheduleService.class);

    private final HostStateCache cache;
    private final HostSelector selector;
    private final ClaimService claims;
    private final BuildFailures failures;
    private final SchedulerOutbox outbox;
    private final ServerGroupMembers groupMembers;
    private final SchedulerConfig config;

    public RescheduleService(HostStateCache cache, HostSelector selector, ClaimService claims, BuildFailures failures,
            SchedulerOutbox outbox, ServerGroupMembers groupMembers, SchedulerConfig config) {
        this.cache = cache;
        this.selector = selector;
        this.claims = claims;
        this.failures = failures;
        this.outbox = outbox;
        this.groupMembers = groupMembers;
        this.config = config;
    }

    /** What happened: the next build, or the fault the instance ended with, or nothing (instance deleted). */
    public record Result(BuildInstance next, InstanceFault fault) {
    }

    public Result reschedule(RescheduleInstance message, String requestId) {
        Result result = decide(message);
        if (result.next() != null) {
            outbox.build(result.next(), requestId);
        } else if (result.fault() != null) {
            outbox.error(message.build().instance().instanceId(), result.fault(), requestId);
        }
        return result;
    }

    public Result decide(RescheduleInstance message) {
        return groupMembers.serialised(message.build().spec().hints().groupId(), () -> decideAlone(message));
    }

    private Result decideAlone(RescheduleInstance message) {
        BuildInstance failed = message.build();
        InstanceBuild instance = failed.instance();
        UUID consumer = Consumers.of(instance.instanceId());
        String failedHost = message.failedHost() != null ? message.failedHost() : failed.host();

        HostState failedState = cache.host(failedHost).orElse(null);
        Long failedProvider = failedState != null && failedState.hasProvider() ? failedState.providerId()
                : claims.providerIdOf(failedHost.equals(failed.host()) ? failed.node() : failedHost).orElse(null);
        Set<Long> released = failedProvider == null ? Set.of() : claims.release(consumer, failedProvider, false);
        if (!released.isEmpty()) {
            failures.record(failedHost, Instant.now());
        }
        // Whether returned now or by an earlier delivery of this message, nothing of it is left on that host.
        if (failedState != null) {
            failedState.release(consumer);
        }
        cache.releasedOn(consumer, failedHost);
        if (claims.isReleased(consumer)) {
            LOG.infof("Instance %s was deleted; its failed build is not rescheduled", instance.instanceId());
            return new Result(null, null);
        }

        RequestSpec spec = failed.spec();
        List<String> tried = new ArrayList<>(spec.ignoreHosts());
        if (!tried.contains(failedHost)) {
            tried.add(failedHost);
        }
        RequestSpec nextSpec = new RequestSpec(spec.projectId(), spec.userId(), spec.flavor(), spec.image(),
                spec.availabilityZone(), spec.hints(), tried);
        int maxAttempts = failed.maxAttempts() > 0 ? failed.maxAttempts() : 1;
        int attempt = failed.attempt() + 1;

        // A redelivered reschedule: the instance already moved on.
        String current = cache.hostOf(consumer).orElse(null);
        if (current != null && !current.equals(failedHost)) {
            HostState at = cache.host(current).orElseThrow();
            return new Result(new BuildInstance(instance, nextSpec, at.host(), at.node(),
                    remaining(failed.alternates(), tried, current), attempt, maxAttempts), null);
        }
        if (failed.attempt() >= maxAttempts) {
            return new Result(null, Faults.retriesExhausted(instance.instanceId(), failed.attempt(), message.reason()));
        }
        SelectionContext ctx = selector.context(nextSpec, instance);
        List<String> candidates = remaining(failed.alternates(), tried, null);
        for (int i = 0; i < candidates.size(); i++) {
            HostState host = cache.host(candidates.get(i)).orElse(null);
            if (host == null || !host.hasProvider() || selector.reject(host, ctx) != null
                    || !host.reserve(consumer, ctx.resources())) {
                continue;
            }
            Claimed claimed = claimReserved(consumer, spec, host, ctx.resources());
            if (claimed.deleted()) {
                return deleted(instance);
            }
            if (claimed.host() != null) {
                groupMembers.placed(spec.hints().groupId(), consumer);
                List<String> rest = remaining(candidates.subList(i + 1, candidates.size()), tried, claimed.host().host());
                return new Result(new BuildInstance(instance, nextSpec, claimed.host().host(), claimed.host().node(),
                        rest, attempt, maxAttempts), null);
            }
        }
        // The alternates are used up (or no longer pass): choose afresh among the hosts not tried yet.
        String noHost = "no alternate host is left";
        for (int round = 0; round <= config.claimRetries(); round++) {
            Decision decision = selector.select(nextSpec, List.of(instance), Set.copyOf(tried));
            if (decision instanceof Decision.NoValidHost none) {
                noHost = none.details();
                break;
            }
            Placement p = ((Decision.Placed) decision).placements().get(0);
            if (p.existing()) {
                // Allocated somewhere not tried yet although the failed host's claim was just returned: a
                // decision made elsewhere in the meantime; the build goes there.
                groupMembers.placed(spec.hints().groupId(), consumer);
                return new Result(new BuildInstance(instance, nextSpec, p.host().host(), p.host().node(),
                        remaining(p.alternates(), tried, p.host().host()), attempt, maxAttempts), null);
            }
            Claimed claimed = claimReserved(consumer, spec, p.host(), ctx.resources());
            if (claimed.deleted()) {
                return deleted(instance);
            }
            if (claimed.host() != null) {
                groupMembers.placed(spec.hints().groupId(), consumer);
                return new Result(new BuildInstance(instance, nextSpec, claimed.host().host(), claimed.host().node(),
                        remaining(p.alternates(), tried, claimed.host().host()), attempt, maxAttempts), null);
            }
        }
        LOG.infof("No host left for instance %s after %d attempt(s): %s", instance.instanceId(), failed.attempt(),
                noHost);
        return new Result(null, Faults.retriesExhausted(instance.instanceId(), failed.attempt(), message.reason()));
    }

    private static Result deleted(InstanceBuild instance) {
        LOG.infof("Instance %s was deleted while rescheduling; not rebuilt", instance.instanceId());
        return new Result(null, null);
    }

    /**
     * @param host where the instance is now allocated; null when the claim lost a race (try another host)
     * @param deleted the instance was released for good: nothing more is done for it
     */
    private record Claimed(HostState host, boolean deleted) {
    }

    /** Claims {@code consumer} on {@code host}, where it holds a reservation. */
    private Claimed claimReserved(UUID consumer, RequestSpec spec, HostState host, Resources resources) {
        ClaimService.Outcome outcome;
        try {
            outcome = claims.claim(List.of(new ClaimService.Claim(consumer, spec.projectId(), spec.userId(),
                    host.providerId(), host.node(), resources)));
        } catch (ClaimService.ClaimLostException lost) {
            host.cancel(consumer);
            cache.refreshProviders(List.of(host.providerId()));
            return new Claimed(null, false);
        } catch (RuntimeException e) {
            host.cancel(consumer);
            throw e;
        }
        if (outcome.refused().contains(consumer)) {
            host.cancel(consumer);
            return new Claimed(null, true);
        }
        Long existing = outcome.existing().get(consumer);
        if (existing != null) {
            host.cancel(consumer);
            cache.refreshProviders(List.of(existing));
            HostState actual = cache.byProvider(existing).orElse(null);
            if (actual == null) {
                throw new IllegalStateException("instance " + consumer + " is allocated on provider " + existing
                        + ", which is no compute host known here");
            }
            return new Claimed(actual, false);
        }
        if (!cache.committed(consumer, host)) {
            return new Claimed(null, true);
        }
        return new Claimed(host, false);
    }

    private static List<String> remaining(List<String> alternates, List<String> tried, String chosen) {
        Set<String> rest = new LinkedHashSet<>(alternates);
        rest.removeAll(tried);
        if (chosen != null) {
            rest.remove(chosen);
        }
        return List.copyOf(rest);
    }
}
