package dev.stratus.scheduler.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.BuildInstance;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.InstanceStateReport;
import dev.stratus.common.compute.ScheduleInstances;
import dev.stratus.scheduler.SchedulerTestResource;
import dev.stratus.scheduler.config.SchedulerConfig;
import dev.stratus.scheduler.filter.HostFilter;
import dev.stratus.scheduler.persistence.AllocationRepository;
import dev.stratus.scheduler.persistence.Database;
import dev.stratus.scheduler.persistence.HostRepository;
import dev.stratus.scheduler.persistence.ProviderRepository;
import dev.stratus.scheduler.service.ClaimService;
import dev.stratus.scheduler.service.HostSelector;
import dev.stratus.scheduler.service.HostStateCache;
import dev.stratus.scheduler.service.SchedulingService;
import dev.stratus.scheduler.service.ServerGroupMembers;
import dev.stratus.scheduler.weigher.HostWeigher;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import dev.stratus.scheduler.TestFleet;
import dev.stratus.scheduler.service.Faults;
import dev.stratus.scheduler.service.Resources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 64 create requests at once for a flavor when the only host has room for exactly 10, sent over the broker
 * as compute-api sends them: exactly 10 builds go to the host, the other 54 instances are reported to
 * compute-api in ERROR with a no-capacity fault, usage equals the allocations, and releasing everything
 * brings usage back to zero.
 */
@QuarkusTest
@QuarkusTestResource(value = SchedulerTestResource.class, restrictToAnnotatedClass = false)
class ClaimConcurrencyTest {

    private static final String HOST = "cc-host";
    private static final FlavorSpec FLAVOR = TestFleet.flavor(1, 1024, 10);
    private static final int REQUESTS = 64;
    private static final int ROOM = 10;

    @Inject
    TestFleet fleet;

    @Inject
    SchedulerClient scheduler;

    @Inject
    Database database;

    @Inject
    ProviderRepository providers;

    @Inject
    AllocationRepository allocations;

    @Inject
    HostRepository hosts;

    @Inject
    SchedulerConfig config;

    @Inject
    ClaimService claims;

    @Inject
    @Any
    Instance<HostFilter> filters;

    @Inject
    @Any
    Instance<HostWeigher> weighers;

    MessageRecorder recorder;

    @BeforeEach
    void setUp() {
        fleet.reset();
        scheduler.ready();
        recorder = new MessageRecorder().listen(ComputeTopics.computeHost(HOST), ComputeTopics.CONDUCTOR);
        // Room for exactly 10 in every resource class, so no class has slack to hide an over-commit.
        fleet.host(HOST, ROOM, ROOM * 1024L, ROOM * 10L);
    }

    @AfterEach
    void tearDown() {
        recorder.close();
    }

    @Test
    void sixtyFourAtOncePlaceExactlyTenAndTheRestGoToErrorForWantOfCapacity() throws Exception {
        List<ScheduleInstances> requests = new ArrayList<>();
        Set<String> all = new HashSet<>();
        for (int i = 0; i < REQUESTS; i++) {
            ScheduleInstances request = TestFleet.request(FLAVOR, 1);
            requests.add(request);
            all.add(request.instances().get(0).instanceId());
        }
        castAllAtOnce(requests);

        String buildTopic = ComputeTopics.computeHost(HOST);
        recorder.await("an outcome for each of the 64 instances", Duration.ofSeconds(90),
                r -> r.messages(buildTopic, BuildInstance.TYPE).size()
                        + r.messages(ComputeTopics.CONDUCTOR, InstanceStateReport.TYPE).size() >= REQUESTS);
        recorder.assertNothingMore(REQUESTS, Duration.ofSeconds(1));

        List<BuildInstance> builds = recorder.messages(buildTopic, BuildInstance.TYPE);
        List<InstanceStateReport> errors = recorder.messages(ComputeTopics.CONDUCTOR, InstanceStateReport.TYPE);
        assertEquals(ROOM, builds.size(), recorder.summary());
        assertEquals(REQUESTS - ROOM, errors.size(), recorder.summary());

        Set<String> built = new HashSet<>();
        for (BuildInstance b : builds) {
            assertEquals(HOST, b.host());
            assertEquals(HOST, b.node());
            assertEquals(1, b.attempt());
            assertTrue(built.add(b.instance().instanceId()), "one build per instance");
        }
        Set<String> failed = new HashSet<>();
        for (InstanceStateReport report : errors) {
            assertEquals("error", report.vmState());
            assertTrue(report.clearTaskState());
            assertNull(report.host());
            assertEquals(Faults.NO_VALID_HOST, report.fault().message());
            assertEquals(500, report.fault().code());
            assertTrue(report.fault().details().contains("not enough"), report.fault().details());
            assertTrue(failed.add(report.instanceId()), "one report per instance");
        }
        assertTrue(built.stream().noneMatch(failed::contains), "no instance both built and failed");
        Set<String> outcomes = new HashSet<>(built);
        outcomes.addAll(failed);
        assertEquals(all, outcomes);

        // Usage equals the allocations, seen through the Placement API, the table and the scheduler's cache.
        Map<String, Long> full = Map.of("DISK_GB", ROOM * 10L, "MEMORY_MB", ROOM * 1024L, "VCPU", (long) ROOM);
        assertEquals(full, scheduler.usages(HOST));
        assertEquals(full, fleet.allocated(HOST));
        String provider = scheduler.host(HOST).providerUuid().toString();
        for (String id : built) {
            assertEquals(Map.of(provider, Map.of("DISK_GB", 10L, "MEMORY_MB", 1024L, "VCPU", 1L)),
                    scheduler.allocations(id));
        }
        for (String id : failed) {
            assertEquals(Map.of(), scheduler.allocations(id));
        }
        assertEquals(ROOM * 3L, fleet.count("SELECT count(*) FROM allocations"));
        assertEquals(Resources.of(FLAVOR).times(ROOM), scheduler.host(HOST).used());

        // compute-api deletes every instance: one release each, all at once, and one of them twice.
        List<Runnable> releases = new ArrayList<>();
        for (String id : all) {
            releases.add(() -> scheduler.release(List.of(id)));
        }
        String twice = built.iterator().next();
        releases.add(() -> scheduler.release(List.of(twice)));
        runAllAtOnce(releases);
        awaitZero();
        assertEquals(Map.of("DISK_GB", 0L, "MEMORY_MB", 0L, "VCPU", 0L), scheduler.usages(HOST));
        assertEquals(Resources.NONE, scheduler.host(HOST).used());
        assertEquals(0, fleet.count("SELECT count(*) FROM consumers"));
        assertEquals(REQUESTS, fleet.count("SELECT count(*) FROM released_consumers"));

        // The room is really back: ten more fit, an eleventh does not.
        recorder.clear();
        List<ScheduleInstances> again = new ArrayList<>();
        for (int i = 0; i < ROOM + 1; i++) {
            again.add(TestFleet.request(FLAVOR, 1));
        }
        castAllAtOnce(again);
        recorder.await("11 more outcomes", Duration.ofSeconds(60), r -> r.total() >= ROOM + 1);
        recorder.assertNothingMore(ROOM + 1, Duration.ofMillis(500));
        assertEquals(ROOM, recorder.messages(buildTopic, BuildInstance.TYPE).size(), recorder.summary());
        assertEquals(full, scheduler.usages(HOST));
    }

    @Test
    void oneRequestForMoreThanTheHostHoldsPlacesNone() {
        ScheduleInstances request = TestFleet.request(FLAVOR, ROOM + 1);
        scheduler.schedule(request);
        recorder.await("11 error reports", Duration.ofSeconds(30),
                r -> r.messages(ComputeTopics.CONDUCTOR, InstanceStateReport.TYPE).size() == ROOM + 1);
        recorder.assertNothingMore(ROOM + 1, Duration.ofMillis(500));
        assertEquals(0, fleet.count("SELECT count(*) FROM allocations"));
        assertEquals(Resources.NONE, scheduler.host(HOST).used());
    }

    /**
     * A second scheduler process: its own host states, the same database. Neither sees the other's
     * reservations, so only the claim transaction stands between them and an over-commit.
     */
    @Test
    void twoSchedulersSharingTheDatabaseNeverOvercommit() throws Exception {
        HostStateCache otherCache = new HostStateCache(database, providers, allocations, hosts, config);
        otherCache.reloadAll();
        ServerGroupMembers otherMembers = new ServerGroupMembers();
        HostSelector otherSelector = new HostSelector(otherCache, config, otherMembers, filters.stream().toList(),
                weighers.stream().toList());
        SchedulingService other = new SchedulingService(otherSelector, claims, otherCache, null, config, otherMembers);

        List<Runnable> work = new ArrayList<>();
        List<SchedulingService.Result> otherResults = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < REQUESTS / 2; i++) {
            ScheduleInstances viaBroker = TestFleet.request(FLAVOR, 1);
            ScheduleInstances direct = TestFleet.request(FLAVOR, 1);
            work.add(() -> scheduler.schedule(viaBroker));
            work.add(() -> otherResults.add(other.place(direct)));
        }
        runAllAtOnce(work);
        String buildTopic = ComputeTopics.computeHost(HOST);
        recorder.await("an outcome for the 32 requests sent over the broker", Duration.ofSeconds(90),
                r -> r.total() >= REQUESTS / 2);
        recorder.assertNothingMore(REQUESTS / 2, Duration.ofMillis(500));

        int builtHere = recorder.messages(buildTopic, BuildInstance.TYPE).size();
        int builtThere = otherResults.stream().mapToInt(r -> r.builds().size()).sum();
        assertEquals(ROOM, builtHere + builtThere, "placed by the broker-fed scheduler: " + builtHere
                + ", by the other: " + builtThere);
        for (SchedulingService.Result r : otherResults) {
            if (r.builds().isEmpty()) {
                assertTrue(r.noValidHost().contains("not enough"), r.noValidHost());
            }
        }
        assertEquals(Map.of("DISK_GB", ROOM * 10L, "MEMORY_MB", ROOM * 1024L, "VCPU", (long) ROOM),
                fleet.allocated(HOST));
    }

    private void awaitZero() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (fleet.count("SELECT count(*) FROM allocations") > 0 || !scheduler.host(HOST).used().equals(Resources.NONE)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("allocations left after releasing everything: " + fleet.allocated(HOST)
                        + ", cache " + scheduler.host(HOST).used());
            }
            Thread.sleep(20);
        }
        // Redelivered or late releases must not drive usage below zero.
        Thread.sleep(500);
    }

    private void castAllAtOnce(List<ScheduleInstances> requests) throws Exception {
        List<Runnable> casts = new ArrayList<>();
        for (ScheduleInstances r : requests) {
            casts.add(() -> scheduler.schedule(r));
        }
        runAllAtOnce(casts);
    }

    /** Starts every task together (one thread each, released by one latch) and waits for all. */
    private static void runAllAtOnce(List<Runnable> tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(tasks.size())) {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    task.run();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        }
    }
}
