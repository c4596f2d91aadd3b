package dev.stratus.compute.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.InstanceAction;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.InstanceMove;
import dev.stratus.common.compute.MoveInstance;
import dev.stratus.common.compute.MoveReport;
import dev.stratus.compute.node.virt.PowerState;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Cold moves between two simulated hosts and on one (fake driver, real broker): the steps each host takes, the
 * move reports they send, and where the guest is after a confirm, a revert or a failure.
 */
@QuarkusTest
@QuarkusTestResource(value = ComputeNodeTestResource.class, restrictToAnnotatedClass = true)
class MoveHandlersTest extends TwoHostTest {

    private static final FlavorSpec BIGGER = new FlavorSpec("2", "m1.small", 2, 2048, 20, 0, 0, Map.of());

    private InstanceMove move(InstanceBuild instance, ComputeNode to, boolean wasStopped) {
        return new InstanceMove(UUID.randomUUID().toString(), InstanceMove.RESIZE, instance.withFlavor(BIGGER),
                instance.flavor(), source.host(), source.host(), to.host(), to.host(), wasStopped, "req-" + UUID.randomUUID());
    }

    private void send(MoveInstance.Step step, InstanceMove move, ComputeNode to) {
        messaging.cast(ComputeTopics.computeHost(to.host()), MoveInstance.TYPE, new MoveInstance(step, move)).join();
    }

    @Test
    void aMoveToAnotherHostIsFinishedThereAndConfirmedOnTheSource() {
        InstanceBuild instance = active("moves", Map.of());
        String id = instance.instanceId();
        InstanceMove move = move(instance, dest, false);
        send(MoveInstance.Step.RESIZE, move, source);

        MoveReport finished = recorder.awaitMove(move.migrationId(), MoveReport.FINISHED);
        assertEquals("resized", finished.state().vmState());
        assertEquals(dest.host(), finished.state().host(), "the instance is on the destination now");
        assertEquals(BIGGER, finished.flavor());
        assertEquals(1, finished.state().powerState());
        MoveReport migrating = recorder.awaitMove(move.migrationId(), MoveReport.MIGRATING);
        assertEquals("resize_migrating", migrating.state().taskState());
        assertEquals("resize_migrated", recorder.awaitMove(move.migrationId(), MoveReport.POST_MIGRATING).state()
                .taskState());
        assertEquals(PowerState.SHUTDOWN, fake(source).powerState(id), "the source keeps the stopped guest");
        assertEquals(PowerState.RUNNING, fake(dest).powerState(id));
        assertEquals(BIGGER, dest.registry().get(id).orElseThrow().build().flavor());

        InstanceMove confirm = move.asRequest("req-confirm-" + id);
        send(MoveInstance.Step.CONFIRM, confirm, source);
        MoveReport confirmed = recorder.awaitMove(move.migrationId(), MoveReport.CONFIRMED);
        assertEquals("active", confirmed.state().vmState());
        assertEquals(dest.host(), confirmed.state().host());
        assertEquals("compute_confirm_resize", confirmed.state().event().event());
        assertEquals(PowerState.NOSTATE, fake(source).powerState(id), "nothing is left on the source");
        assertTrue(source.registry().get(id).isEmpty());
        assertEquals(PowerState.RUNNING, fake(dest).powerState(id));
    }

    @Test
    void aRevertRemovesTheMovedGuestAndRestartsTheOldOne() {
        InstanceBuild instance = active("goes-back", Map.of());
        String id = instance.instanceId();
        InstanceMove move = move(instance, dest, false);
        send(MoveInstance.Step.RESIZE, move, source);
        recorder.awaitMove(move.migrationId(), MoveReport.FINISHED);

        send(MoveInstance.Step.REVERT, move.asRequest("req-revert-" + id), dest);
        MoveReport reverted = recorder.awaitMove(move.migrationId(), MoveReport.REVERTED);
        assertEquals("active", reverted.state().vmState());
        assertEquals(source.host(), reverted.state().host());
        assertEquals(instance.flavor(), reverted.flavor());
        assertEquals(PowerState.NOSTATE, fake(dest).powerState(id));
        assertTrue(dest.registry().get(id).isEmpty());
        assertEquals(PowerState.RUNNING, fake(source).powerState(id));
        assertEquals(instance.flavor(), source.registry().get(id).orElseThrow().build().flavor());
    }

    @Test
    void aStoppedServerResizedInPlaceStaysStopped() {
        InstanceBuild instance = active("in-place", Map.of());
        String id = instance.instanceId();
        actOnSource(instance, InstanceAction.Kind.STOP, "stopped");
        InstanceMove move = move(instance, source, true);
        send(MoveInstance.Step.RESIZE, move, source);

        MoveReport finished = recorder.awaitMove(move.migrationId(), MoveReport.FINISHED);
        assertEquals(source.host(), finished.state().host());
        assertEquals(4, finished.state().powerState());
        send(MoveInstance.Step.CONFIRM, move, source);
        MoveReport confirmed = recorder.awaitMove(move.migrationId(), MoveReport.CONFIRMED);
        assertEquals("stopped", confirmed.state().vmState());
        assertEquals(PowerState.SHUTDOWN, fake(source).powerState(id));
        assertEquals(BIGGER, source.registry().get(id).orElseThrow().build().flavor());
    }

    @Test
    void aDestinationThatFailsLeavesTheServerInErrorOnItsSource() {
        InstanceBuild instance = active("fails-there", Map.of("fake_fail_spawn_host", dest.host()));
        String id = instance.instanceId();
        InstanceMove move = move(instance, dest, false);
        send(MoveInstance.Step.RESIZE, move, source);

        MoveReport error = recorder.awaitMove(move.migrationId(), MoveReport.ERROR);
        assertEquals("error", error.state().vmState());
        assertEquals(source.host(), error.state().host());
        assertTrue(error.state().fault().message().contains("Failed to resize the server on host " + dest.host()),
                error.state().fault().message());
        assertNull(error.flavor());
        assertEquals(PowerState.NOSTATE, fake(dest).powerState(id), "no half-moved guest is left");
        assertFalse(dest.registry().get(id).isPresent());
    }

    @Test
    void aStepThatBreaksOnABugEndsTheMigrationInErrorInsteadOfLeavingItRunning() {
        InstanceBuild instance = active("breaks", Map.of());
        // A move without its source host (a sender's bug): working out whether it stays on one host throws.
        InstanceMove broken = new InstanceMove(UUID.randomUUID().toString(), InstanceMove.RESIZE,
                instance.withFlavor(BIGGER), instance.flavor(), null, null, dest.host(), dest.host(), false,
                "req-" + UUID.randomUUID());
        send(MoveInstance.Step.RESIZE, broken, source);

        MoveReport error = recorder.awaitMove(broken.migrationId(), MoveReport.ERROR);
        assertEquals("error", error.state().vmState());
        assertTrue(error.state().clearTaskState());
        assertTrue(error.state().fault().message().startsWith("Failed to resize the server: Unexpected error on host "
                + source.host() + " in step RESIZE: java.lang.NullPointerException"), error.state().fault().message());
        assertEquals("compute_resize_instance", error.state().event().event());
        assertEquals("Error", error.state().event().result());
    }
}
