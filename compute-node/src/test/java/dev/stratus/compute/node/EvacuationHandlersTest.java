package dev.stratus.compute.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.DestroyEvacuated;
import dev.stratus.common.compute.EvacuateInstance;
import dev.stratus.common.compute.InstanceAction;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.InstanceMove;
import dev.stratus.common.compute.InstanceStateReport;
import dev.stratus.common.compute.MoveReport;
import dev.stratus.compute.node.virt.PowerState;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Evacuations between two simulated hosts (fake driver, real broker): the destination builds the instance anew and
 * reports it there ({@code done}), stopped if it was; a failure there leaves the instance in ERROR on its source;
 * the source, once back, destroys the guest it kept and reports {@code completed}; a guest deleted while its host
 * was down is destroyed there and reported {@code deleted}.
 */
@QuarkusTest
@QuarkusTestResource(value = ComputeNodeTestResource.class, restrictToAnnotatedClass = true)
class EvacuationHandlersTest extends TwoHostTest {

    private InstanceMove evacuation(InstanceBuild instance, boolean wasStopped) {
        return new InstanceMove(UUID.randomUUID().toString(), InstanceMove.EVACUATION, instance, instance.flavor(),
                source.host(), source.host(), dest.host(), dest.host(), wasStopped, "req-" + UUID.randomUUID());
    }

    private void evacuate(InstanceMove move) {
        messaging.cast(ComputeTopics.computeHost(dest.host()), EvacuateInstance.TYPE, new EvacuateInstance(move))
                .join();
    }

    @Test
    void theDestinationBuildsTheInstanceAndTheSourceDestroysItsGuestOnceBack() {
        InstanceBuild instance = active("evacuated", Map.of());
        String id = instance.instanceId();
        InstanceMove move = evacuation(instance, false);
        evacuate(move);

        MoveReport done = recorder.awaitMove(move.migrationId(), MoveReport.DONE);
        assertEquals("active", done.state().vmState());
        assertEquals(dest.host(), done.state().host(), "the instance is on the destination now");
        assertEquals(dest.host(), done.destHost());
        assertTrue(done.state().clearTaskState());
        assertEquals(1, done.state().powerState());
        assertEquals("compute_rebuild_instance", done.state().event().event());
        MoveReport preMigrating = recorder.awaitMove(move.migrationId(), MoveReport.PRE_MIGRATING);
        assertEquals("rebuild_spawning", preMigrating.state().taskState());
        assertEquals(source.host(), preMigrating.state().host(), "still on its source while it is built");
        assertEquals(PowerState.RUNNING, fake(dest).powerState(id));
        assertTrue(dest.registry().get(id).isPresent());
        assertEquals(PowerState.RUNNING, fake(source).powerState(id), "nothing was sent to the source");

        // redelivered: reported again, not built twice
        evacuate(move);
        recorder.await(() -> recorder.moveReports.stream().filter(r -> r.migrationId().equals(move.migrationId())
                && MoveReport.DONE.equals(r.migrationStatus())).count() >= 2 ? true : null, "the second done");

        messaging.cast(ComputeTopics.computeHost(source.host()), DestroyEvacuated.TYPE,
                new DestroyEvacuated(id, move.migrationId())).join();
        MoveReport completed = recorder.awaitMove(move.migrationId(), MoveReport.COMPLETED);
        assertNull(completed.state().vmState(), "the instance's state is the destination's");
        assertFalse(completed.state().clearTaskState());
        assertEquals(PowerState.NOSTATE, fake(source).powerState(id), "the source's guest is gone");
        assertTrue(source.registry().get(id).isEmpty());
        assertEquals(PowerState.RUNNING, fake(dest).powerState(id), "the evacuated guest lives on");
    }

    @Test
    void aStoppedInstanceIsStoppedOnItsNewHost() {
        InstanceBuild instance = active("evacuated-stopped", Map.of());
        String id = instance.instanceId();
        actOnSource(instance, InstanceAction.Kind.STOP, "stopped");
        InstanceMove move = evacuation(instance, true);
        evacuate(move);

        MoveReport done = recorder.awaitMove(move.migrationId(), MoveReport.DONE);
        assertEquals("stopped", done.state().vmState());
        assertEquals(4, done.state().powerState());
        assertEquals(PowerState.SHUTDOWN, fake(dest).powerState(id));
    }

    @Test
    void aFailureOnTheDestinationLeavesTheInstanceInErrorOnItsSource() {
        InstanceBuild instance = active("evacuation-fails", Map.of("fake_fail_spawn_host", dest.host()));
        String id = instance.instanceId();
        InstanceMove move = evacuation(instance, false);
        evacuate(move);

        MoveReport failed = recorder.awaitMove(move.migrationId(), MoveReport.FAILED);
        assertEquals("error", failed.state().vmState());
        assertEquals(source.host(), failed.state().host());
        assertTrue(failed.state().fault().message().contains("Failed to evacuate the server to host " + dest.host()),
                failed.state().fault().message());
        assertEquals(PowerState.NOSTATE, fake(dest).powerState(id), "no half-built guest is left");
        assertFalse(dest.registry().get(id).isPresent());
    }

    @Test
    void aGuestDeletedWhileItsHostWasDownIsDestroyedOnceBackAndNotBroughtBack() {
        InstanceBuild instance = active("deleted-while-down", Map.of());
        String id = instance.instanceId();
        assertEquals(PowerState.RUNNING, fake(source).powerState(id));

        messaging.cast(ComputeTopics.computeHost(source.host()), DestroyEvacuated.TYPE, DestroyEvacuated.deleted(id))
                .join();
        InstanceStateReport deleted = recorder.awaitReport(id, r -> "deleted".equals(r.vmState()));
        assertEquals(0, deleted.powerState());
        assertEquals(source.host(), deleted.host());
        assertEquals(PowerState.NOSTATE, fake(source).powerState(id), "the guest is gone");
        assertTrue(source.registry().get(id).isEmpty());
        assertTrue(source.registry().wasDeleted(id), "a late build of it is refused");
        assertTrue(recorder.moveReports.stream().noneMatch(r -> r.state().instanceId().equals(id)),
                "no migration to complete");

        // A redelivery finds no guest and reports deleted again.
        long before = recorder.reportsFor(id).stream().filter(r -> "deleted".equals(r.vmState())).count();
        messaging.cast(ComputeTopics.computeHost(source.host()), DestroyEvacuated.TYPE, DestroyEvacuated.deleted(id))
                .join();
        recorder.await(() -> recorder.reportsFor(id).stream().filter(r -> "deleted".equals(r.vmState())).count()
                > before ? true : null, "the second deleted report");
    }
}
