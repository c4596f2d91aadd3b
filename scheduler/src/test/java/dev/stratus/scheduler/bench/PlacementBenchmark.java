package dev.stratus.scheduler.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.RequestSpec;
import dev.stratus.common.compute.ScheduleInstances;
import dev.stratus.common.compute.SchedulingHints;
import dev.stratus.deploy.testing.TestDatabase;
import dev.stratus.deploy.testing.TestDatabases;
import dev.stratus.scheduler.PlainSchedulerConfig;
import dev.stratus.scheduler.TestFleet;
import dev.stratus.scheduler.filter.AggregateInstanceExtraSpecsFilter;
import dev.stratus.scheduler.filter.AvailabilityZoneFilter;
import dev.stratus.scheduler.filter.CapacityFilter;
import dev.stratus.scheduler.filter.ComputeFilter;
import dev.stratus.scheduler.filter.DifferentHostFilter;
import dev.stratus.scheduler.filter.ForcedHostFilter;
import dev.stratus.scheduler.filter.HostFilter;
import dev.stratus.scheduler.filter.ImagePropertiesFilter;
import dev.stratus.scheduler.filter.SameHostFilter;
import dev.stratus.scheduler.filter.ServerGroupAffinityFilter;
import dev.stratus.scheduler.filter.ServerGroupAntiAffinityFilter;
import dev.stratus.scheduler.persistence.AllocationRepository;
import dev.stratus.scheduler.persistence.Database;
import dev.stratus.scheduler.persistence.HostRepository;
import dev.stratus.scheduler.persistence.ProviderRepository;
import dev.stratus.scheduler.service.BuildFailures;
import dev.stratus.scheduler.service.ClaimService;
import dev.stratus.scheduler.service.Decision;
import dev.stratus.scheduler.service.HostSelector;
import dev.stratus.scheduler.service.HostState;
import dev.stratus.scheduler.service.HostStateCache;
import dev.stratus.scheduler.service.Resources;
import dev.stratus.scheduler.service.SchedulingService;
import dev.stratus.scheduler.service.ServerGroupMembers;
import dev.stratus.scheduler.weigher.BuildFailureWeigher;
import dev.stratus.scheduler.weigher.CpuWeigher;
import dev.stratus.scheduler.weigher.DiskWeigher;
import dev.stratus.scheduler.weigher.HostWeigher;
import dev.stratus.scheduler.weigher.RamWeigher;
import dev.stratus.scheduler.weigher.ServerGroupSoftAffinityWeigher;
import dev.stratus.scheduler.weigher.ServerGroupSoftAntiAffinityWeigher;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;

/**
 * Time to select and claim one instance at 100, 1,000 and 10,000 simulated hosts, and the sustained
 * placement rate at concurrency 50, with the scheduler's own selector (every filter and weigher on) and
 * claim transaction against a real PostgreSQL (its own database, {@code stratus_scheduler_bench}). Hosts are
 * written straight into the placement tables, then loaded into the host states as at start-up.
 *
 * <pre>smvn -o -q -pl scheduler test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.stratus.scheduler.bench.PlacementBenchmark [-Dexec.args="100 1000 10000"]</pre>
 *
 * Targets (issue 4): select + claim under 5 ms at 1,000 hosts and under 25 ms at 10,000; at least 200
 * placements per second at concurrency 50 with no provider over-committed.
 */
public final class PlacementBenchmark {

    private static final FlavorSpec FLAVOR = TestFleet.flavor(1, 1024, 10);
    private static final int CONCURRENCY = 50;
    private static final int SEQUENTIAL = 500;
    private static final Duration SUSTAINED = Duration.ofSeconds(10);
    // Each host holds 256 instances of the flavor: the sustained phase never runs out of room.
    private static final int HOST_VCPUS = 256;

    private final Database database;
    private final PlainSchedulerConfig config;
    private final ProviderRepository providers = new ProviderRepository();
    private final AllocationRepository allocations = new AllocationRepository();
    private final HostRepository hosts = new HostRepository(new ObjectMapper());

    private PlacementBenchmark(Database database) {
        this.database = database;
        // Heartbeats are written once: keep the hosts "up" for the whole run.
        this.config = new PlainSchedulerConfig().downTime(Duration.ofHours(1));
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {100, 1000, 10000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        TestDatabase db = TestDatabases.ensure("stratus_scheduler_bench");
        try (AgroalDataSource ds = dataSource(db)) {
            Flyway flyway = Flyway.configure().dataSource(ds).locations("classpath:db/migration").cleanDisabled(false)
                    .load();
            flyway.clean();
            flyway.migrate();
            PlacementBenchmark bench = new PlacementBenchmark(new Database(ds));
            System.out.printf("%nPlacement benchmark: %s, %d CPUs, JDK %s%n", db, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            System.out.printf("flavor %s; every filter and weigher enabled; %d sequential placements per size,"
                    + " sustained %d s at concurrency %d%n%n", Resources.of(FLAVOR), SEQUENTIAL, SUSTAINED.toSeconds(),
                    CONCURRENCY);
            for (int size : sizes) {
                bench.run(size);
            }
            bench.contention();
        }
        System.exit(0);
    }

    private static AgroalDataSource dataSource(TestDatabase db) throws java.sql.SQLException {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(24).minSize(2)
                        .connectionFactoryConfiguration(cf -> cf.jdbcUrl(db.jdbcUrl())
                                .principal(new NamePrincipal(db.user())).credential(new SimplePassword(db.password())))));
    }

    /** One scheduler process: host states, selector and claim, as the application wires them. */
    private record Scheduler(HostStateCache cache, HostSelector selector, SchedulingService scheduling) {
    }

    private Scheduler scheduler() {
        HostStateCache cache = new HostStateCache(database, providers, allocations, hosts, config);
        cache.reloadAll();
        ServerGroupMembers members = new ServerGroupMembers();
        List<HostFilter> filters = List.of(new ComputeFilter(config), new ForcedHostFilter(), new CapacityFilter(),
                new AvailabilityZoneFilter(config), new AggregateInstanceExtraSpecsFilter(), new ImagePropertiesFilter(),
                new ServerGroupAffinityFilter(), new ServerGroupAntiAffinityFilter(), new SameHostFilter(),
                new DifferentHostFilter());
        List<HostWeigher> weighers = List.of(new RamWeigher(config), new CpuWeigher(config), new DiskWeigher(config),
                new BuildFailureWeigher(config, new BuildFailures(config)), new ServerGroupSoftAffinityWeigher(config),
                new ServerGroupSoftAntiAffinityWeigher(config));
        HostSelector selector = new HostSelector(cache, config, members, filters, weighers);
        ClaimService claims = new ClaimService(database, providers, allocations);
        return new Scheduler(cache, selector, new SchedulingService(selector, claims, cache, null, config, members));
    }

    private void run(int size) throws Exception {
        reset();
        long start = System.nanoTime();
        addHosts(size, HOST_VCPUS);
        Scheduler s = scheduler();
        System.out.printf("== %,d hosts (registered and loaded in %d ms)%n", size, (System.nanoTime() - start) / 1_000_000);

        RequestSpec spec = TestFleet.spec(FLAVOR, SchedulingHints.NONE);
        // Warm-up (JIT, connection pool, statement caches).
        for (int i = 0; i < 300; i++) {
            place(s, spec);
        }
        long[] select = new long[SEQUENTIAL];
        for (int i = 0; i < SEQUENTIAL; i++) {
            ScheduleInstances request = TestFleet.request(spec, 1);
            long t0 = System.nanoTime();
            Decision d = s.selector().select(spec, request.instances(), Set.of());
            select[i] = System.nanoTime() - t0;
            s.selector().cancel(((Decision.Placed) d).placements());
        }
        long[] full = new long[SEQUENTIAL];
        for (int i = 0; i < SEQUENTIAL; i++) {
            long t0 = System.nanoTime();
            place(s, spec);
            full[i] = System.nanoTime() - t0;
        }
        System.out.printf("   select only      %s%n", stats(select));
        System.out.printf("   select + claim   %s%n", stats(full));

        Sustained result = sustained(s, spec, SUSTAINED);
        System.out.printf("   sustained, concurrency %d: %,d placements in %.1f s = %.0f placements/s"
                + " (%d refused for want of room)%n", CONCURRENCY, result.placed, result.seconds,
                result.placed / result.seconds, result.refused);
        report(s);
    }

    /** Few small hosts and far more requests than room, all at once: exactly the room is placed. */
    private void contention() throws Exception {
        reset();
        int hostsCount = 10;
        int perHost = 20;
        addHosts(hostsCount, perHost);
        // Two scheduler processes with their own host states, sharing the database.
        Scheduler one = scheduler();
        Scheduler two = scheduler();
        RequestSpec spec = TestFleet.spec(FLAVOR, SchedulingHints.NONE);
        AtomicInteger placed = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        int requests = 2 * hostsCount * perHost;
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                Scheduler s = i % 2 == 0 ? one : two;
                futures.add(pool.submit(() -> {
                    if (place(s, spec)) {
                        placed.incrementAndGet();
                    } else {
                        refused.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("== contention: %d requests at concurrency %d from two scheduler processes for room for %d"
                + " (%d hosts x %d): %d placed, %d refused in %.2f s%n", requests, CONCURRENCY, hostsCount * perHost,
                hostsCount, perHost, placed.get(), refused.get(), seconds);
        System.out.printf("   %s%n", placed.get() == hostsCount * perHost ? "exactly the room was placed"
                : "WRONG: expected " + hostsCount * perHost + " placed");
        report(one);
    }

    private record Sustained(long placed, long refused, double seconds) {
    }

    private Sustained sustained(Scheduler s, RequestSpec spec, Duration duration) throws Exception {
        AtomicLong placed = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < CONCURRENCY; i++) {
                workers.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        if (place(s, spec)) {
                            placed.incrementAndGet();
                        } else {
                            refused.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        }
        return new Sustained(placed.get(), refused.get(), (System.nanoTime() - t0) / 1e9);
    }

    private static boolean place(Scheduler s, RequestSpec spec) {
        SchedulingService.Result result = s.scheduling().place(TestFleet.request(spec, 1));
        return result.noValidHost() == null && result.builds().size() == 1;
    }

    /** Over-committed providers in the database, and hosts whose in-memory usage differs from it. */
    private void report(Scheduler s) {
        long overCommitted = count("SELECT count(*) FROM (SELECT a.provider_id, a.resource_class, SUM(a.used) AS used"
                + " FROM allocations a GROUP BY 1, 2) u JOIN inventories i ON i.provider_id = u.provider_id AND"
                + " i.resource_class = u.resource_class WHERE u.used > (i.total - i.reserved) * i.allocation_ratio");
        long consumers = count("SELECT count(*) FROM consumers");
        Map<String, Resources> fromDatabase = new HashMap<>();
        database.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT p.name,"
                    + " SUM(a.used) FILTER (WHERE a.resource_class = 'VCPU'),"
                    + " SUM(a.used) FILTER (WHERE a.resource_class = 'MEMORY_MB'),"
                    + " SUM(a.used) FILTER (WHERE a.resource_class = 'DISK_GB')"
                    + " FROM allocations a JOIN resource_providers p ON p.id = a.provider_id GROUP BY 1")) {
                while (rs.next()) {
                    fromDatabase.put(rs.getString(1), new Resources(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                }
            }
            return null;
        });
        int differ = 0;
        for (HostState h : s.cache().all()) {
            if (!h.used().equals(fromDatabase.getOrDefault(h.host(), Resources.NONE))) {
                differ++;
            }
        }
        System.out.printf("   %,d instances allocated; over-committed resource classes: %d; hosts whose cached"
                + " usage differs from the database: %d%n%n", consumers, overCommitted, differ);
    }

    private void reset() {
        database.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("TRUNCATE allocations, consumers, released_consumers, inventories, provider_traits,"
                        + " provider_aggregates, resource_providers, compute_hosts CASCADE");
            }
            return null;
        });
    }

    private void addHosts(int count, int vcpus) {
        long memory = vcpus * 1024L;
        long disk = vcpus * 10L;
        database.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO resource_providers (uuid, name) SELECT gen_random_uuid(),"
                        + " 'bench-' || lpad(i::text, 5, '0') FROM generate_series(1, " + count + ") i");
                st.execute("UPDATE resource_providers SET root_id = id");
                st.execute("INSERT INTO inventories (provider_id, resource_class, total, reserved, min_unit, max_unit,"
                        + " step_size, allocation_ratio) SELECT id, rc, total, 0, 1, total, 1, 1.0 FROM resource_providers,"
                        + " (VALUES ('VCPU', " + vcpus + "), ('MEMORY_MB', " + memory + "), ('DISK_GB', " + disk
                        + ")) v(rc, total)");
                st.execute("INSERT INTO compute_hosts (host, provider_uuid, hypervisor_type, cpu_arch, last_heartbeat)"
                        + " SELECT name, uuid, 'QEMU', 'x86_64', now() FROM resource_providers");
                st.execute("ANALYZE");
            }
            return null;
        });
    }

    private long count(String sql) {
        return database.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static String stats(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
        return String.format("mean %6.2f ms   p50 %6.2f   p95 %6.2f   p99 %6.2f   max %6.2f", mean,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.95)] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }
}
