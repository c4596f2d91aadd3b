package dev.stratus.scheduler.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The server-group members this process placed, by group, and one lock per group. compute-api names the
 * members that existed when a request was made; two requests for one group made at the same time do not
 * name each other, and a member whose claim is still being written has no host yet. Deciding the requests
 * of one group one at a time, and counting the members placed here, keeps them from sharing a host against
 * an anti-affinity policy (in this process; Nova leaves the same race to a late check on the compute host).
 */
@ApplicationScoped
public class ServerGroupMembers {

    private static final int STRIPES = 64;

    private final Map<String, Set<UUID>> byGroup = new ConcurrentHashMap<>();
    private final Map<UUID, String> groupOf = new ConcurrentHashMap<>();
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    public ServerGroupMembers() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** Runs {@code work} alone among the decisions for {@code groupId}; without a group it just runs. */
    public <T> T serialised(String groupId, Supplier<T> work) {
        if (groupId == null) {
            return work.get();
        }
        ReentrantLock lock = locks[Math.floorMod(groupId.hashCode(), STRIPES)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    public void placed(String groupId, UUID consumer) {
        if (groupId == null) {
            return;
        }
        byGroup.computeIfAbsent(groupId, g -> ConcurrentHashMap.newKeySet()).add(consumer);
        groupOf.put(consumer, groupId);
    }

    /** The instance is gone for good. */
    public void released(UUID consumer) {
        String groupId = groupOf.remove(consumer);
        if (groupId != null) {
            byGroup.computeIfPresent(groupId, (g, members) -> {
                members.remove(consumer);
                return members.isEmpty() ? null : members;
            });
        }
    }

    public Set<UUID> of(String groupId) {
        if (groupId == null) {
            return Set.of();
        }
        Set<UUID> members = byGroup.get(groupId);
        return members == null ? Set.of() : Set.copyOf(members);
    }
}
