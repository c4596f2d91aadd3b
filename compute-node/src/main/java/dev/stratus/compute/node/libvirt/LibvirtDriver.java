package dev.stratus.compute.node.libvirt;

import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.GuestDiagnostics;
import dev.stratus.compute.node.config.ComputeNodeConfig;
import dev.stratus.compute.node.libvirt.domain.DomainXmlParser;
import dev.stratus.compute.node.libvirt.domain.DomainXmlWriter;
import dev.stratus.compute.node.libvirt.domain.InstanceMetadata;
import dev.stratus.compute.node.libvirt.domain.XmlDocuments;
import dev.stratus.compute.node.libvirt.host.GuestDomain;
import dev.stratus.compute.node.libvirt.host.GuestLifecycleChange;
import dev.stratus.compute.node.libvirt.host.GuestState;
import dev.stratus.compute.node.libvirt.host.HostConnector;
import dev.stratus.compute.node.libvirt.host.HostNodeInfo;
import dev.stratus.compute.node.libvirt.host.LibvirtFailure;
import dev.stratus.compute.node.libvirt.host.LibvirtHost;
import dev.stratus.compute.node.virt.ConsoleEndpoint;
import dev.stratus.compute.node.virt.DriverCapabilities;
import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.HostInventory;
import dev.stratus.compute.node.virt.LifecycleEvent;
import dev.stratus.compute.node.virt.PasswordNotSettable;
import dev.stratus.compute.node.virt.PowerState;
import dev.stratus.compute.node.virt.VirtDriver;
import dev.stratus.compute.node.virt.VirtException;
import dev.stratus.compute.node.virt.VncSettings;
import io.quarkus.arc.Unremovable;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.w3c.dom.Element;

/**
 * QEMU guests through libvirt. Nothing here touches libvirt before the first call that needs it, so a node
 * configured with another driver never loads the native library. Calls on one instance are serialised;
 * calls on different instances run in parallel over the one shared connection.
 */
@ApplicationScoped
@Unremovable
public class LibvirtDriver implements VirtDriver {

    public static final String NAME = "libvirt";

    private static final Logger LOG = Logger.getLogger(LibvirtDriver.class);

    private final LibvirtSettings settings;

    private final HostSession session;

    private final VirtTypeResolver virtTypes;

    private final InstanceStorage storage;

    private final DomainBuilder domains;
    private final LibvirtInterfaces interfaces;

    private final GuestConsoles consoles;

    private final LibvirtRescue rescues;

    private final GuestPower power;

    private final LibvirtMoves moves;

    private final List<Consumer<LifecycleEvent>> listeners = new CopyOnWriteArrayList<>();

    private final Map<String, Object> instanceLocks = new ConcurrentHashMap<>();

    private volatile HostCapabilities capabilities;

    private volatile SpawnTimings lastSpawn;

    @Inject
    public LibvirtDriver(LibvirtSettings settings, ComputeNodeConfig node, HostConnector connector, DiskImages disks,
            ConfigDriveWriter configDrives, KvmProbe probe) {
        this(settings, VncSettings.of(node.vnc()), connector, disks, configDrives, new VirtTypeResolver(settings, probe));
    }

    /** With Nova's default VNC settings (a display on the loopback address). */
    public LibvirtDriver(LibvirtSettings settings, HostConnector connector, DiskImages disks,
            ConfigDriveWriter configDrives, KvmProbe probe) {
        this(settings, VncSettings.LOCAL, connector, disks, configDrives, new VirtTypeResolver(settings, probe));
    }

    LibvirtDriver(LibvirtSettings settings, HostConnector connector, DiskImages disks,
            ConfigDriveWriter configDrives, VirtTypeResolver virtTypes) {
        this(settings, VncSettings.LOCAL, connector, disks, configDrives, virtTypes);
    }

    LibvirtDriver(LibvirtSettings settings, VncSettings vnc, HostConnector connector, DiskImages disks,
            ConfigDriveWriter configDrives, VirtTypeResolver virtTypes) {
        this.settings = settings;
        this.session = new HostSession(settings.uri(), connector, this::lifecycleChanged);
        this.virtTypes = virtTypes;
        InstancePreparer preparer = new InstancePreparer(disks, configDrives);
        this.storage = new InstanceStorage(settings.instancesDirectory(), disks, preparer);
        this.domains = new DomainBuilder(settings, vnc);
        this.interfaces = new LibvirtInterfaces(domains);
        this.consoles = new GuestConsoles(settings, vnc, id -> lookup(host(), id));
        this.rescues = new LibvirtRescue(preparer, domains);
        this.power = new GuestPower(settings);
        this.moves = new LibvirtMoves(disks, domains, power);
    }

    @PreDestroy
    void close() {
        session.close();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DriverCapabilities capabilities() {
        return new DriverCapabilities(true, true, true, true, false);
    }

    /** The node runs on the hypervisor host: its uptime is this machine's. */
    @Override
    public String hostUptime() {
        return dev.stratus.compute.node.virt.HostUptime.ofThisHost();
    }

    /**
     * @throws IllegalStateException when libvirt cannot be reached: the node reports no inventory rather than
     *         a wrong one
     */
    @Override
    public HostInventory hostInventory() {
        try {
            LibvirtHost host = session.host();
            HostNodeInfo node = host.nodeInfo();
            HostCapabilities caps = capabilitiesUnchecked(host);
            return new HostInventory(host.hostname(), "QEMU", host.hypervisorVersion(), node.cpus(),
                    node.memoryKib() / 1024, storage.totalGb(), caps.cpuInfoJson());
        } catch (LibvirtFailure e) {
            throw new IllegalStateException("libvirt at " + settings.uri() + " cannot describe the host: "
                    + e.getMessage(), e);
        }
    }

    /** The virt type this driver uses on this host, deciding it (and probing KVM) on the first call. */
    public VirtTypeResolver.Decision virtType() throws VirtException {
        try {
            LibvirtHost host = session.host();
            return virtTypes.resolve(() -> capabilitiesUnchecked(host));
        } catch (LibvirtFailure e) {
            throw VirtFailures.of("The hypervisor on this host is not reachable", e);
        } catch (IllegalStateException e) {
            throw new VirtException("The hypervisor on this host cannot describe itself", e);
        }
    }

    // ---- spawn and destroy ------------------------------------------------------------------------

    @Override
    public void spawn(GuestSpec guest) throws VirtException {
        String id = requireId(guest.instanceId());
        synchronized (lockFor(id)) {
            long started = System.nanoTime();
            LibvirtHost host = host();
            Optional<GuestDomain> existing = lookup(host, id);
            if (existing.isPresent()) {
                finishExisting(id, existing.get());
                return;
            }
            String virtType = virtType().domainType();
            InstanceFiles files = filesOf(id);
            boolean newDirectory = !Files.isDirectory(files.directory());
            GuestDomain domain = null;
            try {
                long prepare = System.nanoTime();
                storage.prepare(guest, files);
                String xml = DomainXmlWriter.write(domains.build(guest, files, virtType, capabilities(host).arch()));
                long define = System.nanoTime();
                domain = host.define(xml);
                long start = System.nanoTime();
                domain.create();
                power.awaitRunning(domain);
                long end = System.nanoTime();
                lastSpawn = new SpawnTimings(id, virtType, ms(end - started), ms(define - prepare),
                        ms(start - define), ms(end - start));
                LOG.debugf("spawned %s: %s", id, lastSpawn);
            } catch (LibvirtFailure e) {
                cleanUpFailedSpawn(id, domain, files, newDirectory);
                throw VirtFailures.of("The hypervisor could not start the server", e);
            } catch (VirtException e) {
                cleanUpFailedSpawn(id, domain, files, newDirectory);
                throw e;
            } catch (IllegalArgumentException e) {
                cleanUpFailedSpawn(id, domain, files, newDirectory);
                throw new VirtException("The server's definition is invalid: " + e.getMessage(), e);
            }
        }
    }

    /** A repeated spawn: a running, paused or suspended guest is left alone; a defined one is started. */
    private void finishExisting(String id, GuestDomain domain) throws VirtException {
        try {
            if (domain.state() == GuestState.SHUTOFF && !domain.hasManagedSave()) {
                LOG.infof("instance %s was defined but not running: starting it", id);
                domain.create();
                power.awaitRunning(domain);
            }
        } catch (LibvirtFailure e) {
            throw VirtFailures.of("The hypervisor could not start the server", e);
        }
    }

    private void cleanUpFailedSpawn(String id, GuestDomain domain, InstanceFiles files, boolean newDirectory) {
        if (domain != null) {
            try {
                stopAndUndefine(domain);
            } catch (LibvirtFailure e) {
                LOG.warnf("instance %s: could not remove the domain of a failed spawn: %s", id, e.getMessage());
            }
        }
        if (newDirectory) {
            storage.removeAfterFailedSpawn(id, files);
        }
    }

    /** The timings of the last successful spawn that defined a domain, for measurements. */
    public SpawnTimings lastSpawnTimings() {
        return lastSpawn;
    }

    @Override
    public void destroy(String instanceId) throws VirtException {
        String id = requireId(instanceId);
        synchronized (lockFor(id)) {
            try {
                Optional<GuestDomain> domain = lookup(host(), id);
                if (domain.isPresent()) {
                    stopAndUndefine(domain.get());
                }
            } catch (LibvirtFailure e) {
                throw VirtFailures.of("The hypervisor could not delete the server", e);
            }
            storage.remove(id);
        }
        instanceLocks.remove(id);
    }

    private static void stopAndUndefine(GuestDomain domain) throws LibvirtFailure {
        try {
            if (domain.state().isActive()) {
                domain.destroy();
            }
            domain.undefine();
        } catch (LibvirtFailure e) {
            // gone meanwhile (or stopped between state and destroy): what we wanted
            if (e.reason() != LibvirtFailure.Reason.NO_DOMAIN) {
                if (e.reason() != LibvirtFailure.Reason.INVALID_STATE) {
                    throw e;
                }
                domain.undefine();
            }
        }
    }

    // ---- power ------------------------------------------------------------------------------------

    @Override
    public void powerOn(String instanceId) throws VirtException {
        withGuest(instanceId, "The server could not be started", domain -> {
            GuestState state = domain.state();
            if (state == GuestState.CRASHED) {
                domain.destroy();
                state = GuestState.SHUTOFF;
            }
            if (state == GuestState.SHUTOFF) {
                power.startOrRestore(domain);
            }
        });
    }

    @Override
    public void powerOff(String instanceId, boolean graceful, int timeoutSeconds) throws VirtException {
        Duration timeout = power.shutdownTimeout(timeoutSeconds);
        withGuest(instanceId, "The server could not be stopped",
                domain -> power.stop(instanceId, domain, graceful, timeout));
    }

    @Override
    public void reboot(String instanceId, boolean hard) throws VirtException {
        withGuest(instanceId, "The server could not be rebooted", domain -> {
            GuestState state = domain.state();
            if (!hard && (state == GuestState.RUNNING || state == GuestState.BLOCKED)) {
                if (power.shutDownGracefully(domain, settings.rebootTimeout())) {
                    domain.create();
                    power.awaitRunning(domain);
                    return;
                }
                LOG.infof("instance %s did not shut down within %s s for a soft reboot: rebooting it hard",
                        instanceId, settings.rebootTimeout().toSeconds());
            }
            if (domain.state().isActive()) {
                power.forceOff(domain);
            }
            if (domain.hasManagedSave()) {
                domain.discardManagedSave();
            }
            domain.create();
            power.awaitRunning(domain);
        });
    }

    @Override
    public void pause(String instanceId) throws VirtException {
        withGuest(instanceId, "The server could not be paused", domain -> {
            GuestState state = domain.state();
            if (state == GuestState.PAUSED) {
                return;
            }
            requireRunning(state, "paused");
            domain.pause();
        });
    }

    @Override
    public void unpause(String instanceId) throws VirtException {
        withGuest(instanceId, "The server could not be unpaused", domain -> {
            GuestState state = domain.state();
            if (state == GuestState.RUNNING || state == GuestState.BLOCKED) {
                return;
            }
            if (state != GuestState.PAUSED) {
                throw new VirtException("The server is not paused");
            }
            domain.unpause();
        });
    }

    @Override
    public void suspend(String instanceId) throws VirtException {
        withGuest(instanceId, "The server could not be suspended", domain -> {
            GuestState state = domain.state();
            if (state == GuestState.SHUTOFF && domain.hasManagedSave()) {
                return;
            }
            if (state != GuestState.PAUSED) {
                requireRunning(state, "suspended");
            }
            domain.managedSave();
        });
    }

    @Override
    public void resume(String instanceId) throws VirtException {
        withGuest(instanceId, "The server could not be resumed", domain -> {
            GuestState state = domain.state();
            if (state == GuestState.RUNNING || state == GuestState.BLOCKED) {
                return;
            }
            if (state != GuestState.SHUTOFF || !domain.hasManagedSave()) {
                throw new VirtException("The server is not suspended");
            }
            power.startOrRestore(domain);
        });
    }

    private static void requireRunning(GuestState state, String action) throws VirtException {
        if (state != GuestState.RUNNING && state != GuestState.BLOCKED) {
            throw new VirtException("The server is not running, so it cannot be " + action);
        }
    }

    /** Nova's cold snapshot without the save: the vCPUs stop while qemu-img copies the disk. */
    @Override
    public void snapshot(String instanceId, Path target) throws VirtException {
        withGuest(instanceId, "The server's disk could not be snapshotted", domain -> {
            GuestState state = domain.state();
            boolean pause = state == GuestState.RUNNING || state == GuestState.BLOCKED;
            if (pause) {
                domain.pause();
            }
            try {
                storage.copyRootDisk(instanceId, target);
            } finally {
                if (pause) {
                    domain.unpause();
                }
            }
        });
    }

    // ---- rescue -----------------------------------------------------------------------------------

    /**
     * The rescue files are laid out while the guest still runs (a rescue image that cannot be used leaves it
     * untouched); then the guest is forced off, its inactive definition kept, and the rescue definition, under the
     * same name and UUID, started: a legacy one, or the guest's own with the rescue device added for a stable
     * device rescue ({@link StableDeviceRescue}). A rescue domain that does not start gives way to the guest's own
     * again.
     */
    @Override
    public void rescue(GuestSpec rescue) throws VirtException {
        String id = requireId(rescue.instanceId());
        InstanceFiles files = filesOf(id);
        String virtType = virtType().domainType();
        withGuest(id, "The server could not be rescued", domain -> {
            if (LibvirtRescue.isRescued(files)) {
                if (!domain.state().isActive()) {
                    domain.create();
                    power.awaitRunning(domain);
                }
                return;
            }
            LibvirtHost host = host();
            LibvirtRescue.Definition rescueXml = rescues.prepare(rescue, files, virtType, capabilities(host).arch());
            boolean wasActive = domain.state().isActive();
            power.forceOff(domain);
            String original = domain.xml();
            rescues.keep(files, original);
            try {
                GuestDomain rescued = host.define(rescueXml.from(original));
                rescued.create();
                power.awaitRunning(rescued);
            } catch (LibvirtFailure | VirtException e) {
                LOG.warnf("instance %s: the rescue domain did not start (%s); restoring the server's own", id,
                        e.getMessage());
                restore(host, id, original, wasActive);
                rescues.cleanUp(files);
                throw e;
            }
        });
    }

    private void restore(LibvirtHost host, String id, String originalXml, boolean start) {
        try {
            Optional<GuestDomain> current = lookup(host, id);
            if (current.isPresent()) {
                power.forceOff(current.get());
            }
            GuestDomain own = host.define(originalXml);
            if (start) {
                own.create();
            }
        } catch (LibvirtFailure | VirtException e) {
            LOG.errorf("instance %s: its own definition could not be restored after a failed rescue: %s", id,
                    e.getMessage());
        }
    }

    /**
     * Nova's libvirt driver sets passwords through the QEMU guest agent; the domains made here have no agent
     * channel (images do not ask for one with {@code hw_qemu_guest_agent}), so every guest refuses, as Nova's
     * does without the agent.
     */
    @Override
    public void setAdminPassword(String instanceId, String password) throws VirtException {
        requireId(instanceId);
        throw new PasswordNotSettable("QEMU guest agent is not enabled", true);
    }

    /** A virtio NIC hot-plugged as Nova's driver does it ({@link LibvirtInterfaces}). */
    @Override
    public void attachInterface(String instanceId, GuestSpec.GuestNic nic) throws VirtException {
        withGuest(instanceId, "The interface could not be attached", domain -> interfaces.attach(domain, nic));
    }

    @Override
    public void detachInterface(String instanceId, String macAddress) throws VirtException {
        withGuest(instanceId, "The interface could not be detached", domain -> interfaces.detach(domain, macAddress));
    }

    @Override
    public void unrescue(String instanceId) throws VirtException {
        String id = requireId(instanceId);
        InstanceFiles files = filesOf(id);
        withGuest(id, "The server could not be unrescued", domain -> {
            if (!LibvirtRescue.isRescued(files)) {
                return;
            }
            String original = rescues.original(files);
            power.forceOff(domain);
            GuestDomain own = host().define(original);
            own.create();
            power.awaitRunning(own);
            rescues.cleanUp(files);
        });
    }

    // ---- cold moves: resizes on this host, in LibvirtMoves ---------------------------------------------

    @Override
    public void migrateDiskAndPowerOff(String instanceId, String destHost, boolean sameHost, FlavorSpec newFlavor,
            int timeoutSeconds) throws VirtException {
        LibvirtMoves.requireSameHost(sameHost, destHost);
        Duration timeout = power.shutdownTimeout(timeoutSeconds);
        withGuest(instanceId, "The server could not be stopped for its resize",
                domain -> moves.migrateDiskAndPowerOff(instanceId, domain, filesOf(instanceId), newFlavor, timeout));
    }

    @Override
    public void finishMigration(GuestSpec guest, boolean sameHost, boolean powerOn) throws VirtException {
        LibvirtMoves.requireSameHost(sameHost, null);
        String id = requireId(guest.instanceId());
        String virtType = virtType().domainType();
        withInstance(id, "The resized server could not be defined or started", (host, domain) -> moves
                .finishMigration(id, host, domain, guest, filesOf(id), virtType, capabilities(host).arch(), powerOn));
    }

    @Override
    public void confirmMigration(String instanceId, boolean sameHost) throws VirtException {
        LibvirtMoves.requireSameHost(sameHost, null);
        String id = requireId(instanceId);
        synchronized (lockFor(id)) {
            moves.confirmMigration(filesOf(id));
        }
    }

    @Override
    public void revertMigration(String instanceId, boolean sameHost) throws VirtException {
        if (!sameHost) {
            destroy(instanceId);
            return;
        }
        withInstance(instanceId, "The resized server could not be stopped",
                (host, domain) -> moves.revertMigration(instanceId, domain, filesOf(instanceId)));
    }

    @Override
    public void finishRevertMigration(GuestSpec original, boolean sameHost, boolean powerOn) throws VirtException {
        LibvirtMoves.requireSameHost(sameHost, null);
        String id = requireId(original.instanceId());
        String virtType = virtType().domainType();
        withInstance(id, "The server could not be brought back with its old flavor",
                (host, domain) -> moves.finishRevertMigration(id, host, domain, original, filesOf(id), virtType,
                        capabilities(host).arch(), powerOn));
    }

    // ---- live migration: not between hosts yet ------------------------------------------------------------

    /**
     * Refused: the hosts have no channel to copy a guest's memory and disks over (the scheduler keeps such
     * migrations away, as this driver does not report {@code CUSTOM_STRATUS_MOVES_BETWEEN_HOSTS}).
     */
    @Override
    public void liveMigration(String instanceId, String destHost) throws VirtException {
        throw new VirtException("The libvirt driver cannot live-migrate a server to another host yet (destination "
                + destHost + "): there is no host-to-host migration channel");
    }

    @Override
    public void finishLiveMigration(GuestSpec guest, PowerState state) throws VirtException {
        throw new VirtException("The libvirt driver cannot receive a live-migrated server yet");
    }

    /** Nothing was made here: a refused migration leaves the source's guest alone. */
    @Override
    public void rollBackLiveMigrationAtDestination(String instanceId) {
    }

    // ---- state, listing, console ------------------------------------------------------------------

    @Override
    public PowerState powerState(String instanceId) {
        if (!InstanceFiles.isSafeId(instanceId)) {
            return PowerState.NOSTATE;
        }
        try {
            Optional<GuestDomain> domain = lookup(host(), instanceId);
            return domain.isEmpty() ? PowerState.NOSTATE : powerState(domain.get());
        } catch (LibvirtFailure | VirtException e) {
            LOG.debugf("no power state for %s: %s", instanceId, e.getMessage());
            return PowerState.NOSTATE;
        }
    }

    private static PowerState powerState(GuestDomain domain) throws LibvirtFailure {
        GuestState state = domain.state();
        return PowerStates.of(state, state == GuestState.SHUTOFF && domain.hasManagedSave());
    }

    /**
     * Domains named {@code instance-*} that carry this driver's metadata; an operator's own domains are left
     * out.
     *
     * @throws IllegalStateException when libvirt cannot be reached: an empty answer would read as "every
     *         guest is gone"
     */
    @Override
    public Map<String, PowerState> listGuests() {
        try {
            Map<String, PowerState> guests = new LinkedHashMap<>();
            for (GuestDomain domain : host().listAll()) {
                try {
                    if (!domain.name().startsWith(DomainBuilder.NAME_PREFIX)) {
                        continue;
                    }
                    InstanceMetadata metadata = metadataOf(domain.xml());
                    if (metadata != null) {
                        guests.put(metadata.instanceId(), powerState(domain));
                    }
                } catch (LibvirtFailure e) {
                    if (e.reason() != LibvirtFailure.Reason.NO_DOMAIN) {
                        throw e;
                    }
                }
            }
            return guests;
        } catch (LibvirtFailure | VirtException e) {
            throw new IllegalStateException("libvirt at " + settings.uri() + " cannot list the guests: "
                    + e.getMessage(), e);
        }
    }

    private static InstanceMetadata metadataOf(String xml) {
        Element metadata = XmlDocuments.child(XmlDocuments.parseRoot(xml, "domain"), "metadata");
        return metadata == null ? null : DomainXmlParser.metadata(metadata);
    }

    /** {@link GuestConsoles} reads the log. */
    @Override
    public String consoleOutput(String instanceId, Integer lines) throws VirtException {
        return consoles.output(requireId(instanceId), lines);
    }

    /**
     * Read without the instance's lock, as nothing changes: a long power-off of the guest does not hold the answer
     * back. {@link LibvirtDiagnostics} says what is read.
     */
    @Override
    public GuestDiagnostics diagnostics(String instanceId) throws VirtException {
        String id = requireId(instanceId);
        try {
            GuestDomain domain = lookup(host(), id)
                    .orElseThrow(() -> new VirtException("The server does not exist on this host"));
            return LibvirtDiagnostics.read(domain, filesOf(id));
        } catch (LibvirtFailure e) {
            if (e.reason() == LibvirtFailure.Reason.NO_DOMAIN) {
                throw new VirtException("The server does not exist on this host", e);
            }
            throw VirtFailures.of("The server's diagnostics could not be read", e);
        }
    }

    /** The VNC display's endpoint from the domain's live XML ({@link GuestConsoles}). */
    @Override
    public ConsoleEndpoint vncConsole(String instanceId) throws VirtException {
        return consoles.vnc(requireId(instanceId));
    }

    @Override
    public void onLifecycleEvent(Consumer<LifecycleEvent> listener) {
        listeners.add(listener);
    }

    private void lifecycleChanged(GuestLifecycleChange change) {
        String name = change.domainName();
        if (name == null || !name.startsWith(DomainBuilder.NAME_PREFIX)) {
            return;
        }
        PowerState state = PowerStates.of(change);
        if (state == null) {
            return;
        }
        LifecycleEvent event = new LifecycleEvent(name.substring(DomainBuilder.NAME_PREFIX.length()), state);
        for (Consumer<LifecycleEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warnf(e, "a lifecycle listener failed on %s", event);
            }
        }
    }

    // ---- plumbing ---------------------------------------------------------------------------------

    @FunctionalInterface
    private interface GuestCall {
        void run(GuestDomain domain) throws LibvirtFailure, VirtException;
    }

    @FunctionalInterface
    private interface InstanceCall {
        void run(LibvirtHost host, Optional<GuestDomain> domain) throws LibvirtFailure, VirtException;
    }

    private void withGuest(String instanceId, String whatFailed, GuestCall call) throws VirtException {
        withInstance(instanceId, whatFailed, (host, domain) -> call.run(
                domain.orElseThrow(() -> new VirtException("The server does not exist on this host"))));
    }

    /** Under the instance's lock, with its domain when it has one. */
    private void withInstance(String instanceId, String whatFailed, InstanceCall call) throws VirtException {
        String id = requireId(instanceId);
        synchronized (lockFor(id)) {
            try {
                LibvirtHost host = host();
                call.run(host, lookup(host, id));
            } catch (LibvirtFailure e) {
                if (e.reason() == LibvirtFailure.Reason.NO_DOMAIN) {
                    throw new VirtException("The server does not exist on this host", e);
                }
                throw VirtFailures.of(whatFailed, e);
            }
        }
    }

    private InstanceFiles filesOf(String instanceId) {
        return storage.files(instanceId);
    }

    private LibvirtHost host() throws VirtException {
        try {
            return session.host();
        } catch (LibvirtFailure e) {
            throw VirtFailures.of("The hypervisor on this host is not reachable", e);
        }
    }

    private static Optional<GuestDomain> lookup(LibvirtHost host, String instanceId) throws VirtException {
        try {
            return host.lookupByName(DomainBuilder.domainName(instanceId));
        } catch (LibvirtFailure e) {
            throw VirtFailures.of("The hypervisor on this host did not answer", e);
        }
    }

    private HostCapabilities capabilities(LibvirtHost host) throws VirtException {
        try {
            return capabilitiesUnchecked(host);
        } catch (IllegalStateException e) {
            throw new VirtException("The hypervisor on this host cannot describe itself", e);
        }
    }

    private HostCapabilities capabilitiesUnchecked(LibvirtHost host) {
        HostCapabilities known = capabilities;
        if (known == null) {
            try {
                known = HostCapabilities.parse(host.capabilitiesXml());
            } catch (LibvirtFailure | IllegalArgumentException e) {
                throw new IllegalStateException("cannot read the host capabilities: " + e.getMessage(), e);
            }
            capabilities = known;
        }
        return known;
    }

    private Object lockFor(String instanceId) {
        return instanceLocks.computeIfAbsent(instanceId, k -> new Object());
    }

    private static String requireId(String instanceId) throws VirtException {
        if (!InstanceFiles.isSafeId(instanceId)) {
            throw new VirtException("Invalid server id");
        }
        return instanceId;
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
