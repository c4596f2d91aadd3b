package dev.stratus.compute.node;

import dev.stratus.common.compute.AttachInterface;
import dev.stratus.common.compute.DetachInterface;
import dev.stratus.common.compute.InterfaceResult;
import dev.stratus.common.compute.BuildInstance;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.ConsoleOutput;
import dev.stratus.common.compute.ConsoleOutputRequest;
import dev.stratus.common.compute.DeleteInstance;
import dev.stratus.common.compute.DestroyEvacuated;
import dev.stratus.common.compute.EvacuateInstance;
import dev.stratus.common.compute.DiagnosticsRequest;
import dev.stratus.common.compute.DiagnosticsResult;
import dev.stratus.common.compute.InstanceAction;
import dev.stratus.common.compute.LiveMigrateInstance;
import dev.stratus.common.compute.MoveInstance;
import dev.stratus.common.compute.AdminPasswordResult;
import dev.stratus.common.compute.RebuildInstance;
import dev.stratus.common.compute.SerialConsoleRequest;
import dev.stratus.common.compute.SetAdminPassword;
import dev.stratus.common.compute.ShelveInstance;
import dev.stratus.common.compute.RescueInstance;
import dev.stratus.common.compute.SnapshotInstance;
import dev.stratus.common.compute.ServiceHeartbeat;
import dev.stratus.common.compute.GuestConsoleEndpoint;
import dev.stratus.common.compute.VncConsoleRequest;
import dev.stratus.common.messaging.Messaging;
import dev.stratus.compute.node.build.GuestPreparation;
import dev.stratus.compute.node.handler.AttachInterfaceHandler;
import dev.stratus.compute.node.handler.BuildInstanceHandler;
import dev.stratus.compute.node.handler.DetachInterfaceHandler;
import dev.stratus.compute.node.handler.ConsoleOutputHandler;
import dev.stratus.compute.node.handler.DeleteInstanceHandler;
import dev.stratus.compute.node.handler.DestroyEvacuatedHandler;
import dev.stratus.compute.node.handler.EvacuateInstanceHandler;
import dev.stratus.compute.node.handler.DiagnosticsHandler;
import dev.stratus.compute.node.handler.InstanceActionHandler;
import dev.stratus.compute.node.handler.LiveMigrationHandler;
import dev.stratus.compute.node.handler.MoveInstanceHandler;
import dev.stratus.compute.node.handler.RebuildInstanceHandler;
import dev.stratus.compute.node.handler.SerialConsoleHandler;
import dev.stratus.compute.node.handler.SetAdminPasswordHandler;
import dev.stratus.compute.node.handler.ShelveInstanceHandler;
import dev.stratus.compute.node.handler.RescueInstanceHandler;
import dev.stratus.compute.node.handler.SnapshotInstanceHandler;
import dev.stratus.compute.node.handler.VncConsoleHandler;
import dev.stratus.compute.node.image.ImageSink;
import dev.stratus.compute.node.image.ImageCache;
import dev.stratus.compute.node.instance.InstanceRegistry;
import dev.stratus.compute.node.instance.TrackedInstance;
import dev.stratus.compute.node.network.HostNetworking;
import dev.stratus.compute.node.report.StateReporter;
import dev.stratus.compute.node.resources.HostResourcesReport;
import dev.stratus.compute.node.sync.PowerStateSync;
import dev.stratus.compute.node.virt.SerialConsoleSettings;
import dev.stratus.compute.node.virt.VirtDriver;
import dev.stratus.compute.node.virt.VncSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One compute host: its driver, its instances, its queue {@code compute.<host>} and its heartbeat. Several
 * can live in one process (simulated hosts with the fake driver), so everything that belongs to a host is
 * here and nothing in singletons.
 */
public class ComputeNode {

    /** The service binary name compute-api shows in {@code compute service list}. */
    public static final String BINARY = "nova-compute";

    /** What a node is made of; built by {@link ComputeNodes}. */
    public record Parts(String host, VirtDriver driver, HostNetworking networking, InstanceRegistry registry,
            StateReporter reporter, ImageCache imageCache, GuestPreparation preparation, PowerStateSync powerSync,
            HostResourcesReport.Offer offer, String hostIp, int shutdownTimeoutSeconds, ImageSink imageSink,
            Path snapshotDirectory, VncSettings vnc, SerialConsoleSettings serial) {
    }

    private final Parts parts;
    private final Messaging messaging;
    private final Clock clock;
    private final String version;
    private final Duration reportInterval;
    private volatile Instant startedAt;

    public ComputeNode(Parts parts, Messaging messaging, Clock clock, String version, Duration reportInterval) {
        this.parts = parts;
        this.messaging = messaging;
        this.clock = clock;
        this.version = version;
        this.reportInterval = reportInterval;
    }

    /** Restores the instances of a previous run and subscribes the host's queue. */
    public List<TrackedInstance> start() {
        List<TrackedInstance> restored = parts.registry().restore();
        parts.driver().onLifecycleEvent(parts.powerSync()::onEvent);
        String topic = ComputeTopics.computeHost(parts.host());
        messaging.subscribe(topic, BuildInstance.TYPE, new BuildInstanceHandler(parts.host(), parts.driver(),
                parts.registry(), parts.preparation(), parts.reporter(), messaging));
        messaging.subscribe(topic, InstanceAction.TYPE, new InstanceActionHandler(parts.driver(), parts.registry(),
                parts.reporter(), parts.shutdownTimeoutSeconds()));
        messaging.subscribe(topic, DeleteInstance.TYPE, new DeleteInstanceHandler(parts.driver(), parts.registry(),
                parts.preparation(), parts.reporter()));
        messaging.subscribe(topic, RebuildInstance.TYPE, new RebuildInstanceHandler(parts.driver(), parts.registry(),
                parts.preparation(), parts.reporter()));
        messaging.subscribe(topic, RescueInstance.TYPE, new RescueInstanceHandler(parts.driver(), parts.registry(),
                parts.preparation(), parts.reporter()));
        messaging.subscribe(topic, MoveInstance.TYPE, new MoveInstanceHandler(parts.driver(), parts.registry(),
                parts.preparation(), parts.reporter(), messaging, parts.shutdownTimeoutSeconds()));
        messaging.subscribe(topic, EvacuateInstance.TYPE, new EvacuateInstanceHandler(parts.driver(), parts.registry(),
                parts.preparation(), parts.reporter()));
        messaging.subscribe(topic, DestroyEvacuated.TYPE, new DestroyEvacuatedHandler(parts.driver(),
                parts.registry(), parts.preparation(), parts.reporter()));
        messaging.subscribe(topic, LiveMigrateInstance.TYPE, new LiveMigrationHandler(parts.driver(),
                parts.registry(), parts.preparation(), parts.reporter(), messaging));
        messaging.subscribe(topic, SnapshotInstance.TYPE, new SnapshotInstanceHandler(parts.driver(), parts.registry(),
                parts.imageSink(), parts.snapshotDirectory(), parts.reporter()));
        messaging.subscribe(topic, ShelveInstance.TYPE, new ShelveInstanceHandler(parts.driver(), parts.registry(),
                parts.preparation(), parts.imageSink(), parts.snapshotDirectory(), parts.reporter(),
                parts.shutdownTimeoutSeconds()));
        messaging.serve(topic, ConsoleOutputRequest.TYPE, ConsoleOutput.TYPE, new ConsoleOutputHandler(parts.driver()));
        messaging.serve(topic, SetAdminPassword.TYPE, AdminPasswordResult.TYPE, new SetAdminPasswordHandler(
                parts.driver(), parts.registry(), parts.reporter()));
        messaging.serve(topic, AttachInterface.TYPE, InterfaceResult.TYPE, new AttachInterfaceHandler(parts.driver(),
                parts.registry(), parts.preparation(), parts.reporter()));
        messaging.serve(topic, DetachInterface.TYPE, InterfaceResult.TYPE, new DetachInterfaceHandler(parts.driver(),
                parts.registry(), parts.preparation(), parts.reporter()));
        messaging.serve(topic, DiagnosticsRequest.TYPE, DiagnosticsResult.TYPE,
                new DiagnosticsHandler(parts.driver(), clock));
        messaging.serve(topic, VncConsoleRequest.TYPE, GuestConsoleEndpoint.TYPE,
                new VncConsoleHandler(parts.driver(), parts.vnc()));
        messaging.serve(topic, SerialConsoleRequest.TYPE, GuestConsoleEndpoint.TYPE,
                new SerialConsoleHandler(parts.driver(), parts.serial()));
        startedAt = clock.instant();
        return restored;
    }

    public String host() {
        return parts.host();
    }

    public VirtDriver driver() {
        return parts.driver();
    }

    public HostNetworking networking() {
        return parts.networking();
    }

    public InstanceRegistry registry() {
        return parts.registry();
    }

    public ImageCache imageCache() {
        return parts.imageCache();
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** The heartbeat as it would be sent now. */
    public ServiceHeartbeat heartbeat() {
        return new ServiceHeartbeat(parts.host(), BINARY, version, startedAt, clock.instant(),
                (int) Math.max(1, reportInterval.toSeconds()),
                HostResourcesReport.build(parts.driver().hostInventory(), parts.driver().capabilities(),
                        parts.hostIp(), parts.offer(), parts.registry().all()), parts.driver().hostUptime());
    }

    public CompletableFuture<Void> sendHeartbeat() {
        return messaging.broadcast(ComputeTopics.SERVICES_FANOUT, ServiceHeartbeat.TYPE, heartbeat());
    }

    public int syncPowerStates() {
        return parts.powerSync().syncAll();
    }

    /** Removes cached images none of this host's instances uses and unused for {@code maxUnusedAge}. */
    public List<String> cleanImageCache(Duration maxUnusedAge) {
        return parts.imageCache().removeUnused(GuestPreparation.imagesOf(
                parts.registry().all().stream().map(TrackedInstance::build).toList()), maxUnusedAge);
    }
}
