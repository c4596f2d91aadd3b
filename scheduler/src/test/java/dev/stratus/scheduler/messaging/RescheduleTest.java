package dev.stratus.scheduler.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.BuildInstance;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.InstanceStateReport;
import dev.stratus.common.compute.RescheduleInstance;
import dev.stratus.common.compute.ScheduleInstances;
import dev.stratus.common.compute.ServiceStatus;
import dev.stratus.scheduler.SchedulerTestResource;
import dev.stratus.scheduler.TestFleet;
import dev.stratus.scheduler.service.Resources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A build fails on its host and the node sends it back (as compute-node does): the claim moves to an
 * alternate, a redelivered reschedule claims nothing twice, and with no attempt left the instance goes to
 * ERROR holding no allocation.
 */
@QuarkusTest
@QuarkusTestResource(value = SchedulerTestResource.class, restrictToAnnotatedClass = false)
class RescheduleTest {

    private static final FlavorSpec FLAVOR = TestFleet.flavor(1, 1024, 10);
    private static final Map<String, Long> ONE = Map.of("DISK_GB", 10L, "MEMORY_MB", 1024L, "VCPU", 1L);
    private static final Map<String, Long> NONE = Map.of("DISK_GB", 0L, "MEMORY_MB", 0L, "VCPU", 0L);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TestFleet fleet;

    @Inject
    SchedulerClient scheduler;

    MessageRecorder recorder;
    String a;
    String b;
    String c;
    String d;

    @BeforeEach
    void setUp() {
        fleet.reset();
        scheduler.ready();
        // Fresh host names per test: the build-failure weigher remembers failures by host for an hour.
        String run = Long.toString(System.nanoTime() % 100000, 36);
        a = "rs-a-" + run;
        b = "rs-b-" + run;
        c = "rs-c-" + run;
        d = "rs-d-" + run;
        recorder = new MessageRecorder().listen(ComputeTopics.computeHost(a), ComputeTopics.computeHost(b),
                ComputeTopics.computeHost(c), ComputeTopics.computeHost(d), ComputeTopics.CONDUCTOR);
    }

    @AfterEach
    void tearDown() {
        recorder.close();
    }

    private BuildInstance awaitBuild(String host, int count) {
        String topic = ComputeTopics.computeHost(host);
        recorder.await(count + " build(s) on " + host, WAIT, r -> r.messages(topic, BuildInstance.TYPE).size() >= count);
        List<BuildInstance> builds = recorder.messages(topic, BuildInstance.TYPE);
        return builds.get(builds.size() - 1);
    }

    @Test
    void failedBuildsMoveToAlternatesUntilTheAttemptsAreUsedUp() {
        // a is the roomiest, so the first build goes there; b before c, d not at all (3 attempts).
        fleet.host(a, 8, 8192, 80);
        fleet.host(b, 6, 6144, 60);
        fleet.host(c, 4, 4096, 40);
        ScheduleInstances request = TestFleet.request(FLAVOR, 1);
        String id = request.instances().get(0).instanceId();
        scheduler.schedule(request);
        BuildInstance first = awaitBuild(a, 1);
        assertEquals(1, first.attempt());
        assertEquals(3, first.maxAttempts());
        assertEquals(List.of(b, c), first.alternates());

        scheduler.reschedule(new RescheduleInstance(first, a, "libvirt: domain did not start"));
        BuildInstance second = awaitBuild(b, 1);
        assertEquals(id, second.instance().instanceId());
        assertEquals(2, second.attempt());
        assertEquals(List.of(c), second.alternates());
        assertEquals(List.of(a), second.spec().ignoreHosts());
        assertEquals(NONE, scheduler.usages(a));
        assertEquals(ONE, scheduler.usages(b));
        assertEquals(Map.of(scheduler.host(b).providerUuid().toString(), ONE), scheduler.allocations(id));

        // The same reschedule again (the scheduler died before acknowledging it): the build goes to b again,
        // nothing is claimed on c, nothing more is returned on a.
        scheduler.reschedule(new RescheduleInstance(first, a, "libvirt: domain did not start"));
        BuildInstance again = awaitBuild(b, 2);
        assertEquals(2, again.attempt());
        assertEquals(ONE, scheduler.usages(b));
        assertEquals(NONE, scheduler.usages(c));
        assertEquals(3, fleet.count("SELECT count(*) FROM allocations"));
        assertEquals(Resources.of(FLAVOR), scheduler.host(b).used());
        assertEquals(Resources.NONE, scheduler.host(a).used());

        // A new instance now avoids a, whose build failed, although a has the most room: b has more than c.
        ScheduleInstances other = TestFleet.request(FLAVOR, 1);
        scheduler.schedule(other);
        assertEquals(other.instances().get(0).instanceId(), awaitBuild(b, 3).instance().instanceId());
        assertEquals(1, recorder.messages(ComputeTopics.computeHost(a), BuildInstance.TYPE).size());

        scheduler.reschedule(new RescheduleInstance(second, b, "image unreadable"));
        BuildInstance third = awaitBuild(c, 1);
        assertEquals(id, third.instance().instanceId());
        assertEquals(3, third.attempt());
        assertEquals(List.of(a, b), third.spec().ignoreHosts());
        assertEquals(Map.of(scheduler.host(c).providerUuid().toString(), ONE), scheduler.allocations(id));

        scheduler.reschedule(new RescheduleInstance(third, c, "out of disk on /var/lib/stratus"));
        recorder.await("the ERROR report", WAIT, r -> r.messages(ComputeTopics.CONDUCTOR, InstanceStateReport.TYPE)
                .stream().anyMatch(x -> x.instanceId().equals(id)));
        InstanceStateReport error = recorder.messages(ComputeTopics.CONDUCTOR, InstanceStateReport.TYPE).get(0);
        assertEquals("error", error.vmState());
        assertTrue(error.fault().message().startsWith("Exceeded maximum number of retries."), error.fault().message());
        assertTrue(error.fault().details().contains("3 attempts"), error.fault().details());
        assertTrue(error.fault().details().contains("out of disk on /var/lib/stratus"), error.fault().details());
        assertEquals(Map.of(), scheduler.allocations(id), "the failed instance holds nothing");
        assertEquals(NONE, scheduler.usages(c));
        assertEquals(Resources.NONE, scheduler.host(c).used());
        assertEquals(3, fleet.count("SELECT count(*) FROM allocations"), "only the other instance's allocation");
        assertEquals(0, recorder.messages(ComputeTopics.computeHost(d), BuildInstance.TYPE).size());
    }

    @Test
    void alternatesThatNoLongerPassAreSkippedAndAnUntriedHostIsChosenAfresh() {
        fleet.host(a, 8, 8192, 80);
        fleet.host(b, 6, 6144, 60);
        fleet.host(c, 4, 4096, 40);
        ScheduleInstances request = TestFleet.request(FLAVOR, 1);
        String id = request.instances().get(0).instanceId();
        scheduler.schedule(request);
        BuildInstance first = awaitBuild(a, 1);

        // The only alternate the node got back is b, which an operator disabled meanwhile.
        scheduler.status(new ServiceStatus(b, true, "maintenance", false, false));
        awaitDisabled(b);
        BuildInstance narrowed = new BuildInstance(first.instance(), first.spec(), first.host(), first.node(),
                List.of(b), first.attempt(), first.maxAttempts());
        scheduler.reschedule(new RescheduleInstance(narrowed, a, "libvirt: domain did not start"));
        BuildInstance next = awaitBuild(c, 1);
        assertEquals(id, next.instance().instanceId());
        assertEquals(2, next.attempt());
        assertEquals(0, recorder.messages(ComputeTopics.computeHost(b), BuildInstance.TYPE).size());
        assertEquals(ONE, scheduler.usages(c));
        assertEquals(NONE, scheduler.usages(a));
    }

    @Test
    void anInstanceDeletedBeforeItsRescheduleIsNotRebuilt() {
        fleet.host(a, 8, 8192, 80);
        fleet.host(b, 6, 6144, 60);
        ScheduleInstances request = TestFleet.request(FLAVOR, 1);
        String id = request.instances().get(0).instanceId();
        scheduler.schedule(request);
        BuildInstance first = awaitBuild(a, 1);
        scheduler.release(List.of(id));
        scheduler.reschedule(new RescheduleInstance(first, a, "libvirt: domain did not start"));
        recorder.assertNothingMore(1, Duration.ofSeconds(2));
        assertEquals(0, fleet.count("SELECT count(*) FROM allocations"));
        assertEquals(Resources.NONE, scheduler.host(a).used());
        assertEquals(Resources.NONE, scheduler.host(b).used());
    }

    @Test
    void aSingleAttemptBuildGoesToErrorAtOnce() {
        fleet.host(a, 8, 8192, 80);
        fleet.host(b, 6, 6144, 60);
        ScheduleInstances request = new ScheduleInstances(TestFleet.request(FLAVOR, 1).spec(),
                TestFleet.request(FLAVOR, 1).instances(), 1);
        String id = request.instances().get(0).instanceId();
        scheduler.schedule(request);
        BuildInstance first = awaitBuild(a, 1);
        assertEquals(1, first.maxAttempts());
        scheduler.reschedule(new RescheduleInstance(first, a, "no"));
        recorder.await("the ERROR report", WAIT,
                r -> !r.messages(ComputeTopics.CONDUCTOR, InstanceStateReport.TYPE).isEmpty());
        assertEquals(id, recorder.messages(ComputeTopics.CONDUCTOR, InstanceStateReport.TYPE).get(0).instanceId());
        assertNotEquals(null, recorder.messages(ComputeTopics.CONDUCTOR, InstanceStateReport.TYPE).get(0).fault());
        assertEquals(0, fleet.count("SELECT count(*) FROM allocations"));
        assertEquals(0, recorder.messages(ComputeTopics.computeHost(b), BuildInstance.TYPE).size());
    }

    private void awaitDisabled(String host) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!scheduler.host(host).disabled()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(host + " not disabled");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
