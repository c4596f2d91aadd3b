package dev.stratus.scheduler;

import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.RequestSpec;
import dev.stratus.common.compute.SchedulingHints;
import dev.stratus.scheduler.filter.SelectionContext;
import dev.stratus.scheduler.persistence.InventoryRecord;
import dev.stratus.scheduler.service.Consumers;
import dev.stratus.scheduler.service.HostState;
import dev.stratus.scheduler.service.HostStateCache;
import dev.stratus.scheduler.service.ResourceClasses;
import dev.stratus.scheduler.service.Resources;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** In-memory host states for plugin and selector unit tests: no database, no broker. */
public final class SimulatedHosts {

    private static final AtomicLong PROVIDER_IDS = new AtomicLong(1000);

    private SimulatedHosts() {
    }

    public static Map<String, InventoryRecord> inventory(int vcpus, long memoryMb, long diskGb) {
        Map<String, InventoryRecord> inventory = new LinkedHashMap<>();
        inventory.put(ResourceClasses.VCPU, new InventoryRecord(ResourceClasses.VCPU, vcpus, 0, 1, vcpus, 1, 1.0));
        inventory.put(ResourceClasses.MEMORY_MB,
                new InventoryRecord(ResourceClasses.MEMORY_MB, memoryMb, 0, 1, memoryMb, 1, 1.0));
        inventory.put(ResourceClasses.DISK_GB, new InventoryRecord(ResourceClasses.DISK_GB, diskGb, 0, 1, diskGb, 1, 1.0));
        return inventory;
    }

    /** A host that is up (heartbeat now), enabled, with a provider and this inventory. */
    public static HostState up(String name, int vcpus, long memoryMb, long diskGb) {
        HostState host = new HostState(name);
        host.provider(PROVIDER_IDS.incrementAndGet(), UUID.randomUUID(), name);
        host.inventory(inventory(vcpus, memoryMb, diskGb));
        host.heartbeat(Instant.now());
        host.hypervisor("QEMU", "x86_64");
        return host;
    }

    /** The same host, registered in a cache built without a database (only its in-memory maps are used). */
    public static HostState register(HostStateCache cache, String name, int vcpus, long memoryMb, long diskGb) {
        HostState host = cache.hostOrCreate(name);
        cache.linkProvider(host, PROVIDER_IDS.incrementAndGet(), UUID.randomUUID(), name);
        host.inventory(inventory(vcpus, memoryMb, diskGb));
        host.heartbeat(Instant.now());
        host.hypervisor("QEMU", "x86_64");
        return host;
    }

    /** An instance already allocated on {@code host}, as the cache learns it from the database. */
    public static String placeExisting(HostStateCache cache, HostState host, FlavorSpec flavor) {
        String id = UUID.randomUUID().toString();
        cache.placed(Consumers.of(id), host, Resources.of(flavor));
        return id;
    }

    public static RequestSpec spec(FlavorSpec flavor) {
        return TestFleet.spec(flavor, SchedulingHints.NONE);
    }

    public static SelectionContext context(RequestSpec spec) {
        return context(spec, Map.of(), Set.of(), Set.of());
    }

    public static SelectionContext context(RequestSpec spec, Map<String, Integer> groupHosts, Set<String> sameHosts,
            Set<String> differentHosts) {
        String id = UUID.randomUUID().toString();
        return new SelectionContext(spec, TestFleet.instance(id, spec.flavor()), Consumers.of(id),
                Resources.of(spec.flavor()), Instant.now(), groupHosts, sameHosts, differentHosts);
    }

    public static SchedulingHints group(String policy, Integer maxPerHost) {
        return new SchedulingHints("group-1", policy, maxPerHost, java.util.List.of(), java.util.List.of(),
                java.util.List.of(), null, null);
    }
}
