package dev.stratus.scheduler.service;

import dev.stratus.common.fault.ApiException;
import dev.stratus.scheduler.persistence.AllocationRecord;
import dev.stratus.scheduler.persistence.AllocationRepository;
import dev.stratus.scheduler.persistence.ConsumerRecord;
import dev.stratus.scheduler.persistence.Database;
import dev.stratus.scheduler.persistence.InventoryRecord;
import dev.stratus.scheduler.persistence.ProviderRecord;
import dev.stratus.scheduler.persistence.ProviderRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A consumer's allocations through the Placement API: read, replace, delete. Replacing follows the claim's
 * rules (consumer lock, provider row locks in id order, capacity against the database's usage) so that the
 * API cannot over-commit a provider either.
 */
@ApplicationScoped
public class AllocationService {

    private final Database database;
    private final ProviderRepository providers;
    private final AllocationRepository allocations;
    private final HostStateCache cache;

    public AllocationService(Database database, ProviderRepository providers, AllocationRepository allocations,
            HostStateCache cache) {
        this.database = database;
        this.providers = providers;
        this.allocations = allocations;
        this.cache = cache;
    }

    /** One provider's part of a consumer's allocations, with the provider's generation. */
    public record ProviderPart(UUID provider, int generation, Map<String, Long> resources) {
    }

    public record ConsumerAllocations(Optional<ConsumerRecord> consumer, List<ProviderPart> parts) {
    }

    public ConsumerAllocations get(UUID consumer) {
        return database.read(c -> {
            Map<Long, Map<String, Long>> byProvider = new LinkedHashMap<>();
            for (AllocationRecord a : allocations.ofConsumers(c, List.of(consumer))) {
                byProvider.computeIfAbsent(a.providerId(), k -> new TreeMap<>()).put(a.resourceClass(), a.used());
            }
            List<ProviderPart> parts = new java.util.ArrayList<>();
            for (var e : byProvider.entrySet()) {
                ProviderRecord p = providers.findById(c, e.getKey()).orElseThrow();
                parts.add(new ProviderPart(p.uuid(), p.generation(), e.getValue()));
            }
            return new ConsumerAllocations(allocations.consumer(c, consumer), parts);
        });
    }

    /**
     * New allocations of one consumer, replacing all it had.
     *
     * @param checkGeneration microversion 1.28: {@code expectedGeneration} must be the consumer's (null: new)
     */
    public record ConsumerChange(UUID consumer, Map<UUID, Map<String, Long>> allocations, String projectId,
            String userId, boolean checkGeneration, Integer expectedGeneration) {
    }

    public void replace(ConsumerChange change) {
        replaceAll(List.of(change));
    }

    /** Replaces the allocations of every consumer in one transaction: all of them change, or none. */
    public void replaceAll(List<ConsumerChange> changes) {
        List<UUID> consumers = changes.stream().map(ConsumerChange::consumer).toList();
        Set<Long> affected = database.inTransaction(c -> {
            allocations.lockConsumers(c, consumers);
            Map<Long, ProviderRecord> records = new HashMap<>();
            Map<UUID, Map<Long, Map<String, Long>>> wanted = new LinkedHashMap<>();
            for (ConsumerChange change : changes) {
                if (change.checkGeneration()) {
                    Integer actual = allocations.consumer(c, change.consumer()).map(ConsumerRecord::generation)
                            .orElse(null);
                    if (!java.util.Objects.equals(actual, change.expectedGeneration())) {
                        throw PlacementErrors.consumerGenerationConflict(change.consumer(), change.expectedGeneration(),
                                actual);
                    }
                }
                Map<Long, Map<String, Long>> byProvider = new TreeMap<>();
                for (var e : change.allocations().entrySet()) {
                    ProviderRecord p = providers.findByUuid(c, e.getKey()).orElseThrow(() -> ApiException.badRequest(
                            "Allocation for resource provider '" + e.getKey() + "' that does not exist."));
                    records.put(p.id(), p);
                    byProvider.put(p.id(), e.getValue());
                }
                wanted.put(change.consumer(), byProvider);
            }
            List<AllocationRecord> old = allocations.ofConsumers(c, consumers);
            Set<Long> touched = new TreeSet<>(records.keySet());
            old.forEach(a -> touched.add(a.providerId()));
            providers.lockAll(c, touched);
            Map<Long, Map<String, InventoryRecord>> inventories = providers.inventoriesOf(c, records.keySet());
            Map<Long, Map<String, Long>> usages = providers.usagesOf(c, records.keySet());
            for (AllocationRecord a : old) {
                Map<String, Long> used = usages.get(a.providerId());
                if (used != null) {
                    used.merge(a.resourceClass(), -a.used(), Long::sum);
                }
            }
            Map<Long, Map<String, Long>> requestedTotals = new TreeMap<>();
            wanted.values().forEach(byProvider -> byProvider.forEach((id, amounts) -> amounts.forEach((rc, n) ->
                    requestedTotals.computeIfAbsent(id, k -> new TreeMap<>()).merge(rc, n, Long::sum))));
            for (var byProvider : wanted.values()) {
                for (var e : byProvider.entrySet()) {
                    ProviderRecord p = records.get(e.getKey());
                    Map<String, InventoryRecord> inv = inventories.getOrDefault(p.id(), Map.of());
                    String problem = CapacityCheck.problem(p.uuid().toString(), inv, Map.of(), e.getValue());
                    if (problem == null) {
                        // Units are checked per allocation, capacity on the total of this request.
                        problem = CapacityCheck.capacityProblem(p.uuid().toString(), inv,
                                usages.getOrDefault(p.id(), Map.of()), requestedTotals.get(p.id()));
                    }
                    if (problem != null) {
                        throw ApiException.conflict(problem);
                    }
                }
            }
            for (ConsumerChange change : changes) {
                Map<Long, Map<String, Long>> byProvider = wanted.get(change.consumer());
                allocations.delete(c, change.consumer(), null);
                if (byProvider.isEmpty()) {
                    allocations.deleteConsumer(c, change.consumer());
                } else {
                    allocations.upsertConsumer(c, change.consumer(), change.projectId(), change.userId());
                    allocations.insert(c, change.consumer(), byProvider);
                }
            }
            providers.bumpGenerations(c, touched);
            return touched;
        });
        consumers.forEach(cache::released);
        cache.refreshProviders(affected);
    }

    public void delete(UUID consumer) {
        Set<Long> affected = database.inTransaction(c -> {
            allocations.lockConsumers(c, List.of(consumer));
            List<AllocationRecord> old = allocations.ofConsumers(c, List.of(consumer));
            if (old.isEmpty()) {
                throw ApiException.notFound("No allocations for consumer '" + consumer + "'");
            }
            Set<Long> touched = new TreeSet<>();
            old.forEach(a -> touched.add(a.providerId()));
            providers.lockAll(c, touched);
            allocations.delete(c, consumer, null);
            allocations.deleteConsumer(c, consumer);
            providers.bumpGenerations(c, touched);
            return touched;
        });
        cache.released(consumer);
        cache.refreshProviders(affected);
    }

    public Map<String, Long> projectUsages(String projectId, String userId) {
        return database.read(c -> allocations.usagesOfProject(c, projectId, userId));
    }
}
