package dev.stratus.scheduler.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.BuildInstance;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.InstanceStateReport;
import dev.stratus.common.compute.ScheduleInstances;
import dev.stratus.scheduler.SchedulerTestResource;
import dev.stratus.scheduler.TestFleet;
import dev.stratus.scheduler.service.Faults;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A create request for several instances (min_count..max_count) is one decision: all placed, or none. */
@QuarkusTest
@QuarkusTestResource(value = SchedulerTestResource.class, restrictToAnnotatedClass = false)
class MultiCreateTest {

    private static final FlavorSpec FLAVOR = TestFleet.flavor(1, 1024, 10);
    private static final List<String> HOSTS = List.of("mc-a", "mc-b", "mc-c");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TestFleet fleet;

    @Inject
    SchedulerClient scheduler;

    MessageRecorder recorder;

    @BeforeEach
    void setUp() {
        fleet.reset();
        scheduler.ready();
        recorder = new MessageRecorder().listen(ComputeTopics.CONDUCTOR);
        for (String host : HOSTS) {
            recorder.listen(ComputeTopics.computeHost(host));
            fleet.host(host, 2, 2048, 20);
        }
    }

    @AfterEach
    void tearDown() {
        recorder.close();
    }

    private List<BuildInstance> builds() {
        List<BuildInstance> all = new ArrayList<>();
        HOSTS.forEach(h -> all.addAll(recorder.messages(ComputeTopics.computeHost(h), BuildInstance.TYPE)));
        return all;
    }

    private static Set<String> ids(ScheduleInstances request) {
        Set<String> ids = new HashSet<>();
        request.instances().forEach(i -> ids.add(i.instanceId()));
        return ids;
    }

    @Test
    void oneMoreThanFitsPlacesNoneAndReportsEveryInstance() {
        ScheduleInstances request = TestFleet.request(FLAVOR, 7);
        scheduler.schedule(request);
        recorder.await("7 error reports", WAIT, r -> r.total() >= 7);
        recorder.assertNothingMore(7, Duration.ofMillis(500));
        Set<String> reported = new HashSet<>();
        for (InstanceStateReport report : recorder.messages(ComputeTopics.CONDUCTOR, InstanceStateReport.TYPE)) {
            assertEquals("error", report.vmState());
            assertEquals(Faults.NO_VALID_HOST, report.fault().message());
            reported.add(report.instanceId());
        }
        assertEquals(ids(request), reported);
        assertEquals(0, fleet.count("SELECT count(*) FROM allocations"));
        assertEquals(0, fleet.count("SELECT count(*) FROM consumers"));
        for (String host : HOSTS) {
            assertEquals(dev.stratus.scheduler.service.Resources.NONE, scheduler.host(host).used(),
                    "no reservation left on " + host);
        }
    }

    @Test
    void allThatFitArePlacedSpreadOverTheHosts() {
        ScheduleInstances request = TestFleet.request(FLAVOR, 6);
        scheduler.schedule(request);
        recorder.await("6 builds", WAIT, r -> r.total() >= 6);
        recorder.assertNothingMore(6, Duration.ofMillis(500));
        Set<String> built = new HashSet<>();
        for (String host : HOSTS) {
            List<BuildInstance> here = recorder.messages(ComputeTopics.computeHost(host), BuildInstance.TYPE);
            assertEquals(2, here.size(), host);
            for (BuildInstance b : here) {
                assertEquals(host, b.host());
                built.add(b.instance().instanceId());
                assertEquals(Map.of(scheduler.host(host).providerUuid().toString(),
                        Map.of("DISK_GB", 10L, "MEMORY_MB", 1024L, "VCPU", 1L)), scheduler.allocations(b.instance().instanceId()));
            }
            assertEquals(Map.of("DISK_GB", 20L, "MEMORY_MB", 2048L, "VCPU", 2L), scheduler.usages(host));
        }
        assertEquals(ids(request), built);
        // The launch index and the rest of each instance travel unchanged.
        Map<String, InstanceBuild> sent = new java.util.HashMap<>();
        request.instances().forEach(i -> sent.put(i.instanceId(), i));
        for (BuildInstance b : builds()) {
            assertEquals(sent.get(b.instance().instanceId()), b.instance());
        }
    }

    @Test
    void twoRequestsRacingForTheLastRoomNeverSplitEither() {
        ScheduleInstances first = TestFleet.request(FLAVOR, 4);
        ScheduleInstances second = TestFleet.request(FLAVOR, 4);
        CompletableFuture.allOf(CompletableFuture.runAsync(() -> scheduler.schedule(first)),
                CompletableFuture.runAsync(() -> scheduler.schedule(second))).join();
        recorder.await("8 outcomes", WAIT, r -> r.total() >= 8);
        recorder.assertNothingMore(8, Duration.ofMillis(500));
        Set<String> built = new HashSet<>();
        builds().forEach(b -> built.add(b.instance().instanceId()));
        Set<String> failed = new HashSet<>();
        recorder.messages(ComputeTopics.CONDUCTOR, InstanceStateReport.TYPE).forEach(r -> failed.add(r.instanceId()));
        assertEquals(4, built.size(), recorder.summary());
        assertTrue(built.equals(ids(first)) && failed.equals(ids(second))
                || built.equals(ids(second)) && failed.equals(ids(first)), "one request whole, the other none");
        assertEquals(12, fleet.count("SELECT count(*) FROM allocations"));
    }
}
