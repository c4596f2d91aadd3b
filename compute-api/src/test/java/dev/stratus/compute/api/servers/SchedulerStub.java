package dev.stratus.compute.api.servers;

import dev.stratus.common.compute.AdminPasswordResult;
import dev.stratus.common.compute.AttachInterface;
import dev.stratus.common.compute.CheckRebuildHost;
import dev.stratus.common.compute.HostCheck;
import dev.stratus.common.compute.InstanceFault;
import dev.stratus.common.compute.DetachInterface;
import dev.stratus.common.compute.InterfaceResult;
import dev.stratus.common.compute.CommitMoveAllocations;
import dev.stratus.common.compute.SetAdminPassword;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.DeleteInstance;
import dev.stratus.common.compute.DiagnosticsRequest;
import dev.stratus.common.compute.DiagnosticsResult;
import dev.stratus.common.compute.GuestDiagnostics;
import dev.stratus.common.compute.MoveInstance;
import dev.stratus.common.compute.ScheduleMove;
import dev.stratus.common.compute.GuestConsoleEndpoint;
import dev.stratus.common.compute.SerialConsoleRequest;
import dev.stratus.common.compute.VncConsoleRequest;
import dev.stratus.common.compute.ShelveInstance;
import dev.stratus.common.compute.ReturnAllocations;
import dev.stratus.common.compute.InstanceAction;
import dev.stratus.common.compute.RebuildInstance;
import dev.stratus.common.compute.RescueInstance;
import dev.stratus.common.compute.SnapshotInstance;
import dev.stratus.common.compute.ReleaseAllocations;
import dev.stratus.common.compute.ScheduleInstances;
import dev.stratus.common.messaging.MessageHandler;
import dev.stratus.common.messaging.Messaging;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Stands where the scheduler and one compute host would be: records the build requests and releases the
 * API sends to the scheduler topic and the actions, rebuilds and snapshots it casts to {@code compute.<HOST>}.
 */
public final class SchedulerStub {

    public static final String HOST = "api-test-host";
    /** Where moves from {@link #HOST} go. */
    public static final String OTHER_HOST = "api-test-host-2";

    public final List<ScheduleInstances> schedules = new CopyOnWriteArrayList<>();
    public final List<ReleaseAllocations> releases = new CopyOnWriteArrayList<>();
    public final List<InstanceAction> actions = new CopyOnWriteArrayList<>();
    public final List<RebuildInstance> rebuilds = new CopyOnWriteArrayList<>();
    /** The scheduler's checks of rebuilds with a new image; those of {@link #unfitForRebuild} instances are refused. */
    public final List<CheckRebuildHost> rebuildChecks = new CopyOnWriteArrayList<>();
    public final java.util.Set<String> unfitForRebuild = ConcurrentHashMap.newKeySet();
    public final List<SnapshotInstance> snapshots = new CopyOnWriteArrayList<>();
    public final List<RescueInstance> rescues = new CopyOnWriteArrayList<>();
    public final List<ScheduleMove> moveRequests = new CopyOnWriteArrayList<>();
    public final List<CommitMoveAllocations> commits = new CopyOnWriteArrayList<>();
    /** Move steps, with the host whose queue they reached. */
    public final List<Map.Entry<String, MoveInstance>> moveSteps = new CopyOnWriteArrayList<>();
    public final List<Map.Entry<String, DeleteInstance>> deletes = new CopyOnWriteArrayList<>();
    public final List<ShelveInstance> shelves = new CopyOnWriteArrayList<>();
    public final List<ReturnAllocations> returns = new CopyOnWriteArrayList<>();
    /** Passwords the host was asked to set; "agentless-..." ones are refused as by a guest without an agent. */
    public final List<SetAdminPassword> passwords = new CopyOnWriteArrayList<>();
    /** Diagnostics the host was asked for; answered from {@link #diagnosticsAnswers}, else with {@link #FIGURES}. */
    public final List<DiagnosticsRequest> diagnostics = new CopyOnWriteArrayList<>();
    public final Map<String, DiagnosticsResult> diagnosticsAnswers = new ConcurrentHashMap<>();
    /** NICs the host was asked to plug; one on {@link #UNPLUGGABLE_NET} fails as a hypervisor refusing it. */
    /** VNC consoles the host was asked for; answered from {@link #vncAnswers}, else with {@link #vncDefault}. */
    public final List<VncConsoleRequest> vncRequests = new CopyOnWriteArrayList<>();
    public final Map<String, GuestConsoleEndpoint> vncAnswers = new ConcurrentHashMap<>();
    public volatile GuestConsoleEndpoint vncDefault = GuestConsoleEndpoint.ready("127.0.0.1", 5900);
    public final List<SerialConsoleRequest> serialRequests = new CopyOnWriteArrayList<>();
    public final Map<String, GuestConsoleEndpoint> serialAnswers = new ConcurrentHashMap<>();
    /** As a host whose serial consoles are off (Nova's default). */
    public volatile GuestConsoleEndpoint serialDefault =
            GuestConsoleEndpoint.refused(GuestConsoleEndpoint.Outcome.UNAVAILABLE, "serial consoles are off");
    public final List<AttachInterface> attaches = new CopyOnWriteArrayList<>();
    /** NICs the host was asked to unplug; a port of {@link #stuckPorts} fails. */
    public final List<DetachInterface> detaches = new CopyOnWriteArrayList<>();
    public final java.util.Set<String> stuckPorts = ConcurrentHashMap.newKeySet();
    public static final String UNPLUGGABLE_NET = "0badc0de-0000-4000-8000-000000000001";

    /**
     * A running libvirt guest's figures: 1 vCPU, 512 MiB, a root disk, a NIC on its port's tap and one without a
     * host device; the uptime is counted from the launch the API sends.
     */
    public static final GuestDiagnostics FIGURES = new GuestDiagnostics("running", "libvirt", "kvm", "linux", null,
            true, new GuestDiagnostics.Memory(524_288L, 524_288L, Map.of("rss", 200_164L)),
            List.of(new GuestDiagnostics.Cpu(0, 17_300_000_000L)),
            List.of(new GuestDiagnostics.Disk("vda", 112L, 262_144L, 488L, 5_778_432L, -1L)),
            List.of(new GuestDiagnostics.Nic("fa:16:3e:4c:2c:30", "tap4c1f0e2a-9b", 2_070_139L, 26_701L, 0L, 0L,
                    140_208L, 662L, 0L, 0L), GuestDiagnostics.Nic.unmeasured("fa:16:3e:4c:2c:31")));

    private static SchedulerStub instance;

    private SchedulerStub() {
    }

    /** One stub per test JVM: a topic takes one handler per message type. */
    public static synchronized SchedulerStub attach(Messaging messaging) throws Exception {
        if (instance == null) {
            SchedulerStub stub = new SchedulerStub();
            messaging.subscribe(ComputeTopics.SCHEDULER, ScheduleInstances.TYPE,
                    MessageHandler.blocking((m, ctx) -> stub.schedules.add(m)));
            messaging.subscribe(ComputeTopics.SCHEDULER, ReleaseAllocations.TYPE,
                    MessageHandler.blocking((m, ctx) -> stub.releases.add(m)));
            messaging.subscribe(ComputeTopics.computeHost(HOST), InstanceAction.TYPE,
                    MessageHandler.blocking((m, ctx) -> stub.actions.add(m)));
            messaging.subscribe(ComputeTopics.computeHost(HOST), RebuildInstance.TYPE,
                    MessageHandler.blocking((m, ctx) -> stub.rebuilds.add(m)));
            messaging.subscribe(ComputeTopics.computeHost(HOST), SnapshotInstance.TYPE,
                    MessageHandler.blocking((m, ctx) -> stub.snapshots.add(m)));
            messaging.subscribe(ComputeTopics.computeHost(HOST), RescueInstance.TYPE,
                    MessageHandler.blocking((m, ctx) -> stub.rescues.add(m)));
            messaging.serve(ComputeTopics.SCHEDULER, CheckRebuildHost.TYPE, HostCheck.TYPE, (m, ctx) -> {
                stub.rebuildChecks.add(m);
                return java.util.concurrent.CompletableFuture.completedFuture(
                        stub.unfitForRebuild.contains(m.instanceId())
                                ? HostCheck.refused(new InstanceFault(500,
                                        "No valid host was found. There are not enough hosts available.",
                                        "ImagePropertiesFilter: architecture unicore32 not supported"))
                                : HostCheck.PASSES);
            });
            messaging.subscribe(ComputeTopics.SCHEDULER, ScheduleMove.TYPE,
                    MessageHandler.blocking((m, ctx) -> stub.moveRequests.add(m)));
            messaging.subscribe(ComputeTopics.SCHEDULER, CommitMoveAllocations.TYPE,
                    MessageHandler.blocking((m, ctx) -> stub.commits.add(m)));
            for (String host : List.of(HOST, OTHER_HOST)) {
                messaging.subscribe(ComputeTopics.computeHost(host), MoveInstance.TYPE,
                        MessageHandler.blocking((m, ctx) -> stub.moveSteps.add(Map.entry(host, m))));
            }
            messaging.subscribe(ComputeTopics.computeHost(OTHER_HOST), DeleteInstance.TYPE,
                    MessageHandler.blocking((m, ctx) -> stub.deletes.add(Map.entry(OTHER_HOST, m))));
            messaging.subscribe(ComputeTopics.computeHost(HOST), ShelveInstance.TYPE,
                    MessageHandler.blocking((m, ctx) -> stub.shelves.add(m)));
            messaging.subscribe(ComputeTopics.SCHEDULER, ReturnAllocations.TYPE,
                    MessageHandler.blocking((m, ctx) -> stub.returns.add(m)));
            messaging.serve(ComputeTopics.computeHost(HOST), SetAdminPassword.TYPE, AdminPasswordResult.TYPE,
                    (m, ctx) -> {
                        stub.passwords.add(m);
                        return java.util.concurrent.CompletableFuture.completedFuture(m.password().startsWith("agentless")
                                ? new AdminPasswordResult(AdminPasswordResult.Outcome.AGENT_NOT_ENABLED,
                                        "QEMU guest agent is not enabled")
                                : new AdminPasswordResult(AdminPasswordResult.Outcome.SET, null));
                    });
            messaging.serve(ComputeTopics.computeHost(HOST), AttachInterface.TYPE, InterfaceResult.TYPE, (m, ctx) -> {
                stub.attaches.add(m);
                return java.util.concurrent.CompletableFuture.completedFuture(
                        UNPLUGGABLE_NET.equals(m.network().networkId())
                                ? new InterfaceResult(InterfaceResult.Outcome.FAILED, "device refused")
                                : InterfaceResult.done());
            });
            messaging.serve(ComputeTopics.computeHost(HOST), DetachInterface.TYPE, InterfaceResult.TYPE, (m, ctx) -> {
                stub.detaches.add(m);
                return java.util.concurrent.CompletableFuture.completedFuture(stub.stuckPorts.contains(m.portId())
                        ? new InterfaceResult(InterfaceResult.Outcome.FAILED, "device busy")
                        : InterfaceResult.done());
            });
            messaging.serve(ComputeTopics.computeHost(HOST), DiagnosticsRequest.TYPE, DiagnosticsResult.TYPE,
                    (m, ctx) -> {
                        stub.diagnostics.add(m);
                        Long uptime = m.launchedAt() == null ? null
                                : Duration.between(m.launchedAt(), java.time.Instant.now()).toSeconds();
                        return java.util.concurrent.CompletableFuture.completedFuture(stub.diagnosticsAnswers
                                .getOrDefault(m.instanceId(), DiagnosticsResult.reported(FIGURES.withUptime(uptime))));
                    });
            messaging.serve(ComputeTopics.computeHost(HOST), VncConsoleRequest.TYPE, GuestConsoleEndpoint.TYPE,
                    (m, ctx) -> {
                        stub.vncRequests.add(m);
                        return java.util.concurrent.CompletableFuture.completedFuture(
                                stub.vncAnswers.getOrDefault(m.instanceId(), stub.vncDefault));
                    });
            messaging.serve(ComputeTopics.computeHost(HOST), SerialConsoleRequest.TYPE, GuestConsoleEndpoint.TYPE,
                    (m, ctx) -> {
                        stub.serialRequests.add(m);
                        return java.util.concurrent.CompletableFuture.completedFuture(
                                stub.serialAnswers.getOrDefault(m.instanceId(), stub.serialDefault));
                    });
            messaging.ready().get(30, TimeUnit.SECONDS);
            instance = stub;
        }
        return instance;
    }

    public ScheduleInstances awaitSchedule(String instanceId) {
        return await(() -> schedules.stream()
                .filter(s -> s.instances().stream().anyMatch(i -> i.instanceId().equals(instanceId)))
                .findFirst().orElse(null), "a build request for " + instanceId);
    }

    public ReleaseAllocations awaitRelease(String instanceId) {
        return await(() -> releases.stream().filter(r -> r.instanceIds().contains(instanceId)).findFirst()
                .orElse(null), "a release of " + instanceId);
    }

    public InstanceAction awaitAction(String instanceId, Predicate<InstanceAction> matching) {
        return await(() -> actions.stream().filter(a -> a.instanceId().equals(instanceId)).filter(matching)
                .findFirst().orElse(null), "an action on " + instanceId + "; got " + actions);
    }

    public RebuildInstance awaitRebuild(String actionRequestId) {
        return await(() -> rebuilds.stream().filter(r -> r.actionRequestId().equals(actionRequestId)).findFirst()
                .orElse(null), "a rebuild with request " + actionRequestId);
    }

    public SnapshotInstance awaitSnapshot(String actionRequestId) {
        return await(() -> snapshots.stream().filter(r -> r.actionRequestId().equals(actionRequestId)).findFirst()
                .orElse(null), "a snapshot with request " + actionRequestId);
    }

    public RescueInstance awaitRescue(String actionRequestId) {
        return await(() -> rescues.stream().filter(r -> r.actionRequestId().equals(actionRequestId)).findFirst()
                .orElse(null), "a rescue with request " + actionRequestId);
    }

    public ScheduleMove awaitMoveRequest(String actionRequestId) {
        return await(() -> moveRequests.stream().filter(r -> r.move().actionRequestId().equals(actionRequestId))
                .findFirst().orElse(null), "a move request with request " + actionRequestId);
    }

    /** The step sent with this request id, and the host it was sent to. */
    public Map.Entry<String, MoveInstance> awaitMoveStep(String actionRequestId, MoveInstance.Step step) {
        return await(() -> moveSteps.stream().filter(e -> e.getValue().step() == step
                && e.getValue().move().actionRequestId().equals(actionRequestId)).findFirst().orElse(null),
                "a " + step + " step with request " + actionRequestId + "; got " + moveSteps);
    }

    public ShelveInstance awaitShelve(String actionRequestId) {
        return await(() -> shelves.stream().filter(r -> r.actionRequestId().equals(actionRequestId)).findFirst()
                .orElse(null), "a shelve with request " + actionRequestId);
    }

    public ReturnAllocations awaitReturn(String instanceId) {
        return await(() -> returns.stream().filter(r -> r.instanceIds().contains(instanceId)).findFirst()
                .orElse(null), "the return of " + instanceId + "'s allocations");
    }

    public CommitMoveAllocations awaitCommit(String migrationId) {
        return await(() -> commits.stream().filter(c -> c.migrationId().equals(migrationId)).findFirst()
                .orElse(null), "a commit of move " + migrationId);
    }

    static <T> T await(Supplier<T> probe, String what) {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < end) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
