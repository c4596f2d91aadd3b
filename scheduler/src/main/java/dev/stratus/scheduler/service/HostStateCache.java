package dev.stratus.scheduler.service;

import dev.stratus.scheduler.config.SchedulerConfig;
import dev.stratus.scheduler.persistence.AllocationRecord;
import dev.stratus.scheduler.persistence.AllocationRepository;
import dev.stratus.scheduler.persistence.Database;
import dev.stratus.scheduler.persistence.HostRecord;
import dev.stratus.scheduler.persistence.HostRepository;
import dev.stratus.scheduler.persistence.ProviderRecord;
import dev.stratus.scheduler.persistence.ProviderRepository;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The in-memory host states the filters and weighers read, and where each consumer is placed. Filled from
 * the database at start-up, kept current by heartbeats, operator messages and this process's own claims,
 * and re-read from the database when a claim finds it stale (another scheduler claimed or released).
 */
@ApplicationScoped
public class HostStateCache {

    private static final Logger LOG = Logger.getLogger(HostStateCache.class);
    private static final int REFRESH_ROUNDS = 4;

    private final Database database;
    private final ProviderRepository providers;
    private final AllocationRepository allocations;
    private final HostRepository hosts;
    private final SchedulerConfig config;
    private final Map<String, HostState> byHost = new ConcurrentHashMap<>();
    private final Map<Long, HostState> byProvider = new ConcurrentHashMap<>();
    private final Map<UUID, String> consumerHosts = new ConcurrentHashMap<>();

    public HostStateCache(Database database, ProviderRepository providers, AllocationRepository allocations,
            HostRepository hosts, SchedulerConfig config) {
        this.database = database;
        this.providers = providers;
        this.allocations = allocations;
        this.hosts = hosts;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        reloadAll();
    }

    public Collection<HostState> all() {
        return byHost.values();
    }

    public Optional<HostState> host(String host) {
        return Optional.ofNullable(byHost.get(host));
    }

    public HostState hostOrCreate(String host) {
        return byHost.computeIfAbsent(host, HostState::new);
    }

    public Optional<HostState> byProvider(long providerId) {
        return Optional.ofNullable(byProvider.get(providerId));
    }

    public void linkProvider(HostState state, long providerId, UUID providerUuid, String node) {
        state.provider(providerId, providerUuid, node);
        byProvider.put(providerId, state);
    }

    public void remove(String host) {
        HostState state = byHost.remove(host);
        if (state != null) {
            byProvider.remove(state.providerId(), state);
            consumerHosts.values().removeIf(host::equals);
        }
    }

    /** The host an instance is allocated on, as far as this process knows. */
    public Optional<String> hostOf(UUID consumer) {
        return Optional.ofNullable(consumerHosts.get(consumer));
    }

    public String hostOf(String instanceId) {
        return consumerHosts.get(Consumers.of(instanceId));
    }

    public void placed(UUID consumer, HostState host, Resources resources) {
        host.allocated(consumer, resources);
        consumerHosts.put(consumer, host.host());
    }

    /** @return false when the allocation was released while the claim was being written (see {@link HostState#commit}) */
    public boolean committed(UUID consumer, HostState host) {
        if (!host.commit(consumer)) {
            return false;
        }
        consumerHosts.put(consumer, host.host());
        return true;
    }

    public void released(UUID consumer) {
        String host = consumerHosts.remove(consumer);
        if (host != null) {
            HostState state = byHost.get(host);
            if (state != null) {
                state.release(consumer);
            }
        }
    }

    /** The consumer has no allocation on {@code host} any more (it may have one elsewhere). */
    public void releasedOn(UUID consumer, String host) {
        consumerHosts.remove(consumer, host);
        HostState state = byHost.get(host);
        if (state != null) {
            state.release(consumer);
        }
    }

    /** Re-reads usage (and inventory) of these providers from the database. */
    public void refreshProviders(Collection<Long> providerIds) {
        refreshProviders(providerIds, false);
    }

    /** After a change made through the Placement API: inventory, usage and traits of the providers. */
    public void providersChanged(Collection<Long> providerIds) {
        refreshProviders(providerIds, true);
    }

    /**
     * A host whose usage this process changed while its rows were being read is read again (a claim
     * committed here after the read would otherwise vanish from the cache until the next refresh); after a
     * few rounds the last read is taken as it is: the claim transaction re-checks capacity anyway.
     */
    private void refreshProviders(Collection<Long> providerIds, boolean withTraits) {
        Collection<Long> ids = providerIds;
        for (int round = 1; !ids.isEmpty(); round++) {
            boolean last = round == REFRESH_ROUNDS;
            Map<Long, Long> stamps = new HashMap<>();
            for (Long id : ids) {
                HostState state = byProvider.get(id);
                if (state != null) {
                    stamps.put(id, state.changes());
                }
            }
            if (stamps.isEmpty()) {
                return;
            }
            Collection<Long> reading = stamps.keySet();
            ids = database.read(c -> {
                var inventories = providers.inventoriesOf(c, reading);
                Map<Long, Map<UUID, Resources>> usage = usageByConsumer(allocations.ofProviders(c, reading));
                Map<Long, Set<String>> traits = new HashMap<>();
                if (withTraits) {
                    for (Long id : reading) {
                        traits.put(id, providers.traits(c, id));
                    }
                }
                List<Long> again = new java.util.ArrayList<>();
                for (Long id : reading) {
                    HostState state = byProvider.get(id);
                    if (state == null) {
                        continue;
                    }
                    state.inventory(inventories.getOrDefault(id, Map.of()));
                    if (withTraits) {
                        state.traits(traits.get(id));
                    }
                    if (!apply(state, usage.getOrDefault(id, Map.of()), last ? null : stamps.get(id))) {
                        again.add(id);
                    }
                }
                return again;
            });
        }
    }

    public void refreshAll() {
        refreshProviders(List.copyOf(byProvider.keySet()), false);
    }

    /** Rebuilds every host state from the database. */
    public void reloadAll() {
        long start = System.nanoTime();
        database.read(c -> {
            byHost.clear();
            byProvider.clear();
            consumerHosts.clear();
            load(c);
            return null;
        });
        LOG.infof("Host states loaded: %d hosts, %d consumers in %d ms", byHost.size(), consumerHosts.size(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private void load(Connection c) throws SQLException {
        Map<String, HostRecord> records = new HashMap<>();
        for (HostRecord r : hosts.all(c)) {
            records.put(r.host(), r);
        }
        Map<UUID, ProviderRecord> providersByUuid = new HashMap<>();
        Map<String, ProviderRecord> providersByName = new HashMap<>();
        for (ProviderRecord p : providers.list(c, "", List.of())) {
            providersByUuid.put(p.uuid(), p);
            providersByName.put(p.name(), p);
        }
        var inventories = providers.allInventories(c);
        var traits = providers.allTraits(c);
        Map<Long, Map<UUID, Resources>> usage = usageByConsumer(allocations.all(c));
        for (HostRecord r : records.values()) {
            HostState state = hostOrCreate(r.host());
            ProviderRecord p = r.providerUuid() != null ? providersByUuid.get(r.providerUuid())
                    : providersByName.get(r.host());
            state.heartbeat(r.lastHeartbeat());
            state.status(r.disabled(), r.disabledReason(), r.forcedDown());
            state.aggregates(r.availabilityZone(), r.aggregates());
            state.hypervisor(r.hypervisorType(), r.cpuArch());
            if (p != null) {
                linkProvider(state, p.id(), p.uuid(), p.name());
                state.inventory(inventories.getOrDefault(p.id(), Map.of()));
                state.traits(traits.getOrDefault(p.id(), Set.of()));
                apply(state, usage.getOrDefault(p.id(), Map.of()), null);
            }
        }
    }

    private boolean apply(HostState state, Map<UUID, Resources> usage, Long stamp) {
        Set<UUID> before = state.consumers();
        if (!state.reload(usage, stamp)) {
            return false;
        }
        for (UUID gone : before) {
            if (!usage.containsKey(gone) && !state.holds(gone)) {
                consumerHosts.remove(gone, state.host());
            }
        }
        usage.keySet().forEach(consumer -> consumerHosts.put(consumer, state.host()));
        return true;
    }

    private static Map<Long, Map<UUID, Resources>> usageByConsumer(List<AllocationRecord> rows) {
        Map<Long, Map<UUID, Map<String, Long>>> amounts = new HashMap<>();
        for (AllocationRecord a : rows) {
            amounts.computeIfAbsent(a.providerId(), k -> new HashMap<>())
                    .computeIfAbsent(a.consumer(), k -> new HashMap<>()).put(a.resourceClass(), a.used());
        }
        Map<Long, Map<UUID, Resources>> result = new HashMap<>();
        amounts.forEach((provider, consumers) -> {
            Map<UUID, Resources> m = new HashMap<>();
            consumers.forEach((consumer, byClass) -> m.put(consumer, Resources.of(byClass)));
            result.put(provider, m);
        });
        return result;
    }

    SchedulerConfig config() {
        return config;
    }
}
