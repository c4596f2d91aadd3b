package dev.stratus.scheduler.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Instances (or moves) are gone: their allocations are returned once and their consumers tombstoned; a confirmed
 * move's claims settle here too.
 */
@ApplicationScoped
public class ReleaseService {

    private final ClaimService claims;
    private final HostStateCache cache;
    private final ServerGroupMembers groupMembers;

    public ReleaseService(ClaimService claims, HostStateCache cache, ServerGroupMembers groupMembers) {
        this.claims = claims;
        this.cache = cache;
        this.groupMembers = groupMembers;
    }

    /** @return how many instances had allocations that were returned now */
    public int release(List<String> instanceIds) {
        int returned = 0;
        for (String id : instanceIds) {
            UUID consumer = Consumers.of(id);
            Set<Long> providers = claims.release(consumer, null, true);
            cache.released(consumer);
            groupMembers.released(consumer);
            if (!providers.isEmpty()) {
                returned++;
                for (Long provider : providers) {
                    cache.byProvider(provider).ifPresent(h -> h.release(consumer));
                }
            }
        }
        return returned;
    }

    /**
     * Instances left their hosts but live on (offloaded): their allocations are returned and a later claim for
     * them is taken.
     */
    public void returnOnly(List<String> instanceIds) {
        for (String id : instanceIds) {
            UUID consumer = Consumers.of(id);
            Set<Long> providers = claims.release(consumer, null, false);
            cache.released(consumer);
            groupMembers.released(consumer);
            for (Long provider : providers) {
                cache.byProvider(provider).ifPresent(h -> h.release(consumer));
            }
        }
    }

    /** A move was confirmed: the destination's claim becomes the instance's, the source's is returned. */
    public void commitMove(String instanceId, String migrationId) {
        UUID instance = Consumers.of(instanceId);
        UUID migration = Consumers.of(migrationId);
        Set<Long> providers = claims.commitMove(instance, migration);
        groupMembers.released(migration);
        if (providers.isEmpty()) {
            return;
        }
        cache.released(instance);
        cache.released(migration);
        cache.refreshProviders(providers);
    }
}
