package dev.stratus.compute.node;

import dev.stratus.common.auth.ServiceToken;
import dev.stratus.common.messaging.Messaging;
import dev.stratus.compute.node.build.GuestPreparation;
import dev.stratus.compute.node.config.ComputeNodeConfig;
import dev.stratus.compute.node.virt.SerialConsoleSettings;
import dev.stratus.compute.node.virt.VncSettings;
import dev.stratus.compute.node.driver.BackendSelector;
import dev.stratus.compute.node.driver.HypervisorBackend;
import dev.stratus.compute.node.image.ImageCache;
import dev.stratus.compute.node.image.ImageServiceClient;
import dev.stratus.compute.node.instance.FileInstanceRecords;
import dev.stratus.compute.node.instance.GuestDirectories;
import dev.stratus.compute.node.instance.InstanceRecords;
import dev.stratus.compute.node.instance.InstanceRegistry;
import dev.stratus.compute.node.network.HostNetworking;
import dev.stratus.compute.node.network.MeteredTraffic;
import dev.stratus.compute.node.network.ports.HostPorts;
import dev.stratus.compute.node.network.ports.NodeNetworking;
import dev.stratus.compute.node.report.ReportSequence;
import dev.stratus.compute.node.report.StateReporter;
import dev.stratus.compute.node.resources.HostResourcesReport;
import dev.stratus.compute.node.sync.PowerStateSync;
import dev.stratus.compute.node.virt.VirtDriver;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The compute nodes of this process: one per host the chosen backend serves. Builds them at start-up
 * (before messaging starts consuming, so their handlers are in place), then runs their periodic tasks:
 * heartbeats, power-state sync and image-cache clean-up, spread over the interval so that many simulated
 * hosts do not all report in the same millisecond.
 */
@ApplicationScoped
public class ComputeNodes {

    private static final Logger LOG = Logger.getLogger(ComputeNodes.class);

    private final ComputeNodeConfig config;
    private final BackendSelector selector;
    private final Messaging messaging;
    private final ServiceToken serviceToken;
    private final String version;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, ComputeNode> nodes = new LinkedHashMap<>();
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private ScheduledExecutorService timer;
    private ExecutorService workers;
    private volatile NodeNetworking networking;
    private volatile boolean started;

    public ComputeNodes(ComputeNodeConfig config, BackendSelector selector, Messaging messaging,
            ServiceToken serviceToken,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "0.1.0") String version) {
        this.config = config;
        this.selector = selector;
        this.messaging = messaging;
        this.serviceToken = serviceToken;
        this.version = version;
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    synchronized void start() {
        if (started) {
            return;
        }
        HypervisorBackend backend = selector.selected();
        workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("compute-node-task-", 0).factory());
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "compute-node-timer");
            t.setDaemon(true);
            return t;
        });
        String configuredHost = config.host().filter(h -> !h.isBlank()).orElseGet(HostAddress::hostName);
        String hostIp = config.myIp().filter(ip -> !ip.isBlank()).orElseGet(HostAddress::primaryIp);
        ImageServiceClient images = new ImageServiceClient(config.imageUrl(),
                serviceToken.isConfigured() ? serviceToken : null, config.imageCache().downloadTimeout());
        HostResourcesReport.Offer offer = HostResourcesReport.Offer.of(config);
        networking = new NodeNetworking(config, serviceToken, messaging, workers);
        networking.subscribe();
        List<String> hosts = backend.hosts(configuredHost);
        for (String host : hosts) {
            ComputeNode node = create(backend, host, hosts.size() > 1, hostIp, images, offer);
            int restored = node.start().size();
            nodes.put(host, node);
            LOG.infof("Compute node %s started with the %s driver%s", host, backend.name(),
                    restored > 0 ? ", " + restored + " instance(s) restored" : "");
        }
        schedule();
        // A restarted node rebuilds its plumbing from the ports bound to it.
        networking.reconcileAll();
        started = true;
    }

    private ComputeNode create(HypervisorBackend backend, String host, boolean simulated, String hostIp,
            ImageServiceClient images, HostResourcesReport.Offer offer) {
        VirtDriver driver = backend.driver(host);
        HostNetworking hostNetworking = backend.networking(host);
        Path instances = Path.of(config.instancesDirectory());
        if (simulated) {
            // Simulated hosts of one process must not share a cache or guest directories.
            instances = instances.resolve(host);
        }
        Path cacheDirectory = config.imageCache().directory().filter(d -> !simulated).map(Path::of)
                .orElse(instances.resolve("_base"));
        GuestDirectories directories = backend.persistent() ? new GuestDirectories(instances) : null;
        InstanceRecords records = directories != null ? new FileInstanceRecords(directories) : InstanceRecords.NONE;
        InstanceRegistry registry = new InstanceRegistry(records);
        HostPorts ports = networking.forHost(host, hostNetworking, registry);
        StateReporter reporter = new StateReporter(messaging, host, driver.hostInventory().hypervisorHostname(),
                new ReportSequence(clock), clock);
        ImageCache cache = new ImageCache(cacheDirectory, images, clock);
        GuestPreparation preparation = new GuestPreparation(driver.capabilities(), cache, images, hostNetworking,
                ports, directories, new GuestPreparation.Settings(config.bridge(), config.defaultKernelCommandLine(),
                        config.forceConfigDrive()));
        PowerStateSync sync = new PowerStateSync(driver, registry, reporter, workers);
        ComputeNode.Parts parts = new ComputeNode.Parts(host, driver, hostNetworking, registry, reporter, cache,
                preparation, sync, offer, hostIp, (int) config.shutdownTimeout().toSeconds(), images,
                instances.resolve("_snapshots"), VncSettings.of(config.vnc()),
                SerialConsoleSettings.of(config.serialConsole()));
        return new ComputeNode(parts, messaging, clock, version, config.reportInterval());
    }

    private void schedule() {
        long heartbeatMillis = Math.max(100, config.reportInterval().toMillis());
        long syncMillis = Math.max(1000, config.powerSyncInterval().toMillis());
        Duration maxUnusedAge = config.imageCache().maxUnusedAge();
        long cleanupMillis = Math.max(1000, config.imageCache().cleanupInterval().toMillis());
        int count = nodes.size();
        int i = 0;
        for (ComputeNode node : nodes.values()) {
            long offset = heartbeatMillis * i / count;
            tasks.add(timer.scheduleAtFixedRate(() -> workers.execute(() -> heartbeat(node)), offset, heartbeatMillis,
                    TimeUnit.MILLISECONDS));
            tasks.add(timer.scheduleAtFixedRate(() -> workers.execute(() -> syncPowerStates(node)),
                    syncMillis + syncMillis * i / count, syncMillis, TimeUnit.MILLISECONDS));
            if (node.driver().capabilities().needsImageData()) {
                tasks.add(timer.scheduleAtFixedRate(() -> workers.execute(() -> node.cleanImageCache(maxUnusedAge)),
                        cleanupMillis, cleanupMillis, TimeUnit.MILLISECONDS));
            }
            i++;
        }
        if (networking.enabled()) {
            tasks.add(timer.scheduleAtFixedRate(() -> workers.execute(networking::reportAgents), 0, heartbeatMillis,
                    TimeUnit.MILLISECONDS));
            long reconcileMillis = Math.max(1000, config.network().reconcileInterval().toMillis());
            tasks.add(timer.scheduleAtFixedRate(networking::reconcileAll, reconcileMillis, reconcileMillis,
                    TimeUnit.MILLISECONDS));
            long measureMillis = Math.max(1000, config.network().metering().measureInterval().toMillis());
            long meterReportMillis = Math.max(1000, config.network().metering().reportInterval().toMillis());
            tasks.add(timer.scheduleAtFixedRate(() -> workers.execute(networking::measureAll), measureMillis,
                    measureMillis, TimeUnit.MILLISECONDS));
            tasks.add(timer.scheduleAtFixedRate(() -> workers.execute(networking::reportAll), meterReportMillis,
                    meterReportMillis, TimeUnit.MILLISECONDS));
        }
    }

    /** Per host, what each metering label counted there (empty without network-service). */
    public Map<String, Map<String, MeteredTraffic>> meteringTotals() {
        NodeNetworking current = networking;
        return current == null || !current.enabled() ? Map.of() : current.meteringTotals();
    }

    private static void heartbeat(ComputeNode node) {
        try {
            node.sendHeartbeat().whenComplete((ok, e) -> {
                if (e != null) {
                    LOG.warnf("Heartbeat of %s not sent: %s", node.host(), e.getMessage());
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf(e, "Heartbeat of %s failed", node.host());
        }
    }

    private static void syncPowerStates(ComputeNode node) {
        try {
            node.syncPowerStates();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Power state sync of %s failed", node.host());
        }
    }

    synchronized void stop() {
        tasks.forEach(t -> t.cancel(false));
        tasks.clear();
        if (timer != null) {
            timer.shutdownNow();
        }
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    public List<ComputeNode> all() {
        return List.copyOf(nodes.values());
    }

    public Optional<ComputeNode> node(String host) {
        return Optional.ofNullable(nodes.get(host));
    }

    public boolean isStarted() {
        return started;
    }
}
