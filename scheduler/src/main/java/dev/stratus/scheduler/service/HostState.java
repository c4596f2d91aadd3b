package dev.stratus.scheduler.service;

import dev.stratus.common.compute.HostAggregates;
import dev.stratus.scheduler.persistence.InventoryRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the scheduler knows of one compute host, in memory: capacity, usage, zone, aggregates, traits and
 * whether it is up. Usage is kept per consumer, so that reloading from the database, committing a claim
 * and releasing one are idempotent and never count an instance twice. Reservations made by a decision that
 * is still claiming ({@code pending}) count as used, so concurrent decisions in this process see each other.
 */
public final class HostState {

    private final String host;
    private volatile long providerId;
    private volatile UUID providerUuid;
    private volatile String node;
    private volatile Map<String, InventoryRecord> inventory = Map.of();
    private volatile InventoryRecord vcpuInventory;
    private volatile InventoryRecord memoryInventory;
    private volatile InventoryRecord diskInventory;
    private volatile Set<String> traits = Set.of();
    private volatile Instant lastHeartbeat;
    private volatile boolean disabled;
    private volatile String disabledReason;
    private volatile boolean forcedDown;
    private volatile String availabilityZone;
    private volatile List<HostAggregates.Aggregate> aggregates = List.of();
    private volatile String hypervisorType;
    private volatile String cpuArch;

    private final Map<UUID, Resources> committed = new HashMap<>();
    private final Map<UUID, Resources> pending = new HashMap<>();
    /** Reservations whose claim was written and then released before the claimer committed it here. */
    private final Set<UUID> releasedWhileClaiming = new HashSet<>();
    private Resources used = Resources.NONE;
    /** Counts changes to {@code committed} made by this process, so that a reload can tell it read too early. */
    private long changes;

    public HostState(String host) {
        this.host = host;
    }

    public String host() {
        return host;
    }

    // ---- capacity and usage -----------------------------------------------------------------------

    /** Null when {@code request} fits now (capacity and unit rules), else the first resource class that does not. */
    public synchronized String shortage(Resources request) {
        return shortage(request, used);
    }

    private String shortage(Resources request, Resources usedNow) {
        if (short_(vcpuInventory, request.vcpu(), usedNow.vcpu())) {
            return ResourceClasses.VCPU;
        }
        if (short_(memoryInventory, request.memoryMb(), usedNow.memoryMb())) {
            return ResourceClasses.MEMORY_MB;
        }
        if (short_(diskInventory, request.diskGb(), usedNow.diskGb())) {
            return ResourceClasses.DISK_GB;
        }
        return null;
    }

    private static boolean short_(InventoryRecord record, long amount, long used) {
        return amount > 0 && (record == null || record.unitProblem(amount) != null || used + amount > record.capacity());
    }

    /** Counts {@code request} as used by {@code consumer} until it is committed or cancelled, if it fits. */
    public synchronized boolean reserve(UUID consumer, Resources request) {
        if (committed.containsKey(consumer) || pending.containsKey(consumer)) {
            return false;
        }
        if (shortage(request, used) != null) {
            return false;
        }
        releasedWhileClaiming.remove(consumer);
        pending.put(consumer, request);
        used = used.plus(request);
        return true;
    }

    /**
     * The claim of a reservation was written to the database (usage does not change: it moves).
     *
     * @return false when the allocation was released in the meantime (the instance was deleted while its
     *         claim was being written): nothing is counted for it any more
     */
    public synchronized boolean commit(UUID consumer) {
        Resources r = pending.remove(consumer);
        if (r == null) {
            return !releasedWhileClaiming.remove(consumer);
        }
        if (committed.putIfAbsent(consumer, r) == null) {
            changes++;
        }
        return true;
    }

    /** A reservation whose claim failed or was not needed. */
    public synchronized void cancel(UUID consumer) {
        Resources r = pending.remove(consumer);
        releasedWhileClaiming.remove(consumer);
        if (r != null && !committed.containsKey(consumer)) {
            used = used.minus(r);
        }
    }

    /** An allocation (committed here or seen in the database) now exists for {@code consumer}. */
    public synchronized void allocated(UUID consumer, Resources r) {
        cancel(consumer);
        Resources old = committed.put(consumer, r);
        used = used.plus(r).minus(old == null ? Resources.NONE : old);
        changes++;
    }

    /**
     * The consumer's allocation on this host is gone. A reservation still waiting for its claimer to commit
     * it goes too: the claim was written (a release found it) and released since.
     */
    public synchronized boolean release(UUID consumer) {
        Resources r = committed.remove(consumer);
        Resources reserved = pending.remove(consumer);
        if (r == null && reserved == null) {
            return false;
        }
        used = used.minus(r != null ? r : reserved);
        if (reserved != null) {
            releasedWhileClaiming.add(consumer);
        }
        changes++;
        return true;
    }

    /** A stamp of this process's changes to committed usage, taken before reading usage from the database. */
    public synchronized long changes() {
        return changes;
    }

    /**
     * Replaces committed usage with what the database holds; reservations in flight stay. Refused (false)
     * when this process changed committed usage since {@code changesAtRead} (null: never refused): the rows
     * were read before that change and would undo it.
     */
    public synchronized boolean reload(Map<UUID, Resources> fromDatabase, Long changesAtRead) {
        if (changesAtRead != null && changesAtRead != changes) {
            return false;
        }
        committed.clear();
        committed.putAll(fromDatabase);
        Resources total = Resources.NONE;
        for (Resources r : committed.values()) {
            total = total.plus(r);
        }
        for (var e : pending.entrySet()) {
            if (!committed.containsKey(e.getKey())) {
                total = total.plus(e.getValue());
            }
        }
        used = total;
        return true;
    }

    /** The consumer has an allocation or a reservation here. */
    public synchronized boolean holds(UUID consumer) {
        return committed.containsKey(consumer) || pending.containsKey(consumer);
    }

    public synchronized Resources used() {
        return used;
    }

    public synchronized Set<UUID> consumers() {
        Set<UUID> all = new java.util.HashSet<>(committed.keySet());
        all.addAll(pending.keySet());
        return all;
    }

    /** What may still be allocated of a resource class (capacity minus usage); 0 without inventory. */
    public long free(String resourceClass) {
        return switch (resourceClass) {
            case ResourceClasses.VCPU -> freeVcpus();
            case ResourceClasses.MEMORY_MB -> freeMemoryMb();
            case ResourceClasses.DISK_GB -> freeDiskGb();
            default -> 0;
        };
    }

    public long freeVcpus() {
        InventoryRecord r = vcpuInventory;
        return r == null ? 0 : r.capacity() - used().vcpu();
    }

    public long freeMemoryMb() {
        InventoryRecord r = memoryInventory;
        return r == null ? 0 : r.capacity() - used().memoryMb();
    }

    public long freeDiskGb() {
        InventoryRecord r = diskInventory;
        return r == null ? 0 : r.capacity() - used().diskGb();
    }

    // ---- status -----------------------------------------------------------------------------------

    /** Up: a heartbeat within {@code downTime} and not forced down. */
    public boolean isUp(Instant now, Duration downTime) {
        Instant last = lastHeartbeat;
        return !forcedDown && last != null && !last.isBefore(now.minus(downTime));
    }

    public long providerId() {
        return providerId;
    }

    public UUID providerUuid() {
        return providerUuid;
    }

    /** The hypervisor node: the resource provider's name. */
    public String node() {
        return node != null ? node : host;
    }

    public void provider(long id, UUID uuid, String nodeName) {
        this.providerId = id;
        this.providerUuid = uuid;
        this.node = nodeName;
    }

    public boolean hasProvider() {
        return providerUuid != null;
    }

    public Map<String, InventoryRecord> inventory() {
        return inventory;
    }

    public void inventory(Map<String, InventoryRecord> inventory) {
        this.inventory = Map.copyOf(inventory);
        // The three classes the scheduler places, at hand for the filters and weighers that run on every host.
        this.vcpuInventory = inventory.get(ResourceClasses.VCPU);
        this.memoryInventory = inventory.get(ResourceClasses.MEMORY_MB);
        this.diskInventory = inventory.get(ResourceClasses.DISK_GB);
    }

    public Set<String> traits() {
        return traits;
    }

    public void traits(Set<String> traits) {
        this.traits = Set.copyOf(traits);
    }

    public Instant lastHeartbeat() {
        return lastHeartbeat;
    }

    public void heartbeat(Instant at) {
        Instant last = lastHeartbeat;
        if (at != null && (last == null || at.isAfter(last))) {
            lastHeartbeat = at;
        }
    }

    public boolean disabled() {
        return disabled;
    }

    public String disabledReason() {
        return disabledReason;
    }

    public boolean forcedDown() {
        return forcedDown;
    }

    public void status(boolean disabled, String reason, boolean forcedDown) {
        this.disabled = disabled;
        this.disabledReason = reason;
        this.forcedDown = forcedDown;
    }

    /** The zone from the host's aggregates; null when none of them names one. */
    public String availabilityZone() {
        return availabilityZone;
    }

    public List<HostAggregates.Aggregate> aggregates() {
        return aggregates;
    }

    public void aggregates(String zone, List<HostAggregates.Aggregate> aggregates) {
        this.availabilityZone = zone;
        this.aggregates = List.copyOf(aggregates);
    }

    public String hypervisorType() {
        return hypervisorType;
    }

    public String cpuArch() {
        return cpuArch;
    }

    public void hypervisor(String type, String arch) {
        this.hypervisorType = type;
        this.cpuArch = arch;
    }
}
