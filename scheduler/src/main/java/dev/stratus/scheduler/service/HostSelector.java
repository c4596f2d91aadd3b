package dev.stratus.scheduler.service;

import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.RequestSpec;
import dev.stratus.scheduler.config.SchedulerConfig;
import dev.stratus.scheduler.filter.FilterScope;
import dev.stratus.scheduler.filter.HostFilter;
import dev.stratus.scheduler.filter.SelectionContext;
import dev.stratus.scheduler.weigher.HostWeigher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Filters and weighs the cached host states for each instance of a request, in one decision: instances placed
 * earlier in the decision count for the later ones (capacity through reservations, server groups through
 * the group's host counts).
 */
@ApplicationScoped
public class HostSelector {

    private final HostStateCache cache;
    private final SchedulerConfig config;
    private final ServerGroupMembers groupMembers;
    private final List<HostFilter> filters;
    /** The enabled filters of each scope, in their configured order. */
    private final Map<FilterScope, List<HostFilter>> scoped = new EnumMap<>(FilterScope.class);
    private final List<HostWeigher> weighers;

    @jakarta.inject.Inject
    public HostSelector(HostStateCache cache, SchedulerConfig config, ServerGroupMembers groupMembers,
            @Any Instance<HostFilter> filterBeans, @Any Instance<HostWeigher> weigherBeans) {
        this(cache, config, groupMembers, filterBeans.stream().toList(), weigherBeans.stream().toList());
    }

    /** With explicit plugins (tests and benchmarks); filters are still enabled and ordered by configuration. */
    public HostSelector(HostStateCache cache, SchedulerConfig config, ServerGroupMembers groupMembers,
            List<HostFilter> filterBeans, List<HostWeigher> weigherBeans) {
        this.cache = cache;
        this.config = config;
        this.groupMembers = groupMembers;
        Map<String, HostFilter> known = new HashMap<>();
        filterBeans.forEach(f -> known.put(f.name(), f));
        List<HostFilter> enabled = new ArrayList<>();
        for (String name : config.enabledFilters()) {
            HostFilter filter = known.get(name.trim());
            if (filter == null) {
                throw new IllegalStateException("stratus.scheduler.enabled-filters names an unknown filter '" + name
                        + "'; known filters: " + new TreeMap<>(known).keySet());
            }
            enabled.add(filter);
        }
        this.filters = List.copyOf(enabled);
        for (FilterScope scope : FilterScope.values()) {
            scoped.put(scope, filters.stream().filter(f -> f.runsIn(scope)).toList());
        }
        List<HostWeigher> all = new ArrayList<>(weigherBeans);
        all.sort(Comparator.comparing(HostWeigher::name));
        this.weighers = List.copyOf(all);
    }

    public List<HostFilter> filters() {
        return filters;
    }

    /**
     * Chooses a host for every instance, reserving capacity in memory as it goes. {@code exclude} hosts are
     * never chosen (hosts already tried).
     */
    public Decision select(RequestSpec spec, List<InstanceBuild> instances, Set<String> exclude) {
        return select(spec, instances, exclude, Set.of());
    }

    /**
     * The same, where {@code notCounted} consumers are no server-group members where they are now (an instance
     * that moves does not count at its source).
     */
    public Decision select(RequestSpec spec, List<InstanceBuild> instances, Set<String> exclude,
            Set<UUID> notCounted) {
        return select(spec, instances, exclude, notCounted, FilterScope.ALL);
    }

    /** The same, through the filters of {@code scope} only (an admin's forced destination bypasses the others). */
    public Decision select(RequestSpec spec, List<InstanceBuild> instances, Set<String> exclude,
            Set<UUID> notCounted, FilterScope scope) {
        List<HostFilter> applied = scoped.get(scope);
        Instant now = Instant.now();
        Resources resources = Resources.of(spec.flavor());
        Set<UUID> inRequest = instances.stream().map(i -> Consumers.of(i.instanceId())).collect(Collectors.toSet());
        Set<UUID> skipped = new HashSet<>(inRequest);
        skipped.addAll(notCounted);
        Map<String, Integer> groupHosts = hostsOf(membersOf(spec), skipped);
        Set<String> sameHosts = hostsOf(consumers(spec.hints().sameHost()), Set.of()).keySet();
        Set<String> differentHosts = hostsOf(consumers(spec.hints().differentHost()), Set.of()).keySet();
        Set<String> excluded = new HashSet<>(exclude);
        excluded.addAll(spec.ignoreHosts());
        boolean grouped = spec.hints().groupPolicy() != null;

        List<Placement> placements = new ArrayList<>();
        for (InstanceBuild instance : instances) {
            UUID consumer = Consumers.of(instance.instanceId());
            String existingHost = cache.hostOf(consumer).orElse(null);
            HostState existing = existingHost == null ? null : cache.host(existingHost).orElse(null);
            if (existing != null) {
                placements.add(new Placement(instance, consumer, existing, List.of(), true));
                if (grouped) {
                    groupHosts.merge(existing.host(), 1, Integer::sum);
                }
                continue;
            }
            SelectionContext ctx = new SelectionContext(spec, instance, consumer, resources, now, Map.copyOf(groupHosts),
                    sameHosts, differentHosts);
            Selection selection = selectOne(ctx, excluded, applied);
            if (selection.chosen == null) {
                cancel(placements);
                return new Decision.NoValidHost(selection.details);
            }
            placements.add(new Placement(instance, consumer, selection.chosen, selection.alternates, false));
            if (grouped) {
                groupHosts.merge(selection.chosen.host(), 1, Integer::sum);
            }
        }
        return new Decision.Placed(placements);
    }

    /** Runs the filters on one host only (a reschedule re-checks an alternate this way). */
    public String reject(HostState host, SelectionContext ctx) {
        return reject(host, ctx, FilterScope.ALL);
    }

    /**
     * Runs the filters of {@code scope} on one host only (a rebuild with a new image checks the server's host so);
     * null when it passes, else the first filter's name and reason.
     */
    public String reject(HostState host, SelectionContext ctx, FilterScope scope) {
        for (HostFilter filter : scoped.get(scope)) {
            String reason = filter.reject(host, ctx);
            if (reason != null) {
                return filter.name() + ": " + reason;
            }
        }
        return null;
    }

    public SelectionContext context(RequestSpec spec, InstanceBuild instance) {
        UUID consumer = Consumers.of(instance.instanceId());
        return new SelectionContext(spec, instance, consumer, Resources.of(spec.flavor()), Instant.now(),
                hostsOf(membersOf(spec), Set.of(consumer)), hostsOf(consumers(spec.hints().sameHost()), Set.of()).keySet(),
                hostsOf(consumers(spec.hints().differentHost()), Set.of()).keySet());
    }

    public void cancel(Collection<Placement> placements) {
        for (Placement p : placements) {
            if (!p.existing()) {
                p.host().cancel(p.consumer());
            }
        }
    }

    private record Selection(HostState chosen, List<String> alternates, String details) {
    }

    private Selection selectOne(SelectionContext ctx, Set<String> excluded, List<HostFilter> filters) {
        List<HostState> candidates = new ArrayList<>();
        for (HostState host : cache.all()) {
            if (host.hasProvider() && !excluded.contains(host.host())) {
                candidates.add(host);
            }
        }
        if (candidates.isEmpty()) {
            return new Selection(null, List.of(), "There are no compute hosts registered with the scheduler.");
        }
        // What each filter removed, so that "no valid host" says why of every host, not only of the last ones.
        List<String> removed = new ArrayList<>();
        for (HostFilter filter : filters) {
            List<HostState> passed = new ArrayList<>(candidates.size());
            Map<String, Integer> reasons = null;
            for (HostState host : candidates) {
                String reason = filter.reject(host, ctx);
                if (reason == null) {
                    passed.add(host);
                } else {
                    if (reasons == null) {
                        reasons = new LinkedHashMap<>();
                    }
                    reasons.merge(reason, 1, Integer::sum);
                }
            }
            if (passed.isEmpty()) {
                return new Selection(null, List.of(), details(filter, candidates.size(), reasons, removed, ctx));
            }
            if (reasons != null) {
                removed.add(filter.name() + " removed " + counted(reasons));
            }
            candidates = passed;
        }
        HostState[] ranked = rank(candidates, ctx);
        for (int i = 0; i < ranked.length; i++) {
            if (ranked[i].reserve(ctx.consumer(), ctx.resources())) {
                List<String> alternates = new ArrayList<>();
                for (int j = 0; j < ranked.length && alternates.size() < config.maxAlternates(); j++) {
                    if (j != i) {
                        alternates.add(ranked[j].host());
                    }
                }
                return new Selection(ranked[i], alternates, null);
            }
        }
        // Still a shortage of capacity, and said so in the words the filter uses: operators and tests look for
        // "not enough" whichever of the two found it.
        return new Selection(null, List.of(), "CapacityFilter: not enough room left on the " + ranked.length
                + " hosts that passed, concurrent requests filled them (" + describe(ctx.resources()) + ").");
    }

    private HostState[] rank(List<HostState> candidates, SelectionContext ctx) {
        int n = candidates.size();
        double[] total = new double[n];
        double[] raw = new double[n];
        for (HostWeigher weigher : weighers) {
            double multiplier = weigher.multiplier();
            if (multiplier == 0) {
                continue;
            }
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                raw[i] = weigher.raw(candidates.get(i), ctx);
                min = Math.min(min, raw[i]);
                max = Math.max(max, raw[i]);
            }
            if (max > min) {
                double range = max - min;
                for (int i = 0; i < n; i++) {
                    total[i] += multiplier * (raw[i] - min) / range;
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int byWeight = Double.compare(total[b], total[a]);
            return byWeight != 0 ? byWeight : candidates.get(a).host().compareTo(candidates.get(b).host());
        });
        HostState[] ranked = new HostState[n];
        for (int i = 0; i < n; i++) {
            ranked[i] = candidates.get(order[i]);
        }
        return ranked;
    }

    /** The group's members named by the request and those this process placed (see {@link ServerGroupMembers}). */
    private Set<UUID> membersOf(RequestSpec spec) {
        if (spec.hints().groupPolicy() == null) {
            return Set.of();
        }
        Set<UUID> members = new HashSet<>(consumers(spec.hints().groupMembers()));
        members.addAll(groupMembers.of(spec.hints().groupId()));
        return members;
    }

    private static Set<UUID> consumers(List<String> instanceIds) {
        Set<UUID> consumers = new HashSet<>();
        for (String id : instanceIds) {
            consumers.add(Consumers.of(id));
        }
        return consumers;
    }

    private Map<String, Integer> hostsOf(Set<UUID> consumers, Set<UUID> skip) {
        Map<String, Integer> hosts = new HashMap<>();
        for (UUID consumer : consumers) {
            if (!skip.contains(consumer)) {
                cache.hostOf(consumer).ifPresent(h -> hosts.merge(h, 1, Integer::sum));
            }
        }
        return hosts;
    }

    private static String details(HostFilter filter, int candidates, Map<String, Integer> reasons, List<String> removed,
            SelectionContext ctx) {
        StringBuilder sb = new StringBuilder("Filter ").append(filter.name()).append(" returned 0 hosts (of ")
                .append(candidates).append("): ").append(counted(reasons));
        if (!removed.isEmpty()) {
            sb.append("; before it, ").append(String.join("; ", removed));
        }
        if ("CapacityFilter".equals(filter.name()) || removed.stream().anyMatch(r -> r.startsWith("CapacityFilter"))) {
            sb.append(". Requested ").append(describe(ctx.resources()));
        }
        return sb.append('.').toString();
    }

    private static String counted(Map<String, Integer> reasons) {
        StringBuilder sb = new StringBuilder();
        String sep = "";
        for (var e : reasons.entrySet()) {
            sb.append(sep).append(e.getKey()).append(" on ").append(e.getValue()).append(e.getValue() == 1 ? " host" : " hosts");
            sep = "; ";
        }
        return sb.toString();
    }

    static String describe(Resources r) {
        return r.vcpu() + " VCPU, " + r.memoryMb() + " MEMORY_MB, " + r.diskGb() + " DISK_GB";
    }
}
