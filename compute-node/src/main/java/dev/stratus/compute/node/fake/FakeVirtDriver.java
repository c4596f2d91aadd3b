package dev.stratus.compute.node.fake;

import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.GuestDiagnostics;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.console.FakeRfbServer;
import dev.stratus.compute.node.virt.ConsoleEndpoint;
import dev.stratus.compute.node.virt.ConsoleUnavailable;
import dev.stratus.compute.node.virt.DriverCapabilities;
import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.HostInventory;
import dev.stratus.compute.node.virt.LifecycleEvent;
import dev.stratus.compute.node.virt.PowerState;
import dev.stratus.compute.node.virt.SerialPortAllocator;
import dev.stratus.compute.node.virt.VirtDriver;
import dev.stratus.compute.node.virt.VirtException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A hypervisor in memory: guests are entries in a map, with the faults {@link FakeDriverSettings} asks for.
 * One instance per simulated host; small enough that hundreds fit in one JVM.
 */
public class FakeVirtDriver implements VirtDriver, AutoCloseable {

    public static final String NAME = "fake";
    /** The fake boots anything: it needs no image data, and "attaches" config drives by keeping their paths. */
    private static final DriverCapabilities CAPABILITIES = new DriverCapabilities(false, true, true, true, true);

    private final String host;
    private final FakeDriverSettings settings;
    private final Map<String, FakeGuest> guests = new ConcurrentHashMap<>();
    private final List<Consumer<LifecycleEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Instant createdAt = Instant.now();

    /** The guests' shared VNC server and the address the console proxy reaches it at; null: no consoles. */
    private final FakeRfbServer console;
    private final String consoleAddress;
    /** The guests' serial ports (none without an allocator). */
    private final FakeSerialConsoles serial;

    public FakeVirtDriver(String host, FakeDriverSettings settings) {
        this(host, settings, null, null);
    }

    public FakeVirtDriver(String host, FakeDriverSettings settings, FakeRfbServer console, String consoleAddress) {
        this(host, settings, console, consoleAddress, null);
    }

    /**
     * @param serialPorts the process's serial console ports: each running guest listens on one of them, echoing
     *     ({@link FakeSerialConsoles}); null: no serial consoles
     */
    public FakeVirtDriver(String host, FakeDriverSettings settings, FakeRfbServer console, String consoleAddress,
            SerialPortAllocator serialPorts) {
        this.host = host;
        this.settings = settings;
        this.console = console;
        this.consoleAddress = consoleAddress;
        this.serial = new FakeSerialConsoles(host, serialPorts);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DriverCapabilities capabilities() {
        return CAPABILITIES;
    }

    /** A simulated host has been up since its driver was made, idle. */
    @Override
    public String hostUptime() {
        return dev.stratus.compute.node.virt.HostUptime.format(java.time.LocalTime.now(),
                java.time.Duration.between(createdAt, Instant.now()), 0, 0, 0);
    }

    @Override
    public HostInventory hostInventory() {
        return new HostInventory(settings.hypervisorHostname(), "fake", 1000000L, settings.vcpus(), settings.memoryMb(),
                settings.diskGb(), "{\"arch\": \"x86_64\", \"model\": \"fake\", \"vendor\": \"Stratus\", "
                        + "\"topology\": {\"sockets\": 1, \"cores\": " + settings.vcpus() + ", \"threads\": 1}}");
    }

    @Override
    public void spawn(GuestSpec guest) throws VirtException {
        if (guests.containsKey(guest.instanceId())) {
            return;
        }
        InstanceBuild instance = guest.instance();
        pause(settings.spawnDelay(), "spawn");
        String failure = injectedSpawnFailure(instance);
        if (failure != null) {
            throw new VirtException(failure);
        }
        serial.follow(guest.instanceId(), PowerState.RUNNING);
        guests.putIfAbsent(guest.instanceId(), new FakeGuest(guest, Instant.now()));
        fire(guest.instanceId(), PowerState.RUNNING);
    }

    private String injectedSpawnFailure(InstanceBuild instance) {
        if (settings.namePrefix().filter(p -> instance.name() != null && instance.name().startsWith(p)).isPresent()) {
            return "Injected fault: the fake driver fails servers named " + settings.failSpawnNamePrefix() + "*";
        }
        String hosts = instance.metadata().get(settings.failSpawnHostKey());
        if (hosts != null && Arrays.stream(hosts.split(",")).map(String::trim).anyMatch(host::equals)) {
            return "Injected fault: spawning fails on host " + host;
        }
        if (settings.failSpawn() > 0 && ThreadLocalRandom.current().nextDouble() < settings.failSpawn()) {
            return "Injected fault: random spawn failure on host " + host;
        }
        return null;
    }

    /** A small file standing for the disk, after {@code snapshot-delay}: the qcow2 magic, then who made it. */
    @Override
    public void snapshot(String instanceId, Path target) throws VirtException {
        FakeGuest guest = guests.get(instanceId);
        if (guest == null) {
            throw new VirtException("The server does not exist on this host");
        }
        pause(settings.snapshotDelay(), "snapshot");
        try {
            java.nio.file.Files.write(target, ("QFI\u00fb fake disk of " + instanceId + " (" + guest.name + ") on "
                    + host + "\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        } catch (java.io.IOException e) {
            throw new VirtException("The fake snapshot could not be written: " + e.getMessage(), e);
        }
    }

    /** Takes {@code delay}, as the real operation would. */
    private static void pause(java.time.Duration delay, String operation) throws VirtException {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VirtException(operation + " interrupted", e);
        }
    }

    @Override
    public void destroy(String instanceId) throws VirtException {
        if (!guests.containsKey(instanceId)) {
            return;
        }
        if (settings.failDelete() > 0 && ThreadLocalRandom.current().nextDouble() < settings.failDelete()) {
            throw new VirtException("Injected fault: the fake driver could not destroy the guest");
        }
        if (forget(instanceId)) {
            fire(instanceId, PowerState.NOSTATE);
        }
    }

    @Override
    public void powerOn(String instanceId) throws VirtException {
        FakeGuest guest = require(instanceId);
        if (guest.state == PowerState.PAUSED) {
            throw new VirtException("the guest is paused: unpause it instead of starting it");
        }
        transition(instanceId, guest, PowerState.RUNNING);
    }

    @Override
    public void powerOff(String instanceId, boolean graceful, int timeoutSeconds) throws VirtException {
        transition(instanceId, require(instanceId), PowerState.SHUTDOWN);
    }

    @Override
    public void reboot(String instanceId, boolean hard) throws VirtException {
        FakeGuest guest = require(instanceId);
        if (!hard && guest.state != PowerState.RUNNING) {
            throw new VirtException("a soft reboot needs a running guest; it is " + guest.state);
        }
        if (hard) {
            guest.processStartedAt = Instant.now();
        }
        transition(instanceId, guest, PowerState.RUNNING);
    }

    @Override
    public void pause(String instanceId) throws VirtException {
        FakeGuest guest = require(instanceId);
        requireState(guest, PowerState.RUNNING, "pause");
        transition(instanceId, guest, PowerState.PAUSED);
    }

    @Override
    public void unpause(String instanceId) throws VirtException {
        FakeGuest guest = require(instanceId);
        requireState(guest, PowerState.PAUSED, "unpause");
        transition(instanceId, guest, PowerState.RUNNING);
    }

    @Override
    public void suspend(String instanceId) throws VirtException {
        FakeGuest guest = require(instanceId);
        requireState(guest, PowerState.RUNNING, "suspend");
        transition(instanceId, guest, PowerState.SUSPENDED);
    }

    @Override
    public void resume(String instanceId) throws VirtException {
        FakeGuest guest = require(instanceId);
        requireState(guest, PowerState.SUSPENDED, "resume");
        transition(instanceId, guest, PowerState.RUNNING);
    }

    @Override
    public void rescue(GuestSpec rescue) throws VirtException {
        FakeGuest guest = require(rescue.instanceId());
        if (!guest.rescued) {
            guest.rescued = true;
            transition(rescue.instanceId(), guest, PowerState.RUNNING);
        }
    }

    @Override
    public void unrescue(String instanceId) throws VirtException {
        FakeGuest guest = require(instanceId);
        if (guest.rescued) {
            guest.rescued = false;
            transition(instanceId, guest, PowerState.RUNNING);
        }
    }

    /**
     * A move "takes the disks" by keeping the stopped guest here until the move is confirmed or reverted; a
     * destination host makes its own entry. The metadata key {@code settings.failSpawnHostKey()} naming the
     * destination makes the move fail there, as it makes a spawn fail.
     */
    @Override
    public void migrateDiskAndPowerOff(String instanceId, String destHost, boolean sameHost, FlavorSpec newFlavor,
            int timeoutSeconds) throws VirtException {
        transition(instanceId, require(instanceId), PowerState.SHUTDOWN);
    }

    @Override
    public void finishMigration(GuestSpec guest, boolean sameHost, boolean powerOn) throws VirtException {
        String failure = injectedSpawnFailure(guest.instance());
        if (failure != null) {
            throw new VirtException(failure);
        }
        FakeGuest moved = sameHost ? require(guest.instanceId())
                : guests.computeIfAbsent(guest.instanceId(), id -> new FakeGuest(guest, Instant.now()));
        moved.hardware = FakeGuestHardware.of(guest);
        transition(guest.instanceId(), moved, powerOn ? PowerState.RUNNING : PowerState.SHUTDOWN);
    }

    @Override
    public void confirmMigration(String instanceId, boolean sameHost) {
        if (!sameHost) {
            forget(instanceId);
        }
    }

    @Override
    public void revertMigration(String instanceId, boolean sameHost) throws VirtException {
        if (!sameHost) {
            forget(instanceId);
        } else if (guests.containsKey(instanceId)) {
            transition(instanceId, guests.get(instanceId), PowerState.SHUTDOWN);
        }
    }

    @Override
    public void finishRevertMigration(GuestSpec original, boolean sameHost, boolean powerOn) throws VirtException {
        FakeGuest guest = require(original.instanceId());
        guest.hardware = FakeGuestHardware.of(original);
        transition(original.instanceId(), guest, powerOn ? PowerState.RUNNING : PowerState.SHUTDOWN);
    }

    /**
     * The fake "copies" a guest by leaving it as it is: the destination's driver makes its own entry in the state
     * the source had. The metadata key {@code settings.failSpawnHostKey()} naming the destination makes the
     * migration fail there, as it makes a spawn fail.
     */
    @Override
    public void liveMigration(String instanceId, String destHost) throws VirtException {
        FakeGuest guest = require(instanceId);
        if (guest.state != PowerState.RUNNING && guest.state != PowerState.PAUSED) {
            throw new VirtException("cannot live-migrate a guest that is " + guest.state);
        }
    }

    @Override
    public void finishLiveMigration(GuestSpec guest, PowerState state) throws VirtException {
        String failure = injectedSpawnFailure(guest.instance());
        if (failure != null) {
            throw new VirtException(failure);
        }
        serial.follow(guest.instanceId(), state);
        FakeGuest moved = guests.computeIfAbsent(guest.instanceId(),
                id -> new FakeGuest(guest, Instant.now()));
        moved.state = state;
    }

    @Override
    public void rollBackLiveMigrationAtDestination(String instanceId) {
        forget(instanceId);
    }

    @Override
    public void cleanUpLiveMigrationSource(String instanceId) {
        forget(instanceId);
    }

    /** A running guest takes the password (the fake has an "agent" in every guest). */
    @Override
    public void setAdminPassword(String instanceId, String password) throws VirtException {
        FakeGuest guest = require(instanceId);
        requireState(guest, PowerState.RUNNING, "set the password of");
        guest.adminPassword = password;
    }

    /** The simulated guest takes the NIC in any state: its definition is all there is. */
    @Override
    public void attachInterface(String instanceId, GuestSpec.GuestNic nic) throws VirtException {
        FakeGuest guest = require(instanceId);
        guest.hardware = guest.hardware.withNic(nic);
    }

    @Override
    public void detachInterface(String instanceId, String macAddress) throws VirtException {
        FakeGuest guest = require(instanceId);
        guest.hardware = guest.hardware.withoutNic(macAddress);
    }

    /** The NICs of the simulated guest, in order (for tests); empty when there is no such guest. */
    public List<GuestSpec.GuestNic> nics(String instanceId) {
        FakeGuest guest = guests.get(instanceId);
        return guest == null ? List.of() : guest.hardware.nics();
    }

    /** The password last set in the guest (for tests). */
    public String adminPassword(String instanceId) {
        FakeGuest guest = guests.get(instanceId);
        return guest == null ? null : guest.adminPassword;
    }

    /** Whether the guest runs from its rescue disk (for tests). */
    public boolean isRescued(String instanceId) {
        FakeGuest guest = guests.get(instanceId);
        return guest != null && guest.rescued;
    }

    /** Figures of a simulated guest ({@link FakeDiagnostics}), from its flavor, NICs and running time. */
    @Override
    public GuestDiagnostics diagnostics(String instanceId) throws VirtException {
        FakeGuest guest = require(instanceId);
        return FakeDiagnostics.of(guest.hardware, guest.state,
                Duration.between(guest.processStartedAt, Instant.now()));
    }

    /** Every running or paused guest shows the shared fake screen, as QEMU keeps serving VNC while paused. */
    @Override
    public ConsoleEndpoint vncConsole(String instanceId) throws VirtException {
        if (console == null) {
            return VirtDriver.super.vncConsole(instanceId);
        }
        FakeGuest guest = guests.get(instanceId);
        if (guest == null) {
            throw new ConsoleUnavailable(ConsoleUnavailable.Reason.NOT_FOUND, "The server does not exist on this host");
        }
        if (guest.state != PowerState.RUNNING && guest.state != PowerState.PAUSED) {
            throw new ConsoleUnavailable(ConsoleUnavailable.Reason.NOT_READY,
                    "The server is " + guest.state.novaName() + ": its console does not listen");
        }
        return new ConsoleEndpoint(consoleAddress, console.port());
    }

    /**
     * The guest's own serial port: a TCP listener echoing what it receives, as a guest's getty does, while the guest
     * runs; it stays while paused (silent) and closes when the guest stops.
     */
    @Override
    public ConsoleEndpoint serialConsole(String instanceId) throws VirtException {
        if (!serial.enabled()) {
            return VirtDriver.super.serialConsole(instanceId);
        }
        FakeGuest guest = guests.get(instanceId);
        return serial.endpoint(instanceId, guest == null ? null : guest.state);
    }

    @Override
    public PowerState powerState(String instanceId) {
        FakeGuest guest = guests.get(instanceId);
        return guest == null ? PowerState.NOSTATE : guest.state;
    }

    @Override
    public Map<String, PowerState> listGuests() {
        Map<String, PowerState> states = new HashMap<>();
        guests.forEach((id, guest) -> states.put(id, guest.state));
        return states;
    }

    @Override
    public String consoleOutput(String instanceId, Integer lines) throws VirtException {
        List<String> log = require(instanceId).consoleLog(host);
        int from = lines == null ? 0 : Math.max(0, log.size() - Math.max(0, lines));
        return String.join("\n", log.subList(from, log.size())) + "\n";
    }

    @Override
    public void onLifecycleEvent(Consumer<LifecycleEvent> listener) {
        listeners.add(listener);
    }

    /** Simulates the guest changing state by itself, e.g. shut down from inside; fires a lifecycle event. */
    public void simulateGuestStateChange(String instanceId, PowerState state) throws VirtException {
        transition(instanceId, require(instanceId), state);
    }

    /** Changes a guest's state without an event, as when the hypervisor's event was lost. */
    public void changeStateSilently(String instanceId, PowerState state) throws VirtException {
        FakeGuest guest = require(instanceId);
        serial.follow(instanceId, state);
        guest.state = state;
    }

    private FakeGuest require(String instanceId) throws VirtException {
        FakeGuest guest = guests.get(instanceId);
        if (guest == null) {
            throw new VirtException("instance " + instanceId + " does not exist on host " + host);
        }
        return guest;
    }

    private static void requireState(FakeGuest guest, PowerState wanted, String operation) throws VirtException {
        if (guest.state != wanted) {
            throw new VirtException("cannot " + operation + " a guest that is " + guest.state);
        }
    }

    private void transition(String instanceId, FakeGuest guest, PowerState state) throws VirtException {
        serial.follow(instanceId, state);
        if (guest.state != state) {
            if (state == PowerState.RUNNING && guest.state != PowerState.PAUSED) {
                guest.processStartedAt = Instant.now();
            }
            guest.state = state;
            fire(instanceId, state);
        }
    }

    /** The guest leaves this host, with its serial port; whether it was here. */
    private boolean forget(String instanceId) {
        boolean removed = guests.remove(instanceId) != null;
        serial.forget(instanceId);
        return removed;
    }

    /** The guests' serial ports close (the simulated host goes away). */
    @Override
    public void close() {
        serial.close();
    }

    private void fire(String instanceId, PowerState state) {
        LifecycleEvent event = new LifecycleEvent(instanceId, state);
        for (Consumer<LifecycleEvent> listener : listeners) {
            listener.accept(event);
        }
    }
}
