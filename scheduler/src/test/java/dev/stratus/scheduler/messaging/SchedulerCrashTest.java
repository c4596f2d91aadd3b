package dev.stratus.scheduler.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.BuildInstance;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.ReleaseAllocations;
import dev.stratus.common.compute.ScheduleInstances;
import dev.stratus.common.messaging.Messaging;
import dev.stratus.common.messaging.amqp.AmqpSettings;
import dev.stratus.deploy.testing.TestBroker;
import dev.stratus.deploy.testing.TestBrokers;
import dev.stratus.scheduler.SchedulerTestResource;
import dev.stratus.scheduler.TestFleet;
import dev.stratus.scheduler.service.ClaimService;
import dev.stratus.scheduler.service.Consumers;
import dev.stratus.scheduler.service.HostState;
import dev.stratus.scheduler.service.ReleaseService;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A second scheduler process shares the {@code scheduler} queue with the one under test, does part of the
 * work of the messages it gets (the claim, or the release, in the database) and dies before acknowledging
 * them. The broker redelivers them to the scheduler under test, whose handlers must be idempotent: no
 * instance claimed twice, none released twice, no allocation left behind once everything is deleted.
 */
@QuarkusTest
@QuarkusTestResource(value = SchedulerTestResource.class, restrictToAnnotatedClass = false)
class SchedulerCrashTest {

    private static final FlavorSpec FLAVOR = TestFleet.flavor(1, 1024, 10);
    private static final String ROOMY = "cr-roomy";
    private static final String OTHER = "cr-other";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TestFleet fleet;

    @Inject
    SchedulerClient scheduler;

    @Inject
    ClaimService claims;

    @Inject
    ReleaseService releases;

    MessageRecorder recorder;
    DyingScheduler dying;

    @BeforeEach
    void setUp() {
        fleet.reset();
        scheduler.ready();
        recorder = new MessageRecorder().listen(ComputeTopics.computeHost(ROOMY), ComputeTopics.computeHost(OTHER),
                ComputeTopics.CONDUCTOR);
        // The scheduler under test prefers the roomy host; the dying one always claims on the other.
        fleet.host(ROOMY, 32, 32768, 320);
        fleet.host(OTHER, 8, 8192, 80);
    }

    @AfterEach
    void tearDown() {
        if (dying != null) {
            dying.kill();
        }
        recorder.close();
    }

    /**
     * A scheduler process that claims (straight in the database: its host states are its own) or releases,
     * then hangs until killed, never acknowledging.
     */
    final class DyingScheduler {
        final Messaging messaging;
        final List<String> claimed = new CopyOnWriteArrayList<>();
        final List<String> released = new CopyOnWriteArrayList<>();
        final CountDownLatch never = new CountDownLatch(1);

        DyingScheduler() {
            TestBroker broker = TestBrokers.ensure();
            messaging = new Messaging(AmqpSettings.builder().host(broker.host()).port(broker.port())
                    .username(broker.user()).password(broker.password()).exchange(SchedulerTestResource.EXCHANGE)
                    .connectionName("dying-scheduler").build());
            HostState other = scheduler.host(OTHER);
            messaging.subscribe(ComputeTopics.SCHEDULER, ScheduleInstances.TYPE, (request, ctx) -> {
                List<ClaimService.Claim> toClaim = new ArrayList<>();
                for (var instance : request.instances()) {
                    toClaim.add(new ClaimService.Claim(Consumers.of(instance.instanceId()), request.spec().projectId(),
                            request.spec().userId(), other.providerId(), other.node(), Resources.of(FLAVOR)));
                }
                claims.claim(toClaim);
                request.instances().forEach(i -> claimed.add(i.instanceId()));
                never.await();
                return CompletableFuture.completedFuture(null);
            });
            messaging.subscribe(ComputeTopics.SCHEDULER, ReleaseAllocations.TYPE, (message, ctx) -> {
                for (String id : message.instanceIds()) {
                    claims.release(Consumers.of(id), null, true);
                }
                released.addAll(message.instanceIds());
                never.await();
                return CompletableFuture.completedFuture(null);
            });
            messaging.start();
            try {
                messaging.ready().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** The process dies: its connection goes, and with it every message it had not acknowledged. */
        void kill() {
            messaging.close(Duration.ZERO);
        }
    }

    private Set<String> builtOn(String host) {
        Set<String> ids = new HashSet<>();
        recorder.messages(ComputeTopics.computeHost(host), BuildInstance.TYPE).forEach(b -> ids.add(b.instance().instanceId()));
        return ids;
    }

    private int builds() {
        return recorder.messages(ComputeTopics.computeHost(ROOMY), BuildInstance.TYPE).size()
                + recorder.messages(ComputeTopics.computeHost(OTHER), BuildInstance.TYPE).size();
    }

    @Test
    void aScheduleRedeliveredAfterTheClaimIsNotClaimedTwice() {
        dying = new DyingScheduler();
        // One request at a time, until the dying process took three of them (the broker alternates consumers).
        List<ScheduleInstances> sent = new ArrayList<>();
        while (dying.claimed.size() < 3) {
            assertTrue(sent.size() < 30, "the dying scheduler never got a message");
            int before = builds() + dying.claimed.size();
            ScheduleInstances request = TestFleet.request(FLAVOR, 1);
            sent.add(request);
            scheduler.schedule(request);
            recorder.await("the request's outcome", WAIT, r -> builds() + dying.claimed.size() > before);
        }
        assertTrue(builtOn(OTHER).isEmpty(), "the dying process sent nothing");
        dying.kill();

        recorder.await("a build for every request", WAIT, r -> builds() >= sent.size());
        recorder.assertNothingMore(sent.size(), Duration.ofSeconds(1));
        // Redelivered to the scheduler under test, which preferred the roomy host, but found each claim made.
        assertEquals(new HashSet<>(dying.claimed), builtOn(OTHER));
        Set<String> all = new HashSet<>();
        sent.forEach(r -> all.add(r.instances().get(0).instanceId()));
        Set<String> elsewhere = new HashSet<>(all);
        elsewhere.removeAll(dying.claimed);
        assertEquals(elsewhere, builtOn(ROOMY));
        assertEquals(3L * sent.size(), fleet.count("SELECT count(*) FROM allocations"), "one claim per instance");
        long onOther = dying.claimed.size();
        assertEquals(Map.of("DISK_GB", 10 * onOther, "MEMORY_MB", 1024 * onOther, "VCPU", onOther), fleet.allocated(OTHER));
        assertEquals(Resources.of(FLAVOR).times(dying.claimed.size()), scheduler.host(OTHER).used(),
                "the scheduler's view caught up with the other process's claims");
        assertEquals(Resources.of(FLAVOR).times(elsewhere.size()), scheduler.host(ROOMY).used(),
                "and holds no reservation for the redelivered ones on the host it first chose");

        // Everything is deleted: nothing is left behind.
        all.forEach(id -> scheduler.release(List.of(id)));
        awaitNoAllocations();
        assertEquals(Resources.NONE, scheduler.host(OTHER).used());
        assertEquals(Resources.NONE, scheduler.host(ROOMY).used());
    }

    @Test
    void aReleaseRedeliveredAfterTheReleaseIsNotReleasedTwice() {
        // Fill the small host exactly (8 instances), so a usage count off by one shows at once.
        fleet.host(ROOMY, 1, 512, 5);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ScheduleInstances request = TestFleet.request(FLAVOR, 1);
            ids.add(request.instances().get(0).instanceId());
            scheduler.schedule(request);
        }
        recorder.await("8 builds", WAIT, r -> builds() >= 8);
        assertEquals(new HashSet<>(ids), builtOn(OTHER));
        assertEquals(Resources.of(FLAVOR).times(8), scheduler.host(OTHER).used());

        dying = new DyingScheduler();
        List<String> releasedHere = new ArrayList<>();
        int next = 0;
        while (dying.released.size() < 2) {
            assertTrue(next < ids.size(), "the dying scheduler never got a release");
            String id = ids.get(next++);
            long before = fleet.count("SELECT count(*) FROM allocations");
            scheduler.release(List.of(id));
            awaitAllocations(before - 3);
            if (!dying.released.contains(id)) {
                releasedHere.add(id);
            }
        }
        dying.kill();
        // The redelivered releases find nothing to return; the scheduler's view still forgets the instances.
        int gone = releasedHere.size() + dying.released.size();
        awaitUsed(OTHER, Resources.of(FLAVOR).times(8 - gone));
        sleep(500);
        assertEquals(Resources.of(FLAVOR).times(8 - gone), scheduler.host(OTHER).used(), "released once, not twice");
        assertEquals(3L * (8 - gone), fleet.count("SELECT count(*) FROM allocations"));

        // Exactly the freed room is there again: `gone` instances fit, one more does not.
        recorder.clear();
        for (int i = 0; i <= gone; i++) {
            scheduler.schedule(TestFleet.request(FLAVOR, 1));
        }
        recorder.await("the new requests' outcomes", WAIT, r -> r.total() >= gone + 1);
        recorder.assertNothingMore(gone + 1, Duration.ofMillis(500));
        assertEquals(gone, builtOn(OTHER).size(), recorder.summary());
        assertEquals(Map.of("DISK_GB", 80L, "MEMORY_MB", 8192L, "VCPU", 8L), fleet.allocated(OTHER));
    }

    @Test
    void anInstanceDeletedBeforeItsScheduleIsRedeliveredIsNotBuilt() {
        dying = new DyingScheduler();
        List<ScheduleInstances> sent = new ArrayList<>();
        while (dying.claimed.isEmpty()) {
            assertTrue(sent.size() < 30, "the dying scheduler never got a message");
            int before = builds() + dying.claimed.size();
            ScheduleInstances request = TestFleet.request(FLAVOR, 1);
            sent.add(request);
            scheduler.schedule(request);
            recorder.await("the request's outcome", WAIT, r -> builds() + dying.claimed.size() > before);
        }
        String deleted = dying.claimed.get(0);
        // compute-api deletes it meanwhile; the release is handled by a live scheduler.
        releases.release(List.of(deleted));
        int built = builds();
        dying.kill();
        recorder.assertNothingMore(built, Duration.ofSeconds(2));
        assertTrue(!builtOn(OTHER).contains(deleted) && !builtOn(ROOMY).contains(deleted));
        assertEquals(3L * (sent.size() - 1), fleet.count("SELECT count(*) FROM allocations"));
        assertEquals(Resources.NONE, scheduler.host(OTHER).used());
    }

    private void awaitNoAllocations() {
        awaitAllocations(0);
    }

    private void awaitAllocations(long rows) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (fleet.count("SELECT count(*) FROM allocations") != rows) {
            if (System.nanoTime() > end) {
                throw new AssertionError("expected " + rows + " allocation rows, have "
                        + fleet.count("SELECT count(*) FROM allocations"));
            }
            sleep(20);
        }
    }

    private void awaitUsed(String host, Resources expected) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!scheduler.host(host).used().equals(expected)) {
            if (System.nanoTime() > end) {
                throw new AssertionError(host + ": expected " + expected + ", cache holds " + scheduler.host(host).used());
            }
            sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
