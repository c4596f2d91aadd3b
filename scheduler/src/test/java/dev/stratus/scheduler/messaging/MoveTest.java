package dev.stratus.scheduler.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.BuildInstance;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.InstanceMove;
import dev.stratus.common.compute.MoveInstance;
import dev.stratus.common.compute.MoveReport;
import dev.stratus.common.compute.ScheduleInstances;
import dev.stratus.common.compute.ScheduleMove;
import dev.stratus.common.compute.SchedulingHints;
import dev.stratus.scheduler.SchedulerTestResource;
import dev.stratus.scheduler.TestFleet;
import dev.stratus.scheduler.service.Resources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cold moves as compute-api asks for them: the destination's claim is the migration's until the move is
 * confirmed (then it becomes the instance's and the source's goes) or reverted (then it goes); hosts whose
 * driver keeps disks local only resize in place, and only where that is allowed. Also the claim of a shelved
 * instance that left its host: returned, and taken again when it is unshelved.
 */
@QuarkusTest
@QuarkusTestResource(value = SchedulerTestResource.class, restrictToAnnotatedClass = false)
class MoveTest extends TwoHostMoveTest {

    private static final FlavorSpec BIG = TestFleet.flavor(2, 2048, 20);
    private static final Map<String, Long> BIG_USE = Map.of("DISK_GB", 20L, "MEMORY_MB", 2048L, "VCPU", 2L);
    private static final Map<String, Long> BOTH_USE = Map.of("DISK_GB", 30L, "MEMORY_MB", 3072L, "VCPU", 3L);

    String local;

    MoveTest() {
        super("mv");
    }

    /** A third host, whose driver keeps disks local. */
    @BeforeEach
    void setUpLocalHost() {
        local = "mv-local-" + Long.toString(System.nanoTime() % 100000, 36);
        recorder.listen(ComputeTopics.computeHost(local));
    }

    private static ScheduleMove move(BuildInstance build, FlavorSpec to, boolean sameHost) {
        InstanceMove move = new InstanceMove(UUID.randomUUID().toString(), InstanceMove.RESIZE,
                build.instance().withFlavor(to), SMALL, build.host(), build.node(), null, null, false, "req-move");
        return new ScheduleMove(move, TestFleet.spec(to, null), sameHost);
    }

    private MoveInstance awaitStep(String host) {
        String topic = ComputeTopics.computeHost(host);
        recorder.await("the move on " + host, WAIT, r -> !r.messages(topic, MoveInstance.TYPE).isEmpty());
        return recorder.messages(topic, MoveInstance.TYPE).get(0);
    }

    @Test
    void aConfirmedMoveLeavesOnlyTheNewClaimOnTheDestination() {
        movableHost(a, 8, 8192, 80);
        movableHost(b, 4, 4096, 40);
        BuildInstance build = built(a);
        String id = build.instance().instanceId();
        ScheduleMove request = move(build, BIG, false);
        scheduler.scheduleMove(request);

        MoveInstance step = awaitStep(a);
        assertEquals(MoveInstance.Step.RESIZE, step.step());
        assertEquals(b, step.move().destHost(), "another host: the source is not allowed");
        assertEquals(SMALL_USE, scheduler.usages(a));
        assertEquals(BIG_USE, scheduler.usages(b));
        String migration = request.move().migrationId();
        assertEquals(Map.of(scheduler.host(b).providerUuid().toString(), BIG_USE), scheduler.allocations(migration));

        // Redelivered: sent to the same destination again, nothing claimed twice.
        scheduler.scheduleMove(request);
        recorder.await("the move again", WAIT, r -> r.messages(ComputeTopics.computeHost(a), MoveInstance.TYPE).size() == 2);
        assertEquals(b, recorder.messages(ComputeTopics.computeHost(a), MoveInstance.TYPE).get(1).move().destHost());
        assertEquals(BIG_USE, scheduler.usages(b));

        scheduler.commitMove(id, migration);
        eventually(() -> NONE.equals(scheduler.usages(a)));
        assertEquals(Map.of(scheduler.host(b).providerUuid().toString(), BIG_USE), scheduler.allocations(id));
        assertEquals(Map.of(), scheduler.allocations(migration));
        scheduler.commitMove(id, migration);
        assertEquals(BIG_USE, scheduler.usages(b));
        assertEquals(Resources.of(BIG), scheduler.host(b).used());
        assertEquals(Resources.NONE, scheduler.host(a).used());
    }

    @Test
    void aRevertedMoveReturnsTheDestinationsClaim() {
        movableHost(a, 8, 8192, 80);
        movableHost(b, 4, 4096, 40);
        BuildInstance build = built(a);
        ScheduleMove request = move(build, BIG, false);
        scheduler.scheduleMove(request);
        awaitStep(a);
        scheduler.release(List.of(request.move().migrationId()));
        eventually(() -> NONE.equals(scheduler.usages(b)));
        assertEquals(SMALL_USE, scheduler.usages(a));
        assertEquals(Map.of(scheduler.host(a).providerUuid().toString(), SMALL_USE),
                scheduler.allocations(build.instance().instanceId()));
    }

    @Test
    void hostsThatKeepDisksLocalResizeInPlaceOrNotAtAll() {
        fleet.host(local, 8, 8192, 80);
        movableHost(b, 4, 4096, 40);
        BuildInstance build = built(local);

        ScheduleMove refused = move(build, BIG, false);
        scheduler.scheduleMove(refused);
        recorder.await("the move's error", WAIT, r -> !r.messages(ComputeTopics.CONDUCTOR, MoveReport.TYPE).isEmpty());
        MoveReport error = recorder.messages(ComputeTopics.CONDUCTOR, MoveReport.TYPE).get(0);
        assertEquals(MoveReport.ERROR, error.migrationStatus());
        assertEquals(refused.move().migrationId(), error.migrationId());
        assertNull(error.state().vmState(), "the instance keeps its state");
        assertTrue(error.state().clearTaskState());
        assertTrue(error.state().fault().details().contains("cannot move a guest's disks"),
                error.state().fault().details());
        assertEquals(NONE, scheduler.usages(b));

        ScheduleMove inPlace = move(build, BIG, true);
        scheduler.scheduleMove(inPlace);
        MoveInstance step = awaitStep(local);
        assertEquals(local, step.move().destHost());
        assertTrue(step.move().sameHost());
        assertEquals(BOTH_USE, scheduler.usages(local), "old and new flavor are held until the confirm");
        scheduler.commitMove(build.instance().instanceId(), inPlace.move().migrationId());
        eventually(() -> BIG_USE.equals(scheduler.usages(local)));
    }

    @Test
    void anInstanceDeletedWhileWaitingForItsConfirmHoldsNothing() {
        movableHost(a, 8, 8192, 80);
        movableHost(b, 4, 4096, 40);
        BuildInstance build = built(a);
        String id = build.instance().instanceId();
        ScheduleMove request = move(build, BIG, false);
        scheduler.scheduleMove(request);
        awaitStep(a);
        scheduler.release(List.of(id));
        scheduler.commitMove(id, request.move().migrationId());
        eventually(() -> NONE.equals(scheduler.usages(b)) && NONE.equals(scheduler.usages(a)));
        assertEquals(Map.of(), scheduler.allocations(id));
    }

    @Test
    void aMoveKeepsItsServerGroupsAntiAffinity() {
        String c = "mv-c-" + Long.toString(System.nanoTime() % 100000, 36);
        recorder.listen(ComputeTopics.computeHost(c));
        movableHost(a, 8, 8192, 80);
        movableHost(b, 6, 6144, 60);
        movableHost(c, 4, 4096, 40);
        String group = UUID.randomUUID().toString();
        BuildInstance x = built(a);
        String xId = x.instance().instanceId();
        SchedulingHints withX = new SchedulingHints(group, "anti-affinity", null, List.of(xId), List.of(), List.of(),
                null, null);
        scheduler.schedule(TestFleet.request(TestFleet.spec(SMALL, withX), 1));
        String bTopic = ComputeTopics.computeHost(b);
        recorder.await("the second member on b", WAIT, r -> !r.messages(bTopic, BuildInstance.TYPE).isEmpty());
        String yId = recorder.messages(bTopic, BuildInstance.TYPE).get(0).instance().instanceId();

        // b has more room than c, but holds the other member: the moved server goes to c
        SchedulingHints withY = new SchedulingHints(group, "anti-affinity", null, List.of(yId), List.of(), List.of(),
                null, null);
        InstanceMove move = new InstanceMove(UUID.randomUUID().toString(), InstanceMove.MIGRATION, x.instance(), SMALL,
                a, a, null, null, false, "req-group-move");
        scheduler.scheduleMove(new ScheduleMove(move, TestFleet.spec(SMALL, withY), false));
        assertEquals(c, awaitStep(a).move().destHost());
    }

    @Test
    void aServerResizedInPlaceDoesNotCountAgainstItsOwnAntiAffinity() {
        fleet.host(local, 8, 8192, 80);
        String group = UUID.randomUUID().toString();
        SchedulingHints alone = new SchedulingHints(group, "anti-affinity", null, List.of(), List.of(), List.of(),
                null, null);
        scheduler.schedule(TestFleet.request(TestFleet.spec(SMALL, alone), 1));
        String topic = ComputeTopics.computeHost(local);
        recorder.await("the member on " + local, WAIT, r -> !r.messages(topic, BuildInstance.TYPE).isEmpty());
        BuildInstance x = recorder.messages(topic, BuildInstance.TYPE).get(0);
        InstanceMove move = new InstanceMove(UUID.randomUUID().toString(), InstanceMove.RESIZE,
                x.instance().withFlavor(BIG), SMALL, local, local, null, null, false, "req-in-place");
        scheduler.scheduleMove(new ScheduleMove(move, TestFleet.spec(BIG, alone), true));
        assertEquals(local, awaitStep(local).move().destHost());
    }

    @Test
    void anOffloadedInstanceReturnsItsClaimAndIsClaimedAgainWhenUnshelved() {
        movableHost(a, 8, 8192, 80);
        BuildInstance build = built(a);
        String id = build.instance().instanceId();
        scheduler.returnAllocations(List.of(id));
        eventually(() -> NONE.equals(scheduler.usages(a)));
        assertEquals(Map.of(), scheduler.allocations(id));

        // unshelve: the same instance is scheduled again, and its claim is taken (a release would refuse it)
        scheduler.schedule(new ScheduleInstances(TestFleet.spec(SMALL, null), List.of(build.instance()), 3));
        String topic = ComputeTopics.computeHost(a);
        recorder.await("the unshelve's build", WAIT, r -> r.messages(topic, BuildInstance.TYPE).size() == 2);
        assertEquals(SMALL_USE, scheduler.usages(a));
    }
}
