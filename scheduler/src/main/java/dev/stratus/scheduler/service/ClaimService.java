package dev.stratus.scheduler.service;

import dev.stratus.scheduler.persistence.AllocationRecord;
import dev.stratus.scheduler.persistence.AllocationRepository;
import dev.stratus.scheduler.persistence.Database;
import dev.stratus.scheduler.persistence.InventoryRecord;
import dev.stratus.scheduler.persistence.ProviderRecord;
import dev.stratus.scheduler.persistence.ProviderRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * THE claim: writes the allocations of a scheduling decision in one transaction that cannot over-commit a
 * provider. Each consumer is locked (advisory lock) so that a claim and a release of the same instance never
 * interleave; each provider row is locked (in id order) so that two claims on one provider are serialised,
 * whatever the number of threads or scheduler processes; capacity is then checked against the usage the
 * database holds. Idempotent per consumer: one that already has allocations keeps them, one released for
 * good is refused.
 */
@ApplicationScoped
public class ClaimService {

    /** One instance to place on one provider. */
    public record Claim(UUID consumer, String projectId, String userId, long providerId, String providerName,
            Resources resources) {
    }

    /**
     * @param claimed consumers whose allocations this call wrote
     * @param existing consumers that had allocations already, with the provider they are on
     * @param refused consumers released before (deleted instances): nothing was written for them
     */
    public record Outcome(Set<UUID> claimed, Map<UUID, Long> existing, Set<UUID> refused) {
    }

    /** The decision lost a race: the provider no longer has room. Nothing was written. */
    public static class ClaimLostException extends RuntimeException {
        private final long providerId;

        public ClaimLostException(long providerId, String message) {
            super(message, null, false, false);
            this.providerId = providerId;
        }

        public long providerId() {
            return providerId;
        }
    }

    private final Database database;
    private final ProviderRepository providers;
    private final AllocationRepository allocations;

    public ClaimService(Database database, ProviderRepository providers, AllocationRepository allocations) {
        this.database = database;
        this.providers = providers;
        this.allocations = allocations;
    }

    public Outcome claim(List<Claim> claims) {
        List<UUID> consumers = claims.stream().map(Claim::consumer).toList();
        return database.inTransaction(c -> {
            allocations.lockConsumers(c, consumers);
            Set<UUID> refused = allocations.released(c, consumers);
            Map<UUID, Long> existing = new LinkedHashMap<>();
            for (AllocationRecord a : allocations.ofConsumers(c, consumers)) {
                existing.putIfAbsent(a.consumer(), a.providerId());
            }
            List<Claim> toWrite = new ArrayList<>();
            for (Claim claim : claims) {
                if (!refused.contains(claim.consumer()) && !existing.containsKey(claim.consumer())) {
                    toWrite.add(claim);
                }
            }
            if (toWrite.isEmpty()) {
                return new Outcome(Set.of(), existing, refused);
            }
            Set<Long> providerIds = new TreeSet<>();
            toWrite.forEach(claim -> providerIds.add(claim.providerId()));
            Map<Long, Integer> locked = providers.lockAll(c, providerIds);
            Map<Long, Map<String, InventoryRecord>> inventories = providers.inventoriesOf(c, providerIds);
            Map<Long, Map<String, Long>> usages = providers.usagesOf(c, providerIds);
            for (Claim claim : toWrite) {
                if (!locked.containsKey(claim.providerId())) {
                    throw new ClaimLostException(claim.providerId(), "resource provider " + claim.providerName()
                            + " no longer exists");
                }
                Map<String, Long> used = usages.computeIfAbsent(claim.providerId(), k -> new HashMap<>());
                Map<String, Long> requested = claim.resources().asMap();
                String problem = CapacityCheck.problem(claim.providerName(),
                        inventories.getOrDefault(claim.providerId(), Map.of()), used, requested);
                if (problem != null) {
                    throw new ClaimLostException(claim.providerId(), problem);
                }
                requested.forEach((rc, amount) -> used.merge(rc, amount, Long::sum));
            }
            Set<UUID> claimed = new TreeSet<>();
            for (Claim claim : toWrite) {
                allocations.upsertConsumer(c, claim.consumer(), claim.projectId(), claim.userId());
                allocations.insert(c, claim.consumer(), Map.of(claim.providerId(), claim.resources().asMap()));
                claimed.add(claim.consumer());
            }
            providers.bumpGenerations(c, providerIds);
            return new Outcome(claimed, existing, refused);
        });
    }

    /** The provider of that name (a compute node's), if it exists. */
    public Optional<Long> providerIdOf(String name) {
        return database.read(c -> providers.findByName(c, name).map(ProviderRecord::id));
    }

    /** The consumer was released for good (its instance was deleted). */
    public boolean isReleased(UUID consumer) {
        return database.read(c -> !allocations.released(c, List.of(consumer)).isEmpty());
    }

    /**
     * Returns the consumer's allocations (on {@code providerId} only, or all when null). With
     * {@code forever}, the consumer is tombstoned so that a claim arriving later is refused.
     *
     * @return the providers whose allocations were deleted (empty when there was nothing to release)
     */
    public Set<Long> release(UUID consumer, Long providerId, boolean forever) {
        return database.inTransaction(c -> {
            allocations.lockConsumers(c, List.of(consumer));
            Set<Long> affected = new TreeSet<>();
            for (AllocationRecord a : allocations.ofConsumers(c, List.of(consumer))) {
                if (providerId == null || providerId == a.providerId()) {
                    affected.add(a.providerId());
                }
            }
            if (!affected.isEmpty()) {
                providers.lockAll(c, affected);
                allocations.delete(c, consumer, providerId);
                providers.bumpGenerations(c, affected);
            }
            if (forever) {
                allocations.tombstone(c, List.of(consumer));
                if (allocations.ofConsumers(c, List.of(consumer)).isEmpty()) {
                    allocations.deleteConsumer(c, consumer);
                }
            }
            return affected;
        });
    }

    /**
     * A confirmed move: the instance's allocations (on its source) are deleted and the migration's (on the
     * destination) become the instance's; the migration's consumer is tombstoned. An instance released for good
     * meanwhile (deleted while VERIFY_RESIZE) gets nothing: the migration's allocations are returned too.
     *
     * @return the providers whose usage changed (empty when the move was committed or given up before)
     */
    public Set<Long> commitMove(UUID instance, UUID migration) {
        return database.inTransaction(c -> {
            allocations.lockConsumers(c, List.of(instance, migration));
            List<AllocationRecord> moved = allocations.ofConsumers(c, List.of(migration));
            if (moved.isEmpty()) {
                allocations.tombstone(c, List.of(migration));
                return Set.<Long>of();
            }
            Set<Long> affected = new TreeSet<>();
            moved.forEach(a -> affected.add(a.providerId()));
            allocations.ofConsumers(c, List.of(instance)).forEach(a -> affected.add(a.providerId()));
            providers.lockAll(c, affected);
            allocations.delete(c, instance, null);
            if (allocations.released(c, List.of(instance)).isEmpty()) {
                allocations.reassign(c, migration, instance);
            } else {
                allocations.delete(c, migration, null);
            }
            allocations.tombstone(c, List.of(migration));
            allocations.deleteConsumer(c, migration);
            providers.bumpGenerations(c, affected);
            return affected;
        });
    }
}
