package dev.stratus.scheduler.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.BuildInstance;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.InstanceMove;
import dev.stratus.common.compute.LiveMigrateInstance;
import dev.stratus.common.compute.MoveInstance;
import dev.stratus.common.compute.MoveReport;
import dev.stratus.common.compute.RequestSpec;
import dev.stratus.common.compute.ScheduleMove;
import dev.stratus.common.compute.SchedulingHints;
import dev.stratus.scheduler.SchedulerTestResource;
import dev.stratus.scheduler.TestFleet;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Live migrations as compute-api asks for them: placed like a cold migration (another host whose driver moves
 * guests, the claim the migration's until the move completes), started on the source with
 * {@link LiveMigrateInstance}; without a destination the migration ends in error with the conductor's live
 * migration event.
 */
@QuarkusTest
@QuarkusTestResource(value = SchedulerTestResource.class, restrictToAnnotatedClass = false)
class LiveMoveTest extends TwoHostMoveTest {

    LiveMoveTest() {
        super("lm");
    }

    private void movableHost(String host) {
        movableHost(host, 8, 8192, 80);
    }

    private static ScheduleMove liveMove(BuildInstance build) {
        return new ScheduleMove(moveOf(InstanceMove.LIVE_MIGRATION, build, "req-live"), TestFleet.spec(SMALL, null),
                false);
    }

    @Test
    void aLiveMigrationStartsOnTheSourceAndItsCompletionMovesTheClaim() {
        movableHost(a);
        BuildInstance build = built(a);
        movableHost(b);
        String id = build.instance().instanceId();
        ScheduleMove request = liveMove(build);
        scheduler.scheduleMove(request);

        String source = ComputeTopics.computeHost(a);
        recorder.await("the live migration on " + a, WAIT,
                r -> !r.messages(source, LiveMigrateInstance.TYPE).isEmpty());
        LiveMigrateInstance step = recorder.messages(source, LiveMigrateInstance.TYPE).get(0);
        assertEquals(LiveMigrateInstance.Step.MIGRATE, step.step());
        assertEquals(b, step.move().destHost());
        assertTrue(step.move().live());
        assertTrue(recorder.messages(source, MoveInstance.TYPE).isEmpty(), "no cold-move step");
        String migration = request.move().migrationId();
        assertEquals(SMALL_USE, scheduler.usages(a));
        assertEquals(Map.of(scheduler.host(b).providerUuid().toString(), SMALL_USE), scheduler.allocations(migration));

        // completed: compute-api commits the move's claims as for a confirmed cold move
        scheduler.commitMove(id, migration);
        eventually(() -> NONE.equals(scheduler.usages(a)));
        assertEquals(Map.of(scheduler.host(b).providerUuid().toString(), SMALL_USE), scheduler.allocations(id));
    }

    @Test
    void aSourceThatCannotMoveGuestsEndsTheLiveMigrationInError() {
        fleet.host(a, 8, 8192, 80);
        BuildInstance build = built(a);
        movableHost(b);
        ScheduleMove request = liveMove(build);
        scheduler.scheduleMove(request);
        recorder.await("the error", WAIT, r -> !r.messages(ComputeTopics.CONDUCTOR, MoveReport.TYPE).isEmpty());
        MoveReport error = recorder.messages(ComputeTopics.CONDUCTOR, MoveReport.TYPE).get(0);
        assertEquals(MoveReport.ERROR, error.migrationStatus());
        assertNull(error.state().vmState(), "the server stays as it is");
        assertTrue(error.state().clearTaskState());
        assertEquals("conductor_live_migrate_instance", error.state().event().event());
        assertEquals(NONE, scheduler.usages(b));
        assertTrue(recorder.messages(ComputeTopics.computeHost(a), LiveMigrateInstance.TYPE).isEmpty());
    }

    /** A move of the server pinned to {@code zone}, to {@code host} (forced or not). */
    private static ScheduleMove liveMoveTo(BuildInstance build, String zone, String host, boolean forced) {
        InstanceMove move = moveOf(InstanceMove.LIVE_MIGRATION, build, "req-live");
        SchedulingHints hints = new SchedulingHints(null, null, null, List.of(), List.of(), List.of(), host, null);
        RequestSpec spec = TestFleet.spec(SMALL, hints);
        spec = new RequestSpec(spec.projectId(), spec.userId(), spec.flavor(), spec.image(), zone, spec.hints(),
                List.of());
        return new ScheduleMove(move, spec, false, forced);
    }

    /**
     * As Nova: a server pinned to a zone moves only within it, an admin's unforced host included; a forced host
     * bypasses the filters (the zone among them) and only has to be up with room for the claim.
     */
    @Test
    void theZoneHoldsUnlessTheHostIsForced() {
        movableHost(a);
        BuildInstance build = built(a);
        movableHost(b);
        scheduler.scheduleMove(liveMoveTo(build, "elsewhere", b, false));
        recorder.await("the error", WAIT, r -> !r.messages(ComputeTopics.CONDUCTOR, MoveReport.TYPE).isEmpty());
        MoveReport error = recorder.messages(ComputeTopics.CONDUCTOR, MoveReport.TYPE).get(0);
        assertEquals(MoveReport.ERROR, error.migrationStatus());
        assertTrue(error.state().fault().details().contains("AvailabilityZoneFilter"), error.state().fault().details());
        assertEquals(NONE, scheduler.usages(b));

        ScheduleMove forced = liveMoveTo(build, "elsewhere", b, true);
        scheduler.scheduleMove(forced);
        String source = ComputeTopics.computeHost(a);
        recorder.await("the forced live migration", WAIT,
                r -> !r.messages(source, LiveMigrateInstance.TYPE).isEmpty());
        assertEquals(b, recorder.messages(source, LiveMigrateInstance.TYPE).get(0).move().destHost());
        assertEquals(Map.of(scheduler.host(b).providerUuid().toString(), SMALL_USE),
                scheduler.allocations(forced.move().migrationId()), "the forced host is claimed all the same");
    }

    @Test
    void aForcedHostStillNeedsRoom() {
        movableHost(a);
        BuildInstance build = built(a);
        movableHost(b, 8, 512, 80);
        scheduler.scheduleMove(liveMoveTo(build, null, b, true));
        recorder.await("the error", WAIT, rec -> !rec.messages(ComputeTopics.CONDUCTOR, MoveReport.TYPE).isEmpty());
        MoveReport error = recorder.messages(ComputeTopics.CONDUCTOR, MoveReport.TYPE).get(0);
        assertTrue(error.state().fault().details().contains("CapacityFilter"), error.state().fault().details());
    }
}
