package dev.stratus.scheduler.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.BuildInstance;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.EvacuateInstance;
import dev.stratus.common.compute.InstanceMove;
import dev.stratus.common.compute.LiveMigrateInstance;
import dev.stratus.common.compute.MoveInstance;
import dev.stratus.common.compute.MoveReport;
import dev.stratus.common.compute.ScheduleMove;
import dev.stratus.scheduler.SchedulerTestResource;
import dev.stratus.scheduler.TestFleet;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Evacuations as compute-api asks for them: the source (down) is never a destination and is sent nothing; any other
 * host may take the instance (its driver need not move disks: the instance is built anew), claimed for the
 * migration's consumer while the instance keeps its source claim; without a destination the instance goes to ERROR
 * with the conductor's rebuild event.
 */
@QuarkusTest
@QuarkusTestResource(value = SchedulerTestResource.class, restrictToAnnotatedClass = false)
class EvacuationTest extends TwoHostMoveTest {

    EvacuationTest() {
        super("ev");
    }

    private static ScheduleMove evacuation(BuildInstance build) {
        return new ScheduleMove(moveOf(InstanceMove.EVACUATION, build, "req-evacuate"), TestFleet.spec(SMALL, null),
                false);
    }

    @Test
    void anEvacuationIsBuiltOnAnotherHostAndNothingGoesToTheSource() {
        fleet.host(a, 8, 8192, 80);
        BuildInstance build = built(a);
        fleet.host(b, 8, 8192, 80);
        ScheduleMove request = evacuation(build);
        scheduler.scheduleMove(request);

        String dest = ComputeTopics.computeHost(b);
        recorder.await("the evacuation on " + b, WAIT, r -> !r.messages(dest, EvacuateInstance.TYPE).isEmpty());
        EvacuateInstance step = recorder.messages(dest, EvacuateInstance.TYPE).get(0);
        assertEquals(b, step.move().destHost());
        assertEquals(a, step.move().sourceHost());
        assertTrue(step.move().evacuation());
        String source = ComputeTopics.computeHost(a);
        assertTrue(recorder.messages(source, MoveInstance.TYPE).isEmpty(), "nothing to the dead source");
        assertTrue(recorder.messages(source, LiveMigrateInstance.TYPE).isEmpty(), "nothing to the dead source");
        assertTrue(recorder.messages(source, EvacuateInstance.TYPE).isEmpty(), "nothing to the dead source");
        String migration = request.move().migrationId();
        assertEquals(SMALL_USE, scheduler.usages(a), "the source's claim stays until the source cleaned up");
        assertEquals(Map.of(scheduler.host(b).providerUuid().toString(), SMALL_USE), scheduler.allocations(migration));
    }

    @Test
    void theSourceIsNeverTheDestination() {
        fleet.host(a, 8, 8192, 80);
        BuildInstance build = built(a);
        scheduler.scheduleMove(evacuation(build));
        recorder.await("the error", WAIT, r -> !r.messages(ComputeTopics.CONDUCTOR, MoveReport.TYPE).isEmpty());
        MoveReport error = recorder.messages(ComputeTopics.CONDUCTOR, MoveReport.TYPE).get(0);
        assertEquals(MoveReport.ERROR, error.migrationStatus());
        assertEquals("error", error.state().vmState(), "Nova's conductor sets ERROR on NoValidHost");
        assertTrue(error.state().clearTaskState());
        assertEquals("conductor_rebuild_server", error.state().event().event());
        assertTrue(recorder.messages(ComputeTopics.computeHost(a), EvacuateInstance.TYPE).isEmpty());
        assertEquals(SMALL_USE, scheduler.usages(a));
    }
}
