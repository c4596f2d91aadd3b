package dev.stratus.scheduler;

import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.HostResources;
import dev.stratus.common.compute.ImageSpec;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.RequestSpec;
import dev.stratus.common.compute.ScheduleInstances;
import dev.stratus.common.compute.SchedulingHints;
import dev.stratus.common.compute.ServiceHeartbeat;
import dev.stratus.scheduler.persistence.Database;
import dev.stratus.scheduler.service.HostState;
import dev.stratus.scheduler.service.HostStateCache;
import dev.stratus.scheduler.service.HostSync;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Simulated compute hosts and requests for scheduler tests: hosts register as real nodes do, by heartbeat. */
@ApplicationScoped
public class TestFleet {

    private final Database database;
    private final HostSync sync;
    private final HostStateCache cache;

    public TestFleet(Database database, HostSync sync, HostStateCache cache) {
        this.database = database;
        this.sync = sync;
        this.cache = cache;
    }

    /** Empties the placement database and the host states. */
    public void reset() {
        database.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("TRUNCATE allocations, consumers, released_consumers, inventories, provider_traits,"
                        + " provider_aggregates, resource_providers, compute_hosts, resource_classes CASCADE");
                s.execute("DELETE FROM traits WHERE custom");
            }
            return null;
        });
        cache.reloadAll();
    }

    /** Rebuilds the host states from the database, as a scheduler restart does. */
    public void reload() {
        cache.reloadAll();
    }

    /** The scheduler's state of a host, or null when it does not know the host. */
    public HostState state(String host) {
        return cache.host(host).orElse(null);
    }

    public static HostResources resources(String node, int vcpus, long memoryMb, long diskGb) {
        return new HostResources(node, "QEMU", 7002000, "192.0.2.1", vcpus, memoryMb, diskGb, 0, 0, 0, 1.0, 1.0, 1.0,
                0, 0, 0, 0, "{\"arch\": \"x86_64\"}", List.of("COMPUTE_NODE", "HW_CPU_X86_SSE2"));
    }

    /** The host sends a heartbeat now (registering it on the first one). */
    public void heartbeat(String host, HostResources resources) {
        sync.heartbeat(new ServiceHeartbeat(host, "stratus-compute", "1.0", Instant.now(), Instant.now(), 10,
                resources));
    }

    public void host(String host, int vcpus, long memoryMb, long diskGb) {
        heartbeat(host, resources(host, vcpus, memoryMb, diskGb));
    }

    public static FlavorSpec flavor(int vcpus, int memoryMb, int diskGb) {
        return new FlavorSpec("f-" + vcpus + "-" + memoryMb + "-" + diskGb, "test", vcpus, memoryMb, diskGb, 0, 0,
                Map.of());
    }

    public static ImageSpec image(Map<String, String> properties) {
        return new ImageSpec(UUID.randomUUID().toString(), "cirros", "qcow2", "bare", 1024, "abc", 0, 0, properties);
    }

    public static InstanceBuild instance(String id, FlavorSpec flavor) {
        return new InstanceBuild(id, "vm-" + id.substring(0, 8), "vm", "project-a", "alice", flavor, image(Map.of()),
                null, null, null, Map.of(), List.of(), false, null, 0, "r-1", null, Instant.now());
    }

    public static RequestSpec spec(FlavorSpec flavor, SchedulingHints hints) {
        return new RequestSpec("project-a", "alice", flavor, image(Map.of()), null, hints, List.of());
    }

    public static ScheduleInstances request(FlavorSpec flavor, int count) {
        return request(spec(flavor, SchedulingHints.NONE), count);
    }

    public static ScheduleInstances request(RequestSpec spec, int count) {
        List<InstanceBuild> instances = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            instances.add(instance(UUID.randomUUID().toString(), spec.flavor()));
        }
        return new ScheduleInstances(spec, instances, 3);
    }

    /** Sum of allocations per resource class on the host's provider, straight from the database. */
    public Map<String, Long> allocated(String node) {
        return database.read(c -> {
            Map<String, Long> used = new java.util.TreeMap<>();
            try (var ps = c.prepareStatement("SELECT a.resource_class, SUM(a.used) FROM allocations a"
                    + " JOIN resource_providers p ON p.id = a.provider_id WHERE p.name = ? GROUP BY 1")) {
                ps.setString(1, node);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        used.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return used;
        });
    }

    public long count(String sql) {
        return database.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
