package dev.stratus.compute.node.instance;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The instances one node runs, as it believes them to be, and a lock per instance so that a build, an
 * action, a delete and a power-state sync of one instance never interleave.
 */
public class InstanceRegistry {

    // Striped: a lock per instance would need reference counting to be removed safely.
    private static final int STRIPES = 32;

    private final Map<String, TrackedInstance> instances = new ConcurrentHashMap<>();
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    private final InstanceRecords records;
    // Recently deleted instances, so that a build redelivered after the delete does not bring one back.
    private final Map<String, Boolean> deleted = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > 1024;
                }
            });

    public InstanceRegistry(InstanceRecords records) {
        this.records = records;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** Loads what the records kept from before a restart. */
    public List<TrackedInstance> restore() {
        List<TrackedInstance> restored = records.loadAll();
        restored.forEach(i -> instances.put(i.instanceId(), i));
        return restored;
    }

    public <T> T withLock(String instanceId, Callable<T> work) throws Exception {
        ReentrantLock lock = locks[Math.floorMod(instanceId.hashCode(), STRIPES)];
        lock.lock();
        try {
            return work.call();
        } finally {
            lock.unlock();
        }
    }

    public Optional<TrackedInstance> get(String instanceId) {
        return Optional.ofNullable(instances.get(instanceId));
    }

    public void put(TrackedInstance instance) {
        records.save(instance);
        instances.put(instance.instanceId(), instance);
    }

    public void remove(String instanceId) {
        records.remove(instanceId);
        instances.remove(instanceId);
    }

    /** Forgets the instance and remembers that it was deleted here. */
    public void removeDeleted(String instanceId) {
        remove(instanceId);
        deleted.put(instanceId, Boolean.TRUE);
    }

    public boolean wasDeleted(String instanceId) {
        return deleted.containsKey(instanceId);
    }

    public Collection<TrackedInstance> all() {
        return List.copyOf(instances.values());
    }

    public int size() {
        return instances.size();
    }
}
