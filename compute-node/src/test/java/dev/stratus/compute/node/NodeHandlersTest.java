package dev.stratus.compute.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.BuildInstance;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.ConsoleOutput;
import dev.stratus.common.compute.ConsoleOutputRequest;
import dev.stratus.common.compute.DeleteInstance;
import dev.stratus.common.compute.InstanceAction;
import dev.stratus.common.compute.InstanceAction.Kind;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.InstanceStateReport;
import dev.stratus.common.compute.ImageSpec;
import dev.stratus.common.compute.NetworkRequest;
import dev.stratus.common.compute.RebuildInstance;
import dev.stratus.common.compute.RescueInstance;
import dev.stratus.common.compute.SnapshotInstance;
import dev.stratus.common.compute.RescheduleInstance;
import dev.stratus.common.messaging.Messaging;
import dev.stratus.common.messaging.RemoteCallException;
import dev.stratus.compute.node.fake.FakeVirtDriver;
import dev.stratus.compute.node.network.FakeHostNetworking;
import dev.stratus.compute.node.virt.PowerState;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The node's handlers with the fake driver, through a real broker, judged by the reports they send. */
@QuarkusTest
@QuarkusTestResource(value = ComputeNodeTestResource.class, restrictToAnnotatedClass = true)
class NodeHandlersTest {

    private static MessageRecorder recorder;

    @Inject
    Messaging messaging;

    @Inject
    ComputeNodes nodes;

    private ComputeNode node;
    private FakeVirtDriver driver;

    @BeforeEach
    void setUp() {
        if (recorder == null) {
            recorder = MessageRecorder.attach(messaging);
        }
        node = nodes.node(ComputeNodeTestResource.HOST + "-001").orElseThrow();
        driver = (FakeVirtDriver) node.driver();
    }

    private String host() {
        return node.host();
    }

    private void cast(BuildInstance build) {
        messaging.cast(ComputeTopics.computeHost(build.host()), BuildInstance.TYPE, build).join();
    }

    private void act(String instanceId, Kind kind, String requestId) {
        messaging.cast(ComputeTopics.computeHost(host()), InstanceAction.TYPE,
                new InstanceAction(instanceId, kind, requestId)).join();
    }

    private InstanceStateReport awaitEvent(String instanceId, String event, String requestId) {
        return recorder.awaitReport(instanceId, r -> r.event() != null && r.event().event().equals(event)
                && r.event().finishTime() != null && requestId.equals(r.event().actionRequestId()));
    }

    private InstanceBuild buildActive(String name) {
        InstanceBuild instance = TestInstances.instance(name, Map.of());
        cast(TestInstances.build(instance, host(), 1, 3));
        recorder.awaitReport(instance.instanceId(), r -> "active".equals(r.vmState()));
        return instance;
    }

    @Test
    void buildReportsSpawningThenActiveWithGrowingSequences() {
        InstanceBuild instance = TestInstances.instance(UUID.randomUUID().toString(), "web-1", Map.of(),
                List.of(new NetworkRequest("net-1", "private", "port-1", null, "FA:16:3E:00:00:01", null)));
        cast(TestInstances.build(instance, host(), 1, 3));

        InstanceStateReport active = recorder.awaitReport(instance.instanceId(), r -> "active".equals(r.vmState()));
        List<InstanceStateReport> reports = recorder.reportsFor(instance.instanceId());
        InstanceStateReport spawning = reports.get(0);
        assertEquals("building", spawning.vmState());
        assertEquals("spawning", spawning.taskState());
        assertEquals(host(), spawning.host());
        assertEquals("compute__do_build_and_run_instance", spawning.event().event());
        assertNull(spawning.event().finishTime());

        assertEquals(1, active.powerState());
        assertNotNull(active.launchedAt());
        assertNull(active.taskState());
        assertTrue(active.clearTaskState());
        assertEquals("Success", active.event().result());
        assertEquals(host(), active.event().host());
        assertTrue(active.sequence() > spawning.sequence());
        assertEquals(PowerState.RUNNING, driver.powerState(instance.instanceId()));
        assertTrue(((FakeHostNetworking) node.networking()).hasBridge("brstratus0"), "NIC bridge created");
        assertEquals(1, node.registry().get(instance.instanceId()).map(t -> 1).orElse(0));
    }

    @Test
    void redeliveredBuildMakesNoSecondGuestAndReportsTheStateAgain() {
        InstanceBuild instance = buildActive("twice");
        int guests = driver.listGuests().size();
        BuildInstance again = TestInstances.build(instance, host(), 1, 3);
        cast(again);
        recorder.await(() -> recorder.reportsFor(instance.instanceId()).stream()
                .filter(r -> "active".equals(r.vmState())).count() >= 2 ? true : null, "a second active report");
        assertEquals(guests, driver.listGuests().size());
        long spawning = recorder.reportsFor(instance.instanceId()).stream()
                .filter(r -> "spawning".equals(r.taskState())).count();
        assertEquals(1, spawning, "a redelivered build does not spawn again");
        // the broker may hand reports to the recorder's consumers out of order: the sequence is what orders them
        List<InstanceStateReport> reports = recorder.reportsFor(instance.instanceId());
        assertEquals(reports.size(), reports.stream().mapToLong(InstanceStateReport::sequence).distinct().count(),
                "every report has its own sequence");
        List<Long> active = reports.stream().filter(r -> "active".equals(r.vmState()))
                .map(InstanceStateReport::sequence).sorted().toList();
        long spawningSequence = reports.stream().filter(r -> "spawning".equals(r.taskState())).findFirst()
                .orElseThrow().sequence();
        assertTrue(active.get(0) > spawningSequence && active.get(1) > active.get(0),
                "the redelivery's report comes after the build's: " + reports);
    }

    @Test
    void powerActionsReportTheirStatesAndEvents() {
        String id = buildActive("actions").instanceId();

        act(id, Kind.STOP, "req-stop");
        InstanceStateReport stopped = awaitEvent(id, "compute_stop_instance", "req-stop");
        assertEquals("stopped", stopped.vmState());
        assertEquals(4, stopped.powerState());
        assertTrue(stopped.clearTaskState());
        assertEquals("Success", stopped.event().result());

        act(id, Kind.STOP, "req-stop-again");
        InstanceStateReport again = awaitEvent(id, "compute_stop_instance", "req-stop-again");
        assertEquals("stopped", again.vmState(), "an action on a guest already in that state reports the state");
        assertEquals("Success", again.event().result());

        act(id, Kind.START, "req-start");
        assertEquals(1, awaitEvent(id, "compute_start_instance", "req-start").powerState());

        act(id, Kind.REBOOT_SOFT, "req-soft");
        assertEquals("active", awaitEvent(id, "compute_reboot_instance", "req-soft").vmState());
        act(id, Kind.REBOOT_HARD, "req-hard");
        assertEquals(1, awaitEvent(id, "compute_reboot_instance", "req-hard").powerState());

        act(id, Kind.PAUSE, "req-pause");
        InstanceStateReport paused = awaitEvent(id, "compute_pause_instance", "req-pause");
        assertEquals("paused", paused.vmState());
        assertEquals(3, paused.powerState());
        act(id, Kind.UNPAUSE, "req-unpause");
        assertEquals("active", awaitEvent(id, "compute_unpause_instance", "req-unpause").vmState());

        act(id, Kind.SUSPEND, "req-suspend");
        InstanceStateReport suspended = awaitEvent(id, "compute_suspend_instance", "req-suspend");
        assertEquals("suspended", suspended.vmState());
        assertEquals(7, suspended.powerState());
        act(id, Kind.RESUME, "req-resume");
        assertEquals(1, awaitEvent(id, "compute_resume_instance", "req-resume").powerState());
        assertEquals(PowerState.RUNNING, driver.powerState(id));
    }

    @Test
    void anImpossibleActionFinishesItsEventWithError() {
        String id = buildActive("no-pause").instanceId();
        act(id, Kind.STOP, "req-stop-first");
        awaitEvent(id, "compute_stop_instance", "req-stop-first");
        // A stopped guest cannot be paused (compute-api refuses it too; the node must not trust that).
        act(id, Kind.PAUSE, "req-bad-pause");
        InstanceStateReport failed = awaitEvent(id, "compute_pause_instance", "req-bad-pause");
        assertEquals("Error", failed.event().result());
        assertNull(failed.vmState(), "vm_state unchanged");
        assertTrue(failed.clearTaskState());
        assertTrue(failed.event().details().contains("SHUTDOWN"), failed.event().details());
        assertEquals(PowerState.SHUTDOWN, driver.powerState(id));

        // An unpause of a running guest finds it where the action leads: a redelivery, reported as done.
        String running = buildActive("already-running").instanceId();
        act(running, Kind.UNPAUSE, "req-unpause-running");
        assertEquals("Success", awaitEvent(running, "compute_unpause_instance", "req-unpause-running").event().result());

        String unknown = UUID.randomUUID().toString();
        act(unknown, Kind.START, "req-unknown");
        assertEquals("Error", awaitEvent(unknown, "compute_start_instance", "req-unknown").event().result());
    }

    @Test
    void deleteReportsDeletedAndARedeliveredDeleteReportsItAgain() {
        String id = buildActive("doomed").instanceId();
        messaging.cast(ComputeTopics.computeHost(host()), DeleteInstance.TYPE, new DeleteInstance(id, "req-del")).join();
        InstanceStateReport deleted = awaitEvent(id, "compute_terminate_instance", "req-del");
        assertEquals("deleted", deleted.vmState());
        assertEquals(0, deleted.powerState());
        assertEquals("Success", deleted.event().result());
        assertFalse(driver.listGuests().containsKey(id));
        assertTrue(node.registry().get(id).isEmpty());

        messaging.cast(ComputeTopics.computeHost(host()), DeleteInstance.TYPE, new DeleteInstance(id, "req-del-2")).join();
        InstanceStateReport again = awaitEvent(id, "compute_terminate_instance", "req-del-2");
        assertEquals("deleted", again.vmState());
        assertEquals("Success", again.event().result());
    }

    @Test
    void aBuildRedeliveredAfterTheDeleteDoesNotBringTheGuestBack() {
        InstanceBuild instance = buildActive("resurrect");
        String id = instance.instanceId();
        messaging.cast(ComputeTopics.computeHost(host()), DeleteInstance.TYPE, new DeleteInstance(id, "req-rd")).join();
        awaitEvent(id, "compute_terminate_instance", "req-rd");
        cast(TestInstances.build(instance, host(), 1, 3));
        // A later delete is handled after the build (one queue, in order): once it is reported, the build was too.
        messaging.cast(ComputeTopics.computeHost(host()), DeleteInstance.TYPE, new DeleteInstance(id, "req-rd2")).join();
        awaitEvent(id, "compute_terminate_instance", "req-rd2");
        assertFalse(driver.listGuests().containsKey(id));
    }

    private static final ImageSpec OTHER_IMAGE = new ImageSpec("0c1d2e3f-4a5b-4c6d-8e7f-a1b2c3d4e5f6", "other",
            "qcow2", "bare", 1024, "d41d8cd98f00b204e9800998ecf8427e", 0, 0, Map.of());

    private void rebuild(InstanceBuild rebuilt, boolean keepStopped, String requestId) {
        messaging.cast(ComputeTopics.computeHost(host()), RebuildInstance.TYPE,
                new RebuildInstance(rebuilt, keepStopped, requestId)).join();
    }

    private static InstanceBuild reimaged(InstanceBuild before, String name, Map<String, String> metadata) {
        return new InstanceBuild(before.instanceId(), name, before.hostname(), before.projectId(), before.userId(),
                before.flavor(), OTHER_IMAGE, before.keyName(), before.keyData(), before.userData(), metadata,
                before.networks(), before.configDrive(), before.availabilityZone(), before.launchIndex(),
                before.reservationId(), "n3wPassw0rd", before.createdAt());
    }

    @Test
    void rebuildRespawnsTheGuestFromTheNewImageOnTheSameHost() {
        InstanceBuild before = buildActive("rebuild-me");
        String id = before.instanceId();
        java.time.Instant firstLaunch = node.registry().get(id).orElseThrow().launchedAt();

        rebuild(reimaged(before, "rebuilt", Map.of("role", "web")), false, "req-rebuild");
        InstanceStateReport done = awaitEvent(id, "compute_rebuild_instance", "req-rebuild");
        assertEquals("Success", done.event().result());
        assertEquals("active", done.vmState());
        assertEquals(1, done.powerState());
        assertTrue(done.clearTaskState());
        assertNotNull(done.launchedAt());
        assertTrue(recorder.reportsFor(id).stream().anyMatch(r -> "rebuild_spawning".equals(r.taskState())),
                "the spawning step is reported");
        assertEquals(PowerState.RUNNING, driver.powerState(id));
        var tracked = node.registry().get(id).orElseThrow();
        assertEquals(OTHER_IMAGE.id(), tracked.build().image().id(), "the node keeps the new image for restarts");
        assertEquals("rebuilt", tracked.build().name());
        assertTrue(tracked.launchedAt().isAfter(firstLaunch) || tracked.launchedAt().equals(firstLaunch));
    }

    @Test
    void aStoppedServerIsRebuiltAndLeftStopped() {
        InstanceBuild before = buildActive("rebuild-stopped");
        String id = before.instanceId();
        act(id, Kind.STOP, "req-stop-before-rebuild");
        awaitEvent(id, "compute_stop_instance", "req-stop-before-rebuild");

        rebuild(reimaged(before, before.name(), Map.of()), true, "req-rebuild-stopped");
        InstanceStateReport done = awaitEvent(id, "compute_rebuild_instance", "req-rebuild-stopped");
        assertEquals("Success", done.event().result());
        assertEquals("stopped", done.vmState());
        assertEquals(4, done.powerState());
        assertEquals(PowerState.SHUTDOWN, driver.powerState(id));
    }

    @Test
    void aFailedRebuildLeavesTheServerInErrorWithItsReason() {
        InstanceBuild before = buildActive("rebuild-fails");
        String id = before.instanceId();
        rebuild(reimaged(before, before.name(), Map.of("fake_fail_spawn_host", host())), false, "req-rebuild-bad");
        InstanceStateReport failed = awaitEvent(id, "compute_rebuild_instance", "req-rebuild-bad");
        assertEquals("Error", failed.event().result());
        assertEquals("error", failed.vmState());
        assertTrue(failed.clearTaskState());
        assertNotNull(failed.fault());
        assertTrue(failed.fault().message().contains("spawning fails on host " + host()), failed.fault().message());
        assertEquals("error", node.registry().get(id).orElseThrow().vmState());

        rebuild(reimaged(before, before.name(), Map.of()), false, "req-rebuild-again");
        assertEquals("active", awaitEvent(id, "compute_rebuild_instance", "req-rebuild-again").vmState(),
                "a rebuild recovers a server in ERROR");
    }

    @Test
    void rescueBootsTheRescueImageAndUnrescueBringsTheServerBack() {
        InstanceBuild before = buildActive("rescue-me");
        String id = before.instanceId();
        messaging.cast(ComputeTopics.computeHost(host()), RescueInstance.TYPE,
                new RescueInstance(reimaged(before, before.name(), Map.of()), "req-rescue")).join();
        InstanceStateReport rescued = awaitEvent(id, "compute_rescue_instance", "req-rescue");
        assertEquals("Success", rescued.event().result());
        assertEquals("rescued", rescued.vmState());
        assertEquals(1, rescued.powerState());
        assertTrue(rescued.clearTaskState());
        assertTrue(driver.isRescued(id));
        var tracked = node.registry().get(id).orElseThrow();
        assertEquals("rescued", tracked.vmState());
        assertEquals(before.image().id(), tracked.build().image().id(), "the server keeps its own image");

        act(id, Kind.UNRESCUE, "req-unrescue");
        InstanceStateReport back = awaitEvent(id, "compute_unrescue_instance", "req-unrescue");
        assertEquals("Success", back.event().result());
        assertEquals("active", back.vmState());
        assertFalse(driver.isRescued(id));

        act(id, Kind.UNRESCUE, "req-unrescue-again");
        assertEquals("active", awaitEvent(id, "compute_unrescue_instance", "req-unrescue-again").vmState(),
                "a redelivered unrescue changes nothing");
    }

    @Test
    void aRescueOfAnUnknownInstanceFinishesWithError() {
        InstanceBuild unknown = TestInstances.instance("not-here", Map.of());
        messaging.cast(ComputeTopics.computeHost(host()), RescueInstance.TYPE,
                new RescueInstance(unknown, "req-rescue-unknown")).join();
        InstanceStateReport failed = awaitEvent(unknown.instanceId(), "compute_rescue_instance", "req-rescue-unknown");
        assertEquals("Error", failed.event().result());
        assertTrue(failed.clearTaskState());
    }

    private void snapshot(String instanceId, String imageId, String requestId) {
        messaging.cast(ComputeTopics.computeHost(host()), SnapshotInstance.TYPE,
                SnapshotInstance.snapshot(instanceId, imageId, requestId)).join();
    }

    @Test
    void aBackupKeepsTheNewestOfItsTypeAndDeletesTheOlderOnes() {
        String id = buildActive("backed-up").instanceId();
        java.time.Instant now = java.time.Instant.now();
        String oldest = UUID.randomUUID().toString();
        String older = UUID.randomUUID().toString();
        String weekly = UUID.randomUUID().toString();
        String fresh = UUID.randomUUID().toString();
        ImageServiceStub.BACKUPS.add(new ImageServiceStub.Backup(oldest, id, "daily", now.minusSeconds(300)));
        ImageServiceStub.BACKUPS.add(new ImageServiceStub.Backup(older, id, "daily", now.minusSeconds(200)));
        ImageServiceStub.BACKUPS.add(new ImageServiceStub.Backup(weekly, id, "weekly", now.minusSeconds(400)));
        ImageServiceStub.BACKUPS.add(new ImageServiceStub.Backup(fresh, id, "daily", now));

        messaging.cast(ComputeTopics.computeHost(host()), SnapshotInstance.TYPE,
                new SnapshotInstance(id, fresh, "req-backup", "daily", 2)).join();
        InstanceStateReport done = awaitEvent(id, "compute_backup_instance", "req-backup");
        assertEquals("Success", done.event().result());
        assertTrue(ImageServiceStub.UPLOADS.containsKey(fresh));
        assertTrue(ImageServiceStub.DELETED.contains(oldest), "beyond the rotation of 2");
        assertFalse(ImageServiceStub.DELETED.contains(older));
        assertFalse(ImageServiceStub.DELETED.contains(fresh));
        assertFalse(ImageServiceStub.DELETED.contains(weekly), "another type has a rotation of its own");
    }

    @Test
    void aSnapshotUploadsTheDiskAndLeavesTheServerAsItWas() {
        String id = buildActive("snap-me").instanceId();
        String image = UUID.randomUUID().toString();
        snapshot(id, image, "req-snap");
        InstanceStateReport done = awaitEvent(id, "compute_snapshot_instance", "req-snap");
        assertEquals("Success", done.event().result());
        assertTrue(done.clearTaskState());
        assertNull(done.vmState(), "the server's state does not change");
        List<String> tasks = recorder.reportsFor(id).stream().map(InstanceStateReport::taskState)
                .filter(t -> t != null && t.startsWith("image_")).toList();
        assertEquals(List.of("image_pending_upload", "image_uploading"), tasks);
        String uploaded = new String(ImageServiceStub.UPLOADS.get(image), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(uploaded.startsWith("QFI") && uploaded.contains(id), uploaded);
        assertEquals(PowerState.RUNNING, driver.powerState(id));
    }

    @Test
    void aFailedSnapshotDeletesItsImageAndReportsWhy() {
        String id = buildActive("snap-refused").instanceId();
        String image = "refuse-" + UUID.randomUUID();
        snapshot(id, image, "req-snap-refused");
        InstanceStateReport failed = awaitEvent(id, "compute_snapshot_instance", "req-snap-refused");
        assertEquals("Error", failed.event().result());
        assertTrue(failed.clearTaskState());
        assertTrue(failed.event().details().contains("HTTP 413"), failed.event().details());
        assertTrue(ImageServiceStub.DELETED.contains(image), "the failed snapshot's image is deleted");

        String unknown = UUID.randomUUID().toString();
        String gone = UUID.randomUUID().toString();
        snapshot(unknown, gone, "req-snap-unknown");
        assertEquals("Error", awaitEvent(unknown, "compute_snapshot_instance", "req-snap-unknown").event().result());
        assertTrue(ImageServiceStub.DELETED.contains(gone));
    }

    @Test
    void aFailedSpawnCleansUpAndGoesBackToTheSchedulerWhileAttemptsRemain() {
        InstanceBuild instance = TestInstances.instance("retry-me", Map.of("fake_fail_spawn_host", host()));
        String id = instance.instanceId();
        cast(TestInstances.build(instance, host(), 1, 3));

        RescheduleInstance reschedule = recorder.await(() -> recorder.reschedules.stream()
                .filter(r -> r.build().instance().instanceId().equals(id)).findFirst().orElse(null), "a reschedule");
        assertEquals(host(), reschedule.failedHost());
        assertTrue(reschedule.reason().contains("spawning fails on host " + host()), reschedule.reason());
        assertEquals(1, reschedule.build().attempt());

        InstanceStateReport back = recorder.awaitReport(id, r -> "scheduling".equals(r.taskState()));
        assertEquals("", back.host(), "host cleared");
        assertEquals("Error", back.event().result());
        assertNull(back.fault(), "no ERROR while attempts remain");
        assertFalse(driver.listGuests().containsKey(id), "cleaned up");
        assertTrue(node.registry().get(id).isEmpty());
    }

    @Test
    void withNoAttemptLeftTheNodeLeavesTheErrorReportToTheScheduler() {
        InstanceBuild instance = TestInstances.instance("last-try", Map.of("fake_fail_spawn_host", host()));
        String id = instance.instanceId();
        cast(TestInstances.build(instance, host(), 3, 3));
        recorder.await(() -> recorder.reschedules.stream()
                .filter(r -> r.build().instance().instanceId().equals(id)).findFirst().orElse(null), "a reschedule");
        InstanceStateReport failed = recorder.awaitReport(id, r -> r.event() != null && "Error".equals(r.event().result()));
        assertNull(failed.vmState());
        assertNull(failed.taskState());
        assertFalse(failed.clearTaskState());
        assertTrue(recorder.reportsFor(id).stream().noneMatch(r -> "error".equals(r.vmState())));
    }

    @Test
    void aFailingHostDoesNotFailTheOthers() {
        String other = ComputeTopicsHosts.other(nodes, host());
        InstanceBuild instance = TestInstances.instance("picky", Map.of("fake_fail_spawn_host", host()));
        cast(TestInstances.build(instance, other, 1, 3));
        InstanceStateReport active = recorder.awaitReport(instance.instanceId(), r -> "active".equals(r.vmState()));
        assertEquals(other, active.host());
    }

    @Test
    void consoleOutputComesFromTheGuest() throws Exception {
        String id = buildActive("console").instanceId();
        ConsoleOutput all = messaging.call(ComputeTopics.computeHost(host()), ConsoleOutputRequest.TYPE,
                new ConsoleOutputRequest(id, null), ConsoleOutput.TYPE).get();
        assertTrue(all.output().contains("Linux version"), all.output());
        assertTrue(all.output().contains("console login:"), all.output());
        ConsoleOutput last = messaging.call(ComputeTopics.computeHost(host()), ConsoleOutputRequest.TYPE,
                new ConsoleOutputRequest(id, 1), ConsoleOutput.TYPE).get();
        assertEquals("console login:\n", last.output());

        ExecutionException missing = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> messaging.call(ComputeTopics.computeHost(host()), ConsoleOutputRequest.TYPE,
                        new ConsoleOutputRequest(UUID.randomUUID().toString(), null), ConsoleOutput.TYPE).get());
        assertTrue(missing.getCause() instanceof RemoteCallException, missing.getCause().toString());
    }

    @Test
    void aGuestShutDownFromInsideIsReportedStopped() throws Exception {
        String id = buildActive("shut-inside").instanceId();
        driver.simulateGuestStateChange(id, PowerState.SHUTDOWN);
        InstanceStateReport stopped = recorder.awaitReport(id, r -> "stopped".equals(r.vmState()));
        assertEquals(4, stopped.powerState());
        assertNull(stopped.event());
        assertFalse(stopped.clearTaskState(), "a sync report leaves the task state alone");
    }

    @Test
    void thePeriodicSyncFindsStatesWhoseEventsWereLost() throws Exception {
        String id = buildActive("lost-event").instanceId();
        driver.changeStateSilently(id, PowerState.PAUSED);
        // The sync that the build's own lifecycle event queued may run first and find the change itself;
        // either way one report of the paused state must come.
        node.syncPowerStates();
        InstanceStateReport paused = recorder.awaitReport(id, r -> Integer.valueOf(3).equals(r.powerState()));
        assertEquals("paused", paused.vmState());
        assertEquals(0, node.syncPowerStates(), "nothing left to report");
    }

    /** Picks another simulated host of the process. */
    static final class ComputeTopicsHosts {
        static String other(ComputeNodes nodes, String not) {
            return nodes.all().stream().map(ComputeNode::host).filter(h -> !h.equals(not)).findFirst().orElseThrow();
        }
    }
}
