package dev.stratus.compute.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.InstanceAction;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.InstanceMove;
import dev.stratus.common.compute.LiveMigrateInstance;
import dev.stratus.common.compute.MoveReport;
import dev.stratus.compute.node.virt.PowerState;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Live migrations between two simulated hosts (fake driver, real broker): the statuses the hosts report, where the
 * guest runs and in which state afterwards, and what a failing destination leaves.
 */
@QuarkusTest
@QuarkusTestResource(value = ComputeNodeTestResource.class, restrictToAnnotatedClass = true)
class LiveMigrationHandlerTest extends TwoHostTest {

    private InstanceMove liveMove(InstanceBuild instance) {
        return new InstanceMove(UUID.randomUUID().toString(), InstanceMove.LIVE_MIGRATION, instance,
                instance.flavor(), source.host(), source.host(), dest.host(), dest.host(), false,
                "req-" + UUID.randomUUID());
    }

    private void start(InstanceMove move) {
        messaging.cast(ComputeTopics.computeHost(source.host()), LiveMigrateInstance.TYPE,
                new LiveMigrateInstance(LiveMigrateInstance.Step.MIGRATE, move, null)).join();
    }

    @Test
    void aRunningServerRunsOnTheDestinationAndNothingIsLeftOnTheSource() {
        InstanceBuild instance = active("lives-on", Map.of());
        String id = instance.instanceId();
        InstanceMove move = liveMove(instance);
        start(move);

        MoveReport completed = recorder.awaitMove(move.migrationId(), MoveReport.COMPLETED);
        assertEquals(dest.host(), completed.state().host());
        assertEquals("compute_live_migration", completed.state().event().event());
        assertEquals("Success", completed.state().event().result());
        // the last report alone leaves the server right, whatever order compute-api applies them in
        assertEquals("active", completed.state().vmState());
        assertTrue(completed.state().clearTaskState());
        MoveReport preparing = recorder.awaitMove(move.migrationId(), MoveReport.PREPARING);
        assertEquals("migrating", preparing.state().taskState());
        assertEquals(source.host(), preparing.state().host());
        assertEquals(dest.host(), preparing.destHost(), "the destination is known while it runs");
        assertEquals(dest.host(), recorder.awaitMove(move.migrationId(), MoveReport.RUNNING).destHost());
        MoveReport arrived = recorder.awaitMove(move.migrationId(), MoveReport.POST_MIGRATING);
        assertEquals("active", arrived.state().vmState());
        assertEquals(dest.host(), arrived.state().host());
        assertTrue(arrived.state().clearTaskState());
        assertEquals(1, arrived.state().powerState());
        assertEquals(PowerState.RUNNING, fake(dest).powerState(id));
        assertEquals(PowerState.NOSTATE, fake(source).powerState(id));
        assertTrue(source.registry().get(id).isEmpty());
        assertEquals("active", dest.registry().get(id).orElseThrow().vmState());
    }

    @Test
    void aPausedServerStaysPaused() {
        InstanceBuild instance = active("lives-paused", Map.of());
        String id = instance.instanceId();
        actOnSource(instance, InstanceAction.Kind.PAUSE, "paused");
        InstanceMove move = liveMove(instance);
        start(move);

        assertEquals("paused", recorder.awaitMove(move.migrationId(), MoveReport.COMPLETED).state().vmState());
        MoveReport arrived = recorder.awaitMove(move.migrationId(), MoveReport.POST_MIGRATING);
        assertEquals("paused", arrived.state().vmState());
        assertEquals(3, arrived.state().powerState());
        assertEquals(PowerState.PAUSED, fake(dest).powerState(id));
        assertEquals("paused", dest.registry().get(id).orElseThrow().vmState());
    }

    @Test
    void aFailingDestinationLeavesTheServerRunningOnItsSource() {
        InstanceBuild instance = active("stays-home", Map.of("fake_fail_spawn_host", dest.host()));
        String id = instance.instanceId();
        InstanceMove move = liveMove(instance);
        start(move);

        MoveReport error = recorder.awaitMove(move.migrationId(), MoveReport.ERROR);
        assertNull(error.state().vmState(), "the server keeps its state");
        assertEquals(source.host(), error.state().host());
        assertTrue(error.state().clearTaskState());
        assertTrue(error.state().fault().message().contains("Failed to live-migrate"), error.state().fault().message());
        assertEquals(PowerState.RUNNING, fake(source).powerState(id));
        assertEquals(PowerState.NOSTATE, fake(dest).powerState(id));
        assertFalse(dest.registry().get(id).isPresent());
        assertTrue(source.registry().get(id).isPresent());
    }

    @Test
    void aSourceWithoutTheServerRefusesAtOnce() {
        InstanceBuild instance = TestInstances.instance("nowhere", Map.of());
        InstanceMove move = liveMove(instance);
        start(move);
        MoveReport error = recorder.awaitMove(move.migrationId(), MoveReport.ERROR);
        assertTrue(error.state().clearTaskState());
        assertEquals("compute_live_migration", error.state().event().event());
        assertEquals("Error", error.state().event().result());
    }
}
