package dev.stratus.compute.node.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.ImageSpec;
import dev.stratus.compute.node.libvirt.domain.DomainDefinition;
import dev.stratus.compute.node.libvirt.domain.DomainXmlParser;
import dev.stratus.compute.node.libvirt.host.GuestDomain;
import dev.stratus.compute.node.libvirt.host.GuestState;
import dev.stratus.compute.node.libvirt.host.LibvirtFailure;
import dev.stratus.compute.node.libvirt.host.LibvirtHost;
import dev.stratus.compute.node.libvirt.host.NativeHostConnector;
import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.LifecycleEvent;
import dev.stratus.compute.node.virt.PowerState;
import dev.stratus.compute.node.virt.VirtException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LibvirtDriver} through its real seams ({@code NativeHostConnector}, {@code NativeLibvirtHost},
 * {@code NativeGuestDomain}, libvirt-java over JNA) against libvirt's in-process test driver
 * ({@code test:///default}): no daemon, no QEMU. Every connection of one process to {@code test:///default}
 * sees the same in-memory host, so a second connection here inspects what the driver did.
 *
 * <p>What the test driver (libvirt 9.0) does and does not do, found by these tests:
 * <ul>
 * <li>it takes the driver's {@code type='qemu'} XML as it is (it checks no emulator, disk or bridge);</li>
 * <li>the host is {@code i686} with one domain type, {@code test}: {@code virt_type=auto} decides qemu
 * without probing;</li>
 * <li>it has managed save: {@code managedSave} stops the domain and {@code create} restores it;</li>
 * <li>the ACPI power button ({@code shutdown}) stops the domain at once, so no guest ignores it: the forced
 * power off after a timeout is covered on {@link FakeLibvirtHost} in {@link LibvirtDriverTest};</li>
 * <li>a restore of a domain saved while paused comes back running (QEMU would keep it paused);</li>
 * <li>it rejects {@code VIR_DOMAIN_UNDEFINE_NVRAM} ("unsupported flags (0x4)"), which the driver passed on
 * every undefine: destroy failed there, and would on any driver without NVRAM support;</li>
 * <li>it emits lifecycle events (started, suspended, resumed, stopped with its detail, defined,
 * undefined) through libvirt's event loop;</li>
 * <li>it measures vCPUs, disks (by target) and interfaces (by host device) with made-up, time-based counters,
 * but gives no balloon memory statistics.</li>
 * </ul>
 */
class LibvirtTestDriverTest {

    private static final String URI = "test:///default";

    @TempDir
    Path dir;

    private Path instances;

    private LibvirtDriver driver;

    private LibvirtHost inspector;

    private final List<LifecycleEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        instances = dir.resolve("instances");
        FakeMedia media = new FakeMedia();
        TestSettings settings = TestSettings.defaults(instances).withUri(URI)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(5),
                        Duration.ofSeconds(5));
        driver = new LibvirtDriver(settings, new NativeHostConnector(), media, media,
                (emulator, timeout) -> {
                    throw new AssertionError("the test driver offers no kvm: nothing to probe");
                });
        driver.onLifecycleEvent(events::add);
        inspector = new NativeHostConnector().open(URI);
    }

    @AfterEach
    void tearDown() {
        driver.close();
        inspector.close();
    }

    private GuestSpec guest(String id) throws Exception {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        Path machine = Files.writeString(cache.resolve("ami"), "machine image");
        Path kernel = Files.writeString(cache.resolve("aki"), "kernel");
        Path ramdisk = Files.writeString(cache.resolve("ari"), "ramdisk");
        return Guests.uecGuest(id, machine, kernel, ramdisk, Guests.twoNics());
    }

    private String spawned() throws Exception {
        String id = UUID.randomUUID().toString();
        driver.spawn(guest(id));
        return id;
    }

    private GuestDomain domain(String id) throws LibvirtFailure {
        return inspector.lookupByName(DomainBuilder.domainName(id)).orElseThrow();
    }

    @Test
    void spawnDefinesAndStartsTheDomainTheDriverWrote() throws Exception {
        String id = UUID.randomUUID().toString();
        driver.spawn(guest(id));

        GuestDomain domain = domain(id);
        assertEquals(GuestState.RUNNING, domain.state());
        assertEquals(id, domain.uuid(), "the instance id is the domain's UUID");
        DomainDefinition defined = DomainXmlParser.parse(domain.xml());
        assertEquals("qemu", defined.type());
        assertEquals(524288, defined.memoryKib());
        assertEquals(1, defined.vcpus());
        assertEquals("i686", defined.os().arch(), "the test host's architecture");
        Path files = instances.toAbsolutePath().resolve(id);
        assertEquals(files.resolve("kernel").toString(), defined.os().kernel());
        assertEquals(files.resolve("ramdisk").toString(), defined.os().initrd());
        assertEquals(List.of(files.resolve("disk").toString(), files.resolve("disk.config").toString()),
                defined.disks().stream().map(d -> d.sourceFile()).toList());
        assertTrue(defined.disks().get(1).readOnly());
        assertEquals(2, defined.devices().interfaces().size());
        assertEquals(id, defined.metadata().instanceId(), "libvirt keeps the stratus metadata");
        assertEquals("web-1", defined.metadata().name());

        assertEquals(PowerState.RUNNING, driver.powerState(id));
        assertEquals(PowerState.RUNNING, driver.listGuests().get(id));
        assertFalse(driver.listGuests().containsKey("test"), "the test driver's own domain is not ours");
        assertEquals("qemu", driver.virtType().domainType());
        assertTrue(driver.virtType().reason().contains("no kvm domain type"), driver.virtType().reason());
        SpawnTimings timings = driver.lastSpawnTimings();
        assertEquals(id, timings.instanceId());
        assertTrue(timings.defineMs() > 0 && timings.startMs() > 0 && timings.overheadMs() >= 0, timings.toString());
        assertTrue(Files.isRegularFile(files.resolve("disk.config")));
    }

    @Test
    void aRepeatedSpawnLeavesARunningDomainAloneAndStartsADefinedOne() throws Exception {
        String id = UUID.randomUUID().toString();
        GuestSpec guest = guest(id);
        driver.spawn(guest);
        SpawnTimings first = driver.lastSpawnTimings();
        driver.spawn(guest);
        assertEquals(GuestState.RUNNING, domain(id).state());
        assertTrue(first == driver.lastSpawnTimings(), "nothing was defined again");

        domain(id).destroy();
        driver.spawn(guest);
        assertEquals(GuestState.RUNNING, domain(id).state(), "a defined, stopped domain is started");
    }

    @Test
    void powerOffAndOn() throws Exception {
        String id = spawned();
        driver.powerOff(id, true, 5);
        assertEquals(GuestState.SHUTOFF, domain(id).state());
        assertEquals(PowerState.SHUTDOWN, driver.powerState(id));
        driver.powerOff(id, true, 5);
        assertEquals(PowerState.SHUTDOWN, driver.powerState(id), "stopping a stopped guest does nothing");

        driver.powerOn(id);
        assertEquals(GuestState.RUNNING, domain(id).state());
        driver.powerOn(id);
        assertEquals(PowerState.RUNNING, driver.powerState(id), "starting a running guest does nothing");

        driver.powerOff(id, false, 0);
        assertEquals(PowerState.SHUTDOWN, driver.powerState(id));
    }

    @Test
    void softAndHardRebootEndRunning() throws Exception {
        String id = spawned();
        driver.reboot(id, false);
        assertEquals(GuestState.RUNNING, domain(id).state());
        driver.reboot(id, true);
        assertEquals(GuestState.RUNNING, domain(id).state());

        driver.powerOff(id, false, 0);
        driver.reboot(id, true);
        assertEquals(GuestState.RUNNING, domain(id).state(), "a hard reboot starts a stopped guest");
    }

    @Test
    void pauseAndUnpause() throws Exception {
        String id = spawned();
        driver.pause(id);
        assertEquals(GuestState.PAUSED, domain(id).state());
        assertEquals(PowerState.PAUSED, driver.powerState(id));
        driver.pause(id);
        assertEquals(GuestState.PAUSED, domain(id).state(), "pausing a paused guest does nothing");

        driver.unpause(id);
        assertEquals(GuestState.RUNNING, domain(id).state());
        driver.unpause(id);
        assertEquals(GuestState.RUNNING, domain(id).state(), "unpausing a running guest does nothing");

        driver.powerOff(id, false, 0);
        VirtException notRunning = assertThrows(VirtException.class, () -> driver.pause(id));
        assertTrue(notRunning.getMessage().contains("not running"), notRunning.getMessage());
    }

    @Test
    void suspendIsAManagedSaveAndResumeRestoresIt() throws Exception {
        String id = spawned();
        driver.suspend(id);
        GuestDomain domain = domain(id);
        assertEquals(GuestState.SHUTOFF, domain.state());
        assertTrue(domain.hasManagedSave(), "the test driver keeps a managed save image");
        assertEquals(PowerState.SUSPENDED, driver.powerState(id));
        assertEquals(PowerState.SUSPENDED, driver.listGuests().get(id));
        driver.suspend(id);
        assertEquals(PowerState.SUSPENDED, driver.powerState(id), "suspending a suspended guest does nothing");

        driver.resume(id);
        assertEquals(GuestState.RUNNING, domain.state());
        assertFalse(domain.hasManagedSave(), "the restore consumed the image");

        driver.pause(id);
        driver.suspend(id);
        assertEquals(PowerState.SUSPENDED, driver.powerState(id), "a paused guest can be suspended");
        driver.resume(id);
        assertEquals(PowerState.RUNNING, driver.powerState(id));
    }

    @Test
    void aHardRebootOfASuspendedGuestBootsAfresh() throws Exception {
        String id = spawned();
        driver.suspend(id);
        driver.reboot(id, true);
        assertEquals(GuestState.RUNNING, domain(id).state());
        assertFalse(domain(id).hasManagedSave());
    }

    @Test
    void destroyRemovesTheDomainAndItsFilesAndIsSafeToRepeat() throws Exception {
        String id = spawned();
        Path files = instances.toAbsolutePath().resolve(id);
        assertTrue(Files.isDirectory(files));
        driver.destroy(id);
        assertEquals(Optional.empty(), inspector.lookupByName(DomainBuilder.domainName(id)));
        assertFalse(Files.exists(files));
        assertEquals(PowerState.NOSTATE, driver.powerState(id));
        assertFalse(driver.listGuests().containsKey(id));

        driver.destroy(id);
        driver.destroy(UUID.randomUUID().toString());

        String suspended = spawned();
        driver.suspend(suspended);
        driver.destroy(suspended);
        assertEquals(Optional.empty(), inspector.lookupByName(DomainBuilder.domainName(suspended)),
                "a suspended guest goes with its managed save image");
    }

    @Test
    void aResizeOnTheSameHostAndItsRevertRedefineTheDomainThroughLibvirt() throws Exception {
        String id = spawned();
        GuestSpec small = guest(id);
        FlavorSpec large = new FlavorSpec("2", "m1.small", 2, 1024, 2, 0, 0, Map.of());
        GuestSpec resized = new GuestSpec(small.instance().withFlavor(large), small.bootImage(), small.kernel(),
                small.ramdisk(), small.kernelCommandLine(), small.configDrive(), small.nics());

        driver.migrateDiskAndPowerOff(id, "test-host", true, large, 5);
        assertEquals(GuestState.SHUTOFF, domain(id).state());
        driver.finishMigration(resized, true, true);
        assertEquals(GuestState.RUNNING, domain(id).state());
        DomainDefinition grown = DomainXmlParser.parse(domain(id).xml());
        assertEquals(1048576, grown.memoryKib());
        assertEquals(2, grown.vcpus());
        assertEquals(id, domain(id).uuid());

        driver.revertMigration(id, true);
        assertEquals(GuestState.SHUTOFF, domain(id).state());
        driver.finishRevertMigration(small, true, true);
        assertEquals(GuestState.RUNNING, domain(id).state());
        DomainDefinition back = DomainXmlParser.parse(domain(id).xml());
        assertEquals(524288, back.memoryKib(), "libvirt takes its own dump of the old definition back");
        assertEquals(1, back.vcpus());
        assertEquals(id, domain(id).uuid());
        assertEquals(2, back.devices().interfaces().size());
        assertFalse(Files.exists(instances.resolve(id).resolve("resize.xml")));
    }

    /**
     * A stable device rescue for each bus Tempest rescues with, defined and started through libvirt, which
     * parses the boot order (it refuses a device's {@code <boot order>} beside {@code <os><boot dev>}); the
     * guest's own definition is back after the unrescue.
     */
    @Test
    void stableDeviceRescuesDefineStartAndUnrescueThroughLibvirt() throws Exception {
        String id = spawned();
        GuestSpec own = guest(id);
        DomainDefinition ownDefinition = DomainXmlParser.parse(domain(id).xml());
        record Case(String device, String bus, String target) {
        }
        for (Case c : List.of(new Case("disk", "virtio", "vdc"), new Case("disk", "scsi", "sda"),
                new Case("disk", "usb", "sda"), new Case("cdrom", "ide", "hda"))) {
            ImageSpec image = new ImageSpec("c0ffee00-1111-4222-8333-444455556666", "rescue", "qcow2", "bare", 7,
                    "r", 0, 0, Map.of("hw_rescue_device", c.device(), "hw_rescue_bus", c.bus()));
            driver.rescue(new GuestSpec(Guests.instance(id, image, Guests.flavor(1), true), own.bootImage(), null,
                    null, null, own.configDrive(), own.nics()));
            assertEquals(GuestState.RUNNING, domain(id).state(), c.toString());
            DomainDefinition rescued = DomainXmlParser.parse(domain(id).xml());
            assertEquals(3, rescued.disks().size(), c.toString());
            var device = rescued.disks().get(2);
            assertEquals(List.of(c.device(), c.bus(), c.target(), 1),
                    List.of(device.device(), device.bus(), device.targetDev(), device.bootOrder()), c.toString());
            assertEquals(List.of("vda", "vdb"), rescued.disks().subList(0, 2).stream().map(d -> d.targetDev())
                    .toList(), c.toString());
            assertEquals(List.of(), rescued.os().bootDevices(), c.toString());

            driver.unrescue(id);
            assertEquals(GuestState.RUNNING, domain(id).state(), c.toString());
            assertEquals(ownDefinition, DomainXmlParser.parse(domain(id).xml()),
                    c + ": the guest's own definition is back");
        }
    }

    @Test
    void diagnosticsAreReadThroughTheBinding() throws Exception {
        String id = spawned();
        var d = driver.diagnostics(id);
        assertEquals("running", d.state());
        assertEquals("qemu", d.hypervisor());
        assertTrue(d.configDrive());
        assertEquals(524_288L, d.memory().maximumKib());
        assertEquals(1, d.cpus().size());
        assertEquals(0, d.cpus().get(0).id());
        assertEquals(List.of("vda", "vdb"), d.disks().stream().map(x -> x.device()).toList());
        assertEquals(List.of("fa:16:3e:aa:bb:01", "fa:16:3e:aa:bb:02"),
                d.nics().stream().map(x -> x.macAddress()).toList());
        assertEquals(List.of("tap11111111-22", "tap55555555-66"), d.nics().stream().map(x -> x.device()).toList());
        assertTrue(d.nics().get(0).rxOctets() >= 0 && d.disks().get(0).readBytes() >= 0, d.toString());
        assertEquals(Map.of(), d.memory().stats(), "the test driver keeps no balloon statistics");
    }

    @Test
    void missingDomainsAreClassifiedAsNoDomain() throws Exception {
        String missing = UUID.randomUUID().toString();
        assertEquals(Optional.empty(), inspector.lookupByName(DomainBuilder.domainName(missing)));
        assertEquals(Optional.empty(), inspector.lookupByUuid(missing));
        assertEquals(PowerState.NOSTATE, driver.powerState(missing));
        VirtException absent = assertThrows(VirtException.class, () -> driver.powerOn(missing));
        assertEquals("The server does not exist on this host", absent.getMessage());

        // A handle whose domain went away meanwhile (deleted by another caller)
        String id = spawned();
        GuestDomain stale = domain(id);
        driver.destroy(id);
        LibvirtFailure gone = assertThrows(LibvirtFailure.class, stale::state);
        assertEquals(LibvirtFailure.Reason.NO_DOMAIN, gone.reason(), gone.getMessage());

        // Not in a state for the call
        String stopped = spawned();
        driver.powerOff(stopped, false, 0);
        LibvirtFailure invalid = assertThrows(LibvirtFailure.class, () -> domain(stopped).destroy());
        assertEquals(LibvirtFailure.Reason.INVALID_STATE, invalid.reason(), invalid.getMessage());
    }

    @Test
    void aSpawnThatLibvirtRefusesLeavesNoDomainAndNoDirectory() throws Exception {
        String id = UUID.randomUUID().toString();
        GuestSpec guest = guest(id);
        // the test driver refuses a second domain with a UUID it already has under another name
        inspector.define("<domain type='test'><name>squatter-" + id + "</name><uuid>" + id
                + "</uuid><memory>1024</memory><os><type>hvm</type></os></domain>");
        try {
            VirtException refused = assertThrows(VirtException.class, () -> driver.spawn(guest));
            assertTrue(refused.getMessage().startsWith("The hypervisor could not start the server: "),
                    refused.getMessage());
            assertEquals(Optional.empty(), inspector.lookupByName(DomainBuilder.domainName(id)));
            assertFalse(Files.exists(instances.resolve(id)), "the instance directory is gone");
        } finally {
            inspector.lookupByName("squatter-" + id).orElseThrow().undefine();
        }
    }

    @Test
    void lifecycleEventsReachTheListenersAsPowerStates() throws Exception {
        String id = spawned();
        awaitEvent(id, PowerState.RUNNING);
        driver.pause(id);
        awaitEvent(id, PowerState.PAUSED);
        driver.unpause(id);
        driver.suspend(id);
        awaitEvent(id, PowerState.SUSPENDED);
        driver.resume(id);
        driver.powerOff(id, false, 0);
        awaitEvent(id, PowerState.SHUTDOWN);
        List<PowerState> states = events.stream().filter(e -> e.instanceId().equals(id))
                .map(LifecycleEvent::powerState).toList();
        assertEquals(List.of(PowerState.RUNNING, PowerState.PAUSED, PowerState.RUNNING, PowerState.SUSPENDED,
                PowerState.RUNNING, PowerState.SHUTDOWN), states, "in order, defines and undefines left out");
        assertTrue(events.stream().noneMatch(e -> e.instanceId().equals("test") || e.instanceId().isEmpty()));
    }

    private void awaitEvent(String id, PowerState state) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            if (events.stream().anyMatch(e -> e.instanceId().equals(id) && e.powerState() == state)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no " + state + " event for " + id + "; got " + events);
    }

    @Test
    void theHostIsDescribedFromLibvirt() {
        var inventory = driver.hostInventory();
        assertEquals("QEMU", inventory.hypervisorType());
        assertTrue(inventory.vcpus() > 0, inventory.toString());
        assertTrue(inventory.memoryMb() > 0, inventory.toString());
        assertNotNull(inventory.cpuInfo());
        assertTrue(inventory.cpuInfo().contains("\"arch\":\"i686\""), inventory.cpuInfo());
    }
}
