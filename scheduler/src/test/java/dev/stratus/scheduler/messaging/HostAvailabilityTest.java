package dev.stratus.scheduler.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.BuildInstance;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.InstanceStateReport;
import dev.stratus.common.compute.ScheduleInstances;
import dev.stratus.common.compute.ServiceStatus;
import dev.stratus.scheduler.SchedulerTestResource;
import dev.stratus.scheduler.TestFleet;
import dev.stratus.scheduler.service.HostState;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hosts whose service is down (no recent heartbeat, or forced down) or disabled receive nothing, and are
 * eligible again when they come back; the host's state arrives as it does in the cloud: heartbeats on the
 * services fanout, operator changes cast by compute-api.
 */
@QuarkusTest
@QuarkusTestResource(value = SchedulerTestResource.class, restrictToAnnotatedClass = false)
class HostAvailabilityTest {

    private static final FlavorSpec FLAVOR = TestFleet.flavor(1, 1024, 10);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SMALL = "av-small";
    private static final String BIG = "av-big";

    @Inject
    TestFleet fleet;

    @Inject
    SchedulerClient scheduler;

    MessageRecorder recorder;

    @BeforeEach
    void setUp() {
        fleet.reset();
        scheduler.ready();
        recorder = new MessageRecorder().listen(ComputeTopics.computeHost(SMALL), ComputeTopics.computeHost(BIG),
                ComputeTopics.CONDUCTOR);
        // The small host is up; the big one, which every weigher prefers, last reported five minutes ago.
        heartbeat(SMALL, 2, Instant.now());
        heartbeat(BIG, 64, Instant.now().minusSeconds(300));
        awaitHost(SMALL, h -> h.hasProvider());
        awaitHost(BIG, h -> h.hasProvider());
    }

    @AfterEach
    void tearDown() {
        recorder.close();
    }

    private void heartbeat(String host, int vcpus, Instant at) {
        scheduler.heartbeat(host, TestFleet.resources(host, vcpus, vcpus * 1024L, vcpus * 10L), at);
    }

    /** Schedules one instance and returns the host its build went to, or null when it was put in ERROR. */
    private String placeOne() {
        int before = recorder.total();
        ScheduleInstances request = TestFleet.request(FLAVOR, 1);
        scheduler.schedule(request);
        recorder.await("the outcome of one request", WAIT, r -> r.total() > before);
        recorder.assertNothingMore(before + 1, Duration.ofMillis(200));
        String id = request.instances().get(0).instanceId();
        for (String host : List.of(SMALL, BIG)) {
            if (recorder.messages(ComputeTopics.computeHost(host), BuildInstance.TYPE).stream()
                    .anyMatch(b -> b.instance().instanceId().equals(id))) {
                return host;
            }
        }
        return null;
    }

    private String lastFaultDetails() {
        List<InstanceStateReport> reports = recorder.messages(ComputeTopics.CONDUCTOR, InstanceStateReport.TYPE);
        return reports.get(reports.size() - 1).fault().details();
    }

    @Test
    void aHostWithoutARecentHeartbeatGetsNothingUntilItReportsAgain() {
        assertEquals(SMALL, placeOne());
        assertEquals(SMALL, placeOne());
        assertEquals(null, placeOne(), "the small host is full and the big one is down");
        assertTrue(lastFaultDetails().contains("compute service down on 1 host"), lastFaultDetails());

        heartbeat(BIG, 64, Instant.now());
        awaitHost(BIG, h -> h.isUp(Instant.now(), Duration.ofSeconds(60)));
        assertEquals(BIG, placeOne());
    }

    @Test
    void aHeartbeatFromTheFutureDoesNotKeepAHostUp() {
        heartbeat(BIG, 64, Instant.now().plusSeconds(3600));
        awaitHost(BIG, h -> h.isUp(Instant.now(), Duration.ofSeconds(60)));
        HostState big = scheduler.host(BIG);
        assertTrue(!big.lastHeartbeat().isAfter(Instant.now()), "taken as received now: " + big.lastHeartbeat());
    }

    @Test
    void aDisabledHostGetsNothingUntilEnabledAgain() {
        heartbeat(BIG, 64, Instant.now());
        awaitHost(BIG, h -> h.isUp(Instant.now(), Duration.ofSeconds(60)));
        assertEquals(BIG, placeOne());

        scheduler.status(new ServiceStatus(BIG, true, "hardware check", false, false));
        awaitHost(BIG, HostState::disabled);
        assertEquals(SMALL, placeOne());
        assertEquals(SMALL, placeOne());
        assertEquals(null, placeOne());
        assertTrue(lastFaultDetails().contains("compute service disabled on 1 host"), lastFaultDetails());
        assertTrue(lastFaultDetails().contains("not enough VCPU"), "the other host is full: " + lastFaultDetails());

        scheduler.status(new ServiceStatus(BIG, false, null, false, false));
        awaitHost(BIG, h -> !h.disabled());
        assertEquals(BIG, placeOne());
    }

    @Test
    void aForcedDownHostGetsNothingDespiteItsHeartbeats() {
        heartbeat(BIG, 64, Instant.now());
        awaitHost(BIG, h -> h.isUp(Instant.now(), Duration.ofSeconds(60)));
        scheduler.status(new ServiceStatus(BIG, false, null, true, false));
        awaitHost(BIG, HostState::forcedDown);
        heartbeat(BIG, 64, Instant.now());
        assertEquals(SMALL, placeOne());

        scheduler.status(new ServiceStatus(BIG, false, null, false, false));
        awaitHost(BIG, h -> !h.forcedDown());
        assertEquals(BIG, placeOne());
    }

    @Test
    void aDeletedServiceGetsNothingUntilItRegistersAgain() {
        heartbeat(BIG, 64, Instant.now());
        awaitHost(BIG, h -> h.isUp(Instant.now(), Duration.ofSeconds(60)));
        scheduler.status(new ServiceStatus(BIG, false, null, false, true));
        awaitGone(BIG);
        assertEquals(SMALL, placeOne());
        assertEquals(0, fleet.count("SELECT count(*) FROM compute_hosts WHERE host = '" + BIG + "'"));
        assertEquals(0, fleet.count("SELECT count(*) FROM resource_providers WHERE name = '" + BIG + "'"),
                "an unused provider goes with its service");

        heartbeat(BIG, 64, Instant.now());
        awaitHost(BIG, h -> h.hasProvider());
        assertEquals(BIG, placeOne());
    }

    @Test
    void theStateSurvivesARestartOfTheScheduler() {
        scheduler.status(new ServiceStatus(SMALL, true, "hardware check", false, false));
        awaitHost(SMALL, HostState::disabled);
        fleet.reload();
        assertTrue(scheduler.host(SMALL).disabled(), "disabled is read back from the database");
        assertTrue(!scheduler.host(BIG).isUp(Instant.now(), Duration.ofSeconds(60)), "still down after reload");
        assertEquals(null, placeOne());
    }

    private void awaitHost(String host, Predicate<HostState> condition) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (true) {
            HostState state = fleet.state(host);
            if (state != null && condition.test(state)) {
                return;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("host " + host + " never reached the expected state");
            }
            sleep();
        }
    }

    private void awaitGone(String host) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (fleet.state(host) != null) {
            if (System.nanoTime() > end) {
                throw new AssertionError("host " + host + " still known");
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
