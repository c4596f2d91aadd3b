package dev.stratus.compute.node.libvirt;

import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.GuestDiagnostics;
import dev.stratus.compute.node.config.ComputeNodeConfig;
import dev.stratus.compute.node.libvirt.host.HostConnector;
import dev.stratus.compute.node.virt.ConsoleEndpoint;
import dev.stratus.compute.node.virt.DriverCapabilities;
import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.HostInventory;
import dev.stratus.compute.node.virt.LifecycleEvent;
import dev.stratus.compute.node.virt.PasswordNotSettable;
import dev.stratus.compute.node.virt.PowerState;
import dev.stratus.compute.node.virt.SerialConsoleSettings;
import dev.stratus.compute.node.virt.SerialPortAllocator;
import dev.stratus.compute.node.virt.VirtDriver;
import dev.stratus.compute.node.virt.VirtException;
import dev.stratus.compute.node.virt.VncSettings;
import io.quarkus.arc.Unremovable;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * QEMU guests through libvirt: the {@link VirtDriver} that wires the collaborators doing each job and hands every
 * call to one of them. Nothing here touches libvirt before the first call that needs it, so a node configured with
 * another driver never loads the native library. Calls on one instance are serialised; calls on different
 * instances run in parallel over the one shared connection ({@link InstanceCalls}).
 */
@ApplicationScoped
@Unremovable
public class LibvirtDriver implements VirtDriver {

    public static final String NAME = "libvirt";

    private final HostSession session;
    private final InstanceCalls calls;
    private final HostDescription hostDescription;
    private final LifecycleListeners lifecycle;
    private final GuestSpawner spawner;
    private final GuestPowerActions powerActions;
    private final ColdSnapshots snapshots;
    private final RescueBoots rescueBoots;
    private final LibvirtInterfaces interfaces;
    private final ResizeSteps resizes;
    private final HostGuests guests;
    private final GuestConsoles consoles;

    @Inject
    public LibvirtDriver(LibvirtSettings settings, ComputeNodeConfig node, HostConnector connector, DiskImages disks,
            ConfigDriveWriter configDrives, KvmProbe probe) {
        this(settings, VncSettings.of(node.vnc()), SerialConsoleSettings.of(node.serialConsole()), connector, disks,
                configDrives, new VirtTypeResolver(settings, probe));
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
        this(settings, vnc, SerialConsoleSettings.OFF, connector, disks, configDrives, virtTypes);
    }

    /**
     * With serial consoles on, every guest's first serial port listens on TCP ({@link SerialConsoleHost}), with the
     * ports of {@code serial}'s range.
     */
    LibvirtDriver(LibvirtSettings settings, VncSettings vnc, SerialConsoleSettings serial,
            HostConnector connector, DiskImages disks, ConfigDriveWriter configDrives, VirtTypeResolver virtTypes) {
        this.lifecycle = new LifecycleListeners();
        HostConnector hosts = connector;
        if (serial.enabled()) {
            GuestSerialPorts serialPorts = new GuestSerialPorts(new SerialPortAllocator(serial));
            hosts = uri -> new SerialConsoleHost(connector.open(uri), serialPorts);
        }
        this.session = new HostSession(settings.uri(), hosts, lifecycle::changed);
        this.calls = new InstanceCalls(session);
        InstancePreparer preparer = new InstancePreparer(disks, configDrives);
        InstanceStorage storage = new InstanceStorage(settings.instancesDirectory(), disks, preparer);
        this.hostDescription = new HostDescription(settings, session, virtTypes, storage);
        DomainBuilder domains = new DomainBuilder(settings, vnc);
        GuestPower power = new GuestPower(settings);
        this.spawner = new GuestSpawner(calls, hostDescription, storage, domains, power);
        this.powerActions = new GuestPowerActions(settings, calls, power);
        this.snapshots = new ColdSnapshots(calls, storage);
        this.rescueBoots = new RescueBoots(calls, hostDescription, storage, new LibvirtRescue(preparer, domains),
                power);
        this.interfaces = new LibvirtInterfaces(domains);
        this.resizes = new ResizeSteps(calls, hostDescription, storage, power, new LibvirtMoves(disks, domains, power));
        this.guests = new HostGuests(settings, calls, storage);
        this.consoles = new GuestConsoles(settings, vnc, serial, calls::find);
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

    /** {@link HostDescription}: no inventory rather than a wrong one when libvirt cannot be reached. */
    @Override
    public HostInventory hostInventory() {
        return hostDescription.inventory();
    }

    /** The virt type this driver uses on this host, deciding it (and probing KVM) on the first call. */
    public VirtTypeResolver.Decision virtType() throws VirtException {
        return hostDescription.virtType();
    }

    // ---- spawn and destroy: GuestSpawner ------------------------------------------------------------

    @Override
    public void spawn(GuestSpec guest) throws VirtException {
        spawner.spawn(guest);
    }

    /** The timings of the last successful spawn that defined a domain, for measurements. */
    public SpawnTimings lastSpawnTimings() {
        return spawner.lastSpawnTimings();
    }

    @Override
    public void destroy(String instanceId) throws VirtException {
        spawner.destroy(instanceId);
    }

    // ---- power: GuestPowerActions -------------------------------------------------------------------

    @Override
    public void powerOn(String instanceId) throws VirtException {
        powerActions.powerOn(instanceId);
    }

    @Override
    public void powerOff(String instanceId, boolean graceful, int timeoutSeconds) throws VirtException {
        powerActions.powerOff(instanceId, graceful, timeoutSeconds);
    }

    @Override
    public void reboot(String instanceId, boolean hard) throws VirtException {
        powerActions.reboot(instanceId, hard);
    }

    @Override
    public void pause(String instanceId) throws VirtException {
        powerActions.pause(instanceId);
    }

    @Override
    public void unpause(String instanceId) throws VirtException {
        powerActions.unpause(instanceId);
    }

    @Override
    public void suspend(String instanceId) throws VirtException {
        powerActions.suspend(instanceId);
    }

    @Override
    public void resume(String instanceId) throws VirtException {
        powerActions.resume(instanceId);
    }

    /** {@link ColdSnapshots}: the vCPUs stop while qemu-img copies the disk. */
    @Override
    public void snapshot(String instanceId, Path target) throws VirtException {
        snapshots.snapshot(instanceId, target);
    }

    // ---- rescue: RescueBoots ----------------------------------------------------------------------

    @Override
    public void rescue(GuestSpec rescue) throws VirtException {
        rescueBoots.rescue(rescue);
    }

    @Override
    public void unrescue(String instanceId) throws VirtException {
        rescueBoots.unrescue(instanceId);
    }

    /**
     * Nova's libvirt driver sets passwords through the QEMU guest agent; the domains made here have no agent
     * channel (images do not ask for one with {@code hw_qemu_guest_agent}), so every guest refuses, as Nova's
     * does without the agent.
     */
    @Override
    public void setAdminPassword(String instanceId, String password) throws VirtException {
        InstanceCalls.requireId(instanceId);
        throw new PasswordNotSettable("QEMU guest agent is not enabled", true);
    }

    /** A virtio NIC hot-plugged as Nova's driver does it ({@link LibvirtInterfaces}). */
    @Override
    public void attachInterface(String instanceId, GuestSpec.GuestNic nic) throws VirtException {
        calls.withGuest(instanceId, "The interface could not be attached", domain -> interfaces.attach(domain, nic));
    }

    @Override
    public void detachInterface(String instanceId, String macAddress) throws VirtException {
        calls.withGuest(instanceId, "The interface could not be detached",
                domain -> interfaces.detach(domain, macAddress));
    }

    // ---- cold moves: resizes on this host, ResizeSteps and LibvirtMoves ---------------------------------

    @Override
    public void migrateDiskAndPowerOff(String instanceId, String destHost, boolean sameHost, FlavorSpec newFlavor,
            int timeoutSeconds) throws VirtException {
        resizes.migrateDiskAndPowerOff(instanceId, destHost, sameHost, newFlavor, timeoutSeconds);
    }

    @Override
    public void finishMigration(GuestSpec guest, boolean sameHost, boolean powerOn) throws VirtException {
        resizes.finishMigration(guest, sameHost, powerOn);
    }

    @Override
    public void confirmMigration(String instanceId, boolean sameHost) throws VirtException {
        resizes.confirmMigration(instanceId, sameHost);
    }

    @Override
    public void revertMigration(String instanceId, boolean sameHost) throws VirtException {
        if (!sameHost) {
            destroy(instanceId);
            return;
        }
        resizes.revertMigration(instanceId);
    }

    @Override
    public void finishRevertMigration(GuestSpec original, boolean sameHost, boolean powerOn) throws VirtException {
        resizes.finishRevertMigration(original, sameHost, powerOn);
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

    // ---- state, listing, console: HostGuests, GuestConsoles, LibvirtDiagnostics ------------------------

    @Override
    public PowerState powerState(String instanceId) {
        return guests.powerState(instanceId);
    }

    /** {@link HostGuests}: an operator's own domains are left out; unreachable libvirt is an exception. */
    @Override
    public Map<String, PowerState> listGuests() {
        return guests.list();
    }

    /** {@link GuestConsoles} reads the log. */
    @Override
    public String consoleOutput(String instanceId, Integer lines) throws VirtException {
        return consoles.output(InstanceCalls.requireId(instanceId), lines);
    }

    /** {@link HostGuests}, without the instance's lock; {@link LibvirtDiagnostics} says what is read. */
    @Override
    public GuestDiagnostics diagnostics(String instanceId) throws VirtException {
        return guests.diagnostics(instanceId);
    }

    /** The VNC display's endpoint from the domain's live XML ({@link GuestConsoles}). */
    @Override
    public ConsoleEndpoint vncConsole(String instanceId) throws VirtException {
        return consoles.vnc(InstanceCalls.requireId(instanceId));
    }

    /** The first TCP serial port's endpoint from the domain's XML ({@link GuestConsoles}). */
    @Override
    public ConsoleEndpoint serialConsole(String instanceId) throws VirtException {
        return consoles.serial(InstanceCalls.requireId(instanceId));
    }

    @Override
    public void onLifecycleEvent(Consumer<LifecycleEvent> listener) {
        lifecycle.add(listener);
    }
}
