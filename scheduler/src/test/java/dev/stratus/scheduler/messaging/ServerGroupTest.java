package dev.stratus.scheduler.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.BuildInstance;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.InstanceStateReport;
import dev.stratus.common.compute.RequestSpec;
import dev.stratus.common.compute.ScheduleInstances;
import dev.stratus.common.compute.SchedulingHints;
import dev.stratus.scheduler.SchedulerTestResource;
import dev.stratus.scheduler.TestFleet;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Server-group policies across simulated hosts, requests sent over the broker as compute-api sends them. */
@QuarkusTest
@QuarkusTestResource(value = SchedulerTestResource.class, restrictToAnnotatedClass = false)
class ServerGroupTest {

    private static final FlavorSpec FLAVOR = TestFleet.flavor(1, 1024, 10);
    private static final List<String> HOSTS = List.of("sg-1", "sg-2", "sg-3", "sg-4");
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
            fleet.host(host, 16, 16384, 160);
        }
    }

    @AfterEach
    void tearDown() {
        recorder.close();
    }

    private static RequestSpec group(String groupId, String policy, List<String> members) {
        return TestFleet.spec(FLAVOR, new SchedulingHints(groupId, policy, null, members, List.of(), List.of(), null,
                null));
    }

    /** Instance id to the host its build went to. */
    private Map<String, String> placed() {
        Map<String, String> hosts = new HashMap<>();
        for (String host : HOSTS) {
            recorder.messages(ComputeTopics.computeHost(host), BuildInstance.TYPE)
                    .forEach(b -> hosts.put(b.instance().instanceId(), b.host()));
        }
        return hosts;
    }

    @Test
    void antiAffinityGivesEachMemberItsOwnHostAndRefusesAFifth() {
        String groupId = UUID.randomUUID().toString();
        ScheduleInstances four = TestFleet.request(group(groupId, "anti-affinity", List.of()), 4);
        scheduler.schedule(four);
        recorder.await("4 builds", WAIT, r -> r.total() >= 4);
        Map<String, String> hosts = placed();
        assertEquals(4, hosts.size(), recorder.summary());
        assertEquals(Set.copyOf(HOSTS), new HashSet<>(hosts.values()));

        List<String> members = new ArrayList<>(hosts.keySet());
        ScheduleInstances fifth = TestFleet.request(group(groupId, "anti-affinity", members), 1);
        scheduler.schedule(fifth);
        recorder.await("the fifth member's outcome", WAIT, r -> r.total() >= 5);
        recorder.assertNothingMore(5, Duration.ofMillis(500));
        InstanceStateReport error = recorder.messages(ComputeTopics.CONDUCTOR, InstanceStateReport.TYPE).get(0);
        assertEquals(fifth.instances().get(0).instanceId(), error.instanceId());
        assertTrue(error.fault().details().contains("ServerGroupAntiAffinityFilter"), error.fault().details());

        // One member is deleted: its host takes a new member.
        String gone = members.get(0);
        String freed = hosts.get(gone);
        scheduler.release(List.of(gone));
        awaitEmpty(freed);
        ScheduleInstances replacement = TestFleet.request(group(groupId, "anti-affinity", members.subList(1, 4)), 1);
        scheduler.schedule(replacement);
        recorder.await("the replacement's build", WAIT, r -> r.total() >= 6);
        assertEquals(freed, placed().get(replacement.instances().get(0).instanceId()));
    }

    private void awaitEmpty(String host) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!scheduler.host(host).used().equals(dev.stratus.scheduler.service.Resources.NONE)) {
            if (System.nanoTime() > end) {
                throw new AssertionError(host + " still holds " + scheduler.host(host).used());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void membersRequestedAtTheSameTimeWithoutNamingEachOtherStillGetTheirOwnHosts() {
        // As compute-api sends concurrent creates into one group: each names only the members it saw.
        String groupId = UUID.randomUUID().toString();
        List<ScheduleInstances> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            requests.add(TestFleet.request(group(groupId, "anti-affinity", List.of()), 1));
        }
        CompletableFuture.allOf(requests.stream().map(r -> CompletableFuture.runAsync(() -> scheduler.schedule(r)))
                .toArray(CompletableFuture[]::new)).join();
        recorder.await("6 outcomes", WAIT, r -> r.total() >= 6);
        recorder.assertNothingMore(6, Duration.ofMillis(500));
        Map<String, String> hosts = placed();
        assertEquals(4, hosts.size(), recorder.summary());
        assertEquals(Set.copyOf(HOSTS), new HashSet<>(hosts.values()), "no two members on one host: " + hosts);
        assertEquals(2, recorder.messages(ComputeTopics.CONDUCTOR, InstanceStateReport.TYPE).size());
    }

    @Test
    void affinityKeepsEveryMemberOnTheFirstMembersHost() {
        String groupId = UUID.randomUUID().toString();
        ScheduleInstances three = TestFleet.request(group(groupId, "affinity", List.of()), 3);
        scheduler.schedule(three);
        recorder.await("3 builds", WAIT, r -> r.total() >= 3);
        Set<String> used = new HashSet<>(placed().values());
        assertEquals(1, used.size(), placed().toString());

        ScheduleInstances later = TestFleet.request(group(groupId, "affinity", new ArrayList<>(placed().keySet())), 1);
        scheduler.schedule(later);
        recorder.await("the later member's build", WAIT, r -> r.total() >= 4);
        assertEquals(used.iterator().next(), placed().get(later.instances().get(0).instanceId()));
    }
}
