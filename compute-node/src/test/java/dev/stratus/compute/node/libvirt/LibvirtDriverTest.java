package dev.stratus.compute.node.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.ImageSpec;
import dev.stratus.compute.node.libvirt.domain.Disk;
import dev.stratus.compute.node.libvirt.domain.DomainDefinition;
import dev.stratus.compute.node.libvirt.domain.DomainXmlParser;
import dev.stratus.compute.node.libvirt.host.GuestLifecycleChange;
import dev.stratus.compute.node.libvirt.host.GuestState;
import dev.stratus.compute.node.libvirt.host.LibvirtFailure;
import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.LifecycleEvent;
import dev.stratus.compute.node.virt.PowerState;
import dev.stratus.compute.node.virt.VirtException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's own logic on {@link FakeLibvirtHost}: clean-up of failed spawns, repeated calls, guests that
 * ignore the power button, QEMU's restore of a guest saved while paused, events and reconnection: what the
 * test driver ({@link LibvirtTestDriverTest}) cannot show.
 */
class LibvirtDriverTest {

    @TempDir
    Path dir;

    private Path instances;

    private FakeLibvirtHost host;

    private FakeMedia media;

    private final AtomicInteger opens = new AtomicInteger();

    private LibvirtDriver driver;

    private final List<LifecycleEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        instances = dir.resolve("instances");
        host = new FakeLibvirtHost();
        media = new FakeMedia();
        driver = driver(TestSettings.defaults(instances).withVirtType(LibvirtSettings.VirtType.QEMU)
                .withTimeouts(Duration.ofMillis(400), Duration.ofMillis(100), Duration.ofMillis(400),
                        Duration.ofSeconds(2)));
        driver.onLifecycleEvent(events::add);
    }

    private LibvirtDriver driver(TestSettings settings) {
        return new LibvirtDriver(settings, uri -> {
            opens.incrementAndGet();
            return host;
        }, media, media, (emulator, timeout) -> {
            throw new AssertionError("virt_type is configured: no probe");
        });
    }

    private String spawned() throws Exception {
        return Guests.spawnUec(driver, dir);
    }

    private static String name(String id) {
        return DomainBuilder.domainName(id);
    }

    private FakeLibvirtHost.FakeGuest domain(String id) {
        return host.domains.get(name(id));
    }

    @Test
    void aPasswordIsRefusedAsByAGuestWithoutTheQemuAgent() {
        var refused = assertThrows(
                dev.stratus.compute.node.virt.PasswordNotSettable.class,
                () -> driver.setAdminPassword(UUID.randomUUID().toString(), "secret"));
        assertTrue(refused.agentMissing());
        assertEquals("QEMU guest agent is not enabled", refused.getMessage());
    }

    @Test
    void diagnosticsReadTheDomainAsNovaReadsIt() throws Exception {
        String id = UUID.randomUUID().toString();
        Path cache = Files.createDirectories(dir.resolve("cache"));
        List<GuestSpec.GuestNic> nics = new ArrayList<>(Guests.twoNics());
        nics.add(new GuestSpec.GuestNic("fa:16:3e:aa:bb:03", "brstratus0", null));
        driver.spawn(Guests.uecGuest(id, Files.writeString(cache.resolve("ami"), "machine"),
                Files.writeString(cache.resolve("aki"), "kernel"), Files.writeString(cache.resolve("ari"), "ramdisk"),
                nics));

        var d = driver.diagnostics(id);
        assertEquals("running", d.state());
        assertEquals("libvirt", d.driver());
        assertEquals("qemu", d.hypervisor(), "the domain's virt type");
        assertEquals("linux", d.hypervisorOs());
        assertEquals(null, d.uptimeSeconds(), "the handler counts it from the launch");
        assertTrue(d.configDrive());
        assertEquals(524_288L, d.memory().maximumKib());
        assertEquals(Map.of("actual", 524_288L, "rss", 200_164L), d.memory().stats());
        assertEquals(1, d.cpus().size(), "the flavor's one vCPU, not libvirt-java's padding");
        assertEquals(2_000_000_000L, d.cpus().get(0).timeNs());
        assertEquals(List.of("vda", "vdb"), d.disks().stream().map(x -> x.device()).toList(),
                "the root disk and the config drive");
        assertEquals(409_600L, d.disks().get(0).readBytes());
        assertEquals(-1L, d.disks().get(0).errors());
        assertEquals(List.of("tap11111111-22", "tap55555555-66"),
                d.nics().stream().limit(2).map(x -> x.device()).toList());
        assertEquals(4_408L, d.nics().get(0).rxOctets());
        assertEquals(12L, d.nics().get(0).txPackets());
        var unplugged = d.nics().get(2);
        assertEquals("fa:16:3e:aa:bb:03", unplugged.macAddress());
        assertEquals(null, unplugged.device(), "libvirt names no host device here: a NIC without counters");
        assertEquals(null, unplugged.rxOctets());

        host.statsRefused.addAll(List.of("vcpus", "memory", "vdb", "tap55555555-66"));
        var partial = driver.diagnostics(id);
        assertEquals(List.of(), partial.cpus());
        assertEquals(Map.of(), partial.memory().stats());
        assertEquals(524_288L, partial.memory().maximumKib(), "the domain's information is always read");
        assertEquals(List.of("vda"), partial.disks().stream().map(x -> x.device()).toList());
        assertEquals(List.of("fa:16:3e:aa:bb:01", "fa:16:3e:aa:bb:03"),
                partial.nics().stream().map(x -> x.macAddress()).toList(), "a NIC libvirt cannot measure is left out");

        VirtException missing = assertThrows(VirtException.class,
                () -> driver.diagnostics(UUID.randomUUID().toString()));
        assertEquals("The server does not exist on this host", missing.getMessage());
    }

    @Test
    void aSpawnThatFailsAfterDefineLeavesNoDomainAndNoDirectory() throws Exception {
        String id = UUID.randomUUID().toString();
        host.failNextCreate = new LibvirtFailure(LibvirtFailure.Reason.OTHER,
                "starting instance-x: internal error: qemu unexpectedly closed the monitor");
        VirtException failed = assertThrows(VirtException.class, () -> driver.spawn(Guests.uecGuestIn(id, dir)));
        assertTrue(failed.getMessage().contains("qemu unexpectedly closed the monitor"),
                "libvirt's reason reaches the fault: " + failed.getMessage());
        assertTrue(host.domains.isEmpty(), "the domain was undefined");
        assertEquals(List.of("define", "create", "undefine"), host.callsOn(name(id)));
        assertFalse(Files.exists(instances.resolve(id)), "the instance directory was removed");
        assertEquals(null, driver.lastSpawnTimings());
    }

    @Test
    void aSpawnThatFailsBeforeDefineLeavesNoDirectory() throws Exception {
        String id = UUID.randomUUID().toString();
        media.failOverlay = new IOException("qemu-img: Could not open base: Permission denied");
        VirtException failed = assertThrows(VirtException.class, () -> driver.spawn(Guests.uecGuestIn(id, dir)));
        assertEquals("The server's root disk could not be created from its image", failed.getMessage());
        assertTrue(host.calls.isEmpty(), "nothing was defined: " + host.calls);
        assertFalse(Files.exists(instances.resolve(id)));
    }

    @Test
    void aRepeatedSpawnOfARunningDomainIsANoOp() throws Exception {
        String id = UUID.randomUUID().toString();
        GuestSpec guest = Guests.uecGuestIn(id, dir);
        driver.spawn(guest);
        SpawnTimings first = driver.lastSpawnTimings();
        host.calls.clear();
        driver.spawn(guest);
        assertEquals(List.of(), host.callsOn(name(id)), "no define, no create");
        assertEquals(GuestState.RUNNING, domain(id).state);
        assertTrue(first == driver.lastSpawnTimings());
        assertEquals(1, media.overlays.size(), "the root disk was not made again");

        driver.pause(id);
        host.calls.clear();
        driver.spawn(guest);
        assertEquals(List.of(), host.callsOn(name(id)), "a paused guest is left paused");
        driver.unpause(id);
        driver.suspend(id);
        host.calls.clear();
        driver.spawn(guest);
        assertEquals(List.of(), host.callsOn(name(id)), "a suspended guest is left suspended");
    }

    @Test
    void aRescuedGuestBootsTheRescueDiskWithItsOwnDiskSecondAndUnrescueRestoresItsDefinition() throws Exception {
        String id = spawned();
        String own = domain(id).xml;
        host.calls.clear();
        driver.rescue(Guests.uecGuestIn(id, dir));
        String rescueXml = domain(id).xml;
        Path directory = instances.resolve(id);
        assertTrue(rescueXml.contains(directory.resolve("disk.rescue") + "\""), rescueXml);
        assertTrue(rescueXml.indexOf(directory.resolve("disk.rescue").toString())
                < rescueXml.indexOf(directory.resolve("disk") + "\""), "the rescue disk comes first: " + rescueXml);
        assertTrue(rescueXml.contains("dev=\"vdb\""), rescueXml);
        assertTrue(rescueXml.contains(directory.resolve("kernel.rescue").toString()), rescueXml);
        assertEquals(List.of("destroy", "define", "create"), host.callsOn(name(id)));
        assertEquals(GuestState.RUNNING, domain(id).state);
        assertTrue(Files.exists(directory.resolve("unrescue.xml")));

        host.calls.clear();
        driver.rescue(Guests.uecGuestIn(id, dir));
        assertEquals(List.of(), host.callsOn(name(id)), "a rescued guest is left as it is");

        driver.unrescue(id);
        assertEquals(own, domain(id).xml, "the server's own definition is back");
        assertEquals(GuestState.RUNNING, domain(id).state);
        assertFalse(Files.exists(directory.resolve("disk.rescue")));
        assertFalse(Files.exists(directory.resolve("unrescue.xml")));
        assertTrue(Files.exists(directory.resolve("disk")), "the server's own disk stays");
        host.calls.clear();
        driver.unrescue(id);
        assertEquals(List.of(), host.callsOn(name(id)), "unrescue of a guest not rescued changes nothing");
    }

    /** The guest's own spec with a rescue image asking for a stable device rescue (and the uec kernel). */
    private GuestSpec stableRescue(String id, String device, String bus) throws IOException {
        GuestSpec own = Guests.uecGuestIn(id, dir);
        ImageSpec image = new ImageSpec("c0ffee00-1111-4222-8333-444455556666", "rescue", "qcow2", "bare", 7, "r",
                0, 0, Map.of("hw_rescue_device", device, "hw_rescue_bus", bus, "kernel_id", "k-1"));
        return new GuestSpec(Guests.instance(id, image, Guests.flavor(1), true), own.bootImage(), own.kernel(),
                own.ramdisk(), "console=ttyS0", own.configDrive(), own.nics());
    }

    @Test
    void aStableDeviceRescueKeepsTheGuestsDisksAndAddsTheRescueDeviceBootedFirst() throws Exception {
        String id = spawned();
        String own = domain(id).xml;
        host.calls.clear();
        driver.rescue(stableRescue(id, "disk", "scsi"));
        Path directory = instances.resolve(id);
        DomainDefinition rescue = DomainXmlParser.parse(domain(id).xml);
        List<Disk> ownDisks = DomainXmlParser.parse(own).disks();
        assertEquals(ownDisks, rescue.disks().subList(0, ownDisks.size()), "vda and the config drive vdb stay");
        assertEquals(new Disk("disk", "qcow2", null, directory.resolve("disk.rescue").toString(), "sda", "scsi",
                false, 1), rescue.disks().get(ownDisks.size()));
        assertEquals(directory.resolve("kernel.rescue").toString(), rescue.os().kernel());
        assertEquals(List.of("destroy", "define", "create"), host.callsOn(name(id)));
        assertEquals(GuestState.RUNNING, domain(id).state);
        assertTrue(Files.exists(directory.resolve("disk.rescue")));
        assertFalse(Files.exists(directory.resolve("disk.config.rescue")), "the guest keeps its own config drive");
        assertEquals(own, Files.readString(directory.resolve("unrescue.xml")));

        driver.unrescue(id);
        assertEquals(own, domain(id).xml, "the server's own definition is back");
        assertEquals(GuestState.RUNNING, domain(id).state);
        assertFalse(Files.exists(directory.resolve("disk.rescue")));
        assertFalse(Files.exists(directory.resolve("kernel.rescue")));
        assertFalse(Files.exists(directory.resolve("unrescue.xml")));
    }

    @Test
    void aRescueBusLibvirtHasNotIsRefusedBeforeTheGuestIsTouched() throws Exception {
        String id = spawned();
        String own = domain(id).xml;
        host.calls.clear();
        VirtException refused = assertThrows(VirtException.class, () -> driver.rescue(stableRescue(id, "disk", "xen")));
        assertEquals("Requested rescue bus 'xen' is not supported by the 'qemu' virt driver", refused.getMessage());
        assertEquals(List.of(), host.callsOn(name(id)));
        assertEquals(own, domain(id).xml);
        assertEquals(GuestState.RUNNING, domain(id).state);
        assertFalse(Files.exists(instances.resolve(id).resolve("disk.rescue")));
        assertFalse(Files.exists(instances.resolve(id).resolve("unrescue.xml")));
    }

    @Test
    void aStableRescueWithNoFreeNameGivesWayToTheGuestsOwn() throws Exception {
        String id = spawned();
        // the guest's own definition already fills the IDE bus
        StringBuilder ide = new StringBuilder();
        for (String dev : List.of("hda", "hdb", "hdc", "hdd")) {
            ide.append("<disk type='file' device='cdrom'><driver name='qemu' type='raw'/><source file='/").append(dev)
                    .append("'/><target dev='").append(dev).append("' bus='ide'/></disk>\n");
        }
        String full = domain(id).xml.replace("</devices>", ide + "</devices>");
        domain(id).xml = full;
        VirtException refused = assertThrows(VirtException.class,
                () -> driver.rescue(stableRescue(id, "cdrom", "ide")));
        assertTrue(refused.getMessage().contains("maximum allowed number of disk devices (4)"), refused.getMessage());
        assertEquals(full, domain(id).xml);
        assertEquals(GuestState.RUNNING, domain(id).state, "the guest runs from its own disks again");
        assertFalse(Files.exists(instances.resolve(id).resolve("unrescue.xml")));
        assertFalse(Files.exists(instances.resolve(id).resolve("disk.rescue")));
    }

    @Test
    void aRescueDomainThatDoesNotStartGivesWayToTheGuestsOwn() throws Exception {
        String id = spawned();
        String own = domain(id).xml;
        host.failNextCreate = new LibvirtFailure(LibvirtFailure.Reason.OTHER, "rescue kernel panic");
        VirtException failed = assertThrows(VirtException.class, () -> driver.rescue(Guests.uecGuestIn(id, dir)));
        assertTrue(failed.getMessage().contains("rescue kernel panic"), failed.getMessage());
        assertEquals(own, domain(id).xml);
        assertEquals(GuestState.RUNNING, domain(id).state);
        assertFalse(Files.exists(instances.resolve(id).resolve("unrescue.xml")));
        assertFalse(Files.exists(instances.resolve(id).resolve("disk.rescue")));
    }

    @Test
    void destroyOfAMissingDomainIsANoOpThatStillRemovesLeftFiles() throws Exception {
        String missing = UUID.randomUUID().toString();
        driver.destroy(missing);
        assertTrue(host.calls.isEmpty(), host.calls.toString());

        String leftOver = UUID.randomUUID().toString();
        Path files = Files.createDirectories(instances.resolve(leftOver));
        Files.writeString(files.resolve("disk"), "from a crashed spawn");
        driver.destroy(leftOver);
        assertFalse(Files.exists(files));

        String id = spawned();
        driver.destroy(id);
        assertEquals(List.of("define", "create", "destroy", "undefine"), host.callsOn(name(id)));
        driver.destroy(id);
        assertEquals(4, host.callsOn(name(id)).size(), "the second destroy found nothing to do");
    }

    @Test
    void aGuestThatIgnoresThePowerButtonIsForcedOffAfterTheTimeout() throws Exception {
        host.guestsIgnorePowerButton = true;
        String id = spawned();
        long start = System.nanoTime();
        driver.powerOff(id, true, 1);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(GuestState.SHUTOFF, domain(id).state);
        List<String> calls = host.callsOn(name(id));
        assertTrue(calls.indexOf("shutdown") < calls.lastIndexOf("destroy"), calls.toString());
        assertTrue(calls.stream().filter("shutdown"::equals).count() >= 2, "the button is pressed again: " + calls);
        assertTrue(tookMs >= 900, "waited for the timeout: " + tookMs + " ms");
    }

    @Test
    void aSoftRebootOfAGuestThatIgnoresThePowerButtonBecomesHard() throws Exception {
        host.guestsIgnorePowerButton = true;
        String id = spawned();
        host.calls.clear();
        driver.reboot(id, false);
        assertEquals(GuestState.RUNNING, domain(id).state);
        List<String> calls = host.callsOn(name(id));
        assertEquals("shutdown", calls.get(0));
        assertEquals(List.of("destroy", "create"), calls.subList(calls.size() - 2, calls.size()));
    }

    @Test
    void aSnapshotPausesARunningGuestWhileItsDiskIsCopiedAndLeavesOthersAlone() throws Exception {
        String id = spawned();
        Path target = dir.resolve("snap.qcow2");
        host.calls.clear();
        driver.snapshot(id, target);
        assertTrue(Files.readString(target).startsWith("flattened overlay of "), Files.readString(target));
        assertEquals(List.of("pause", "unpause"), host.callsOn(name(id)));
        assertEquals(GuestState.RUNNING, domain(id).state);

        driver.pause(id);
        host.calls.clear();
        driver.snapshot(id, dir.resolve("snap2.qcow2"));
        assertEquals(List.of(), host.callsOn(name(id)), "a paused guest stays paused");
        assertEquals(GuestState.PAUSED, domain(id).state);
        assertEquals("The server does not exist on this host", assertThrows(VirtException.class,
                () -> driver.snapshot(UUID.randomUUID().toString(), dir.resolve("none"))).getMessage());
    }

    @Test
    void aGuestSuspendedWhilePausedResumesRunning() throws Exception {
        String id = spawned();
        driver.pause(id);
        driver.suspend(id);
        assertEquals(PowerState.SUSPENDED, driver.powerState(id));
        host.calls.clear();
        driver.resume(id);
        assertEquals(GuestState.RUNNING, domain(id).state);
        assertEquals(List.of("create", "unpause"), host.callsOn(name(id)));

        driver.pause(id);
        driver.suspend(id);
        driver.powerOn(id);
        assertEquals(GuestState.RUNNING, domain(id).state, "power on restores it the same way");
    }

    @Test
    void unpauseAndResumeRefuseGuestsInTheWrongState() throws Exception {
        String id = spawned();
        driver.powerOff(id, false, 0);
        assertEquals("The server is not paused", assertThrows(VirtException.class, () -> driver.unpause(id))
                .getMessage());
        assertEquals("The server is not suspended", assertThrows(VirtException.class, () -> driver.resume(id))
                .getMessage());
        assertThrows(VirtException.class, () -> driver.suspend(id));
        assertThrows(VirtException.class, () -> driver.spawn(Guests.uecGuestIn("../../etc", dir)));
    }

    @Test
    void libvirtEventsBecomePowerStateEventsOfOurGuestsOnly() throws Exception {
        String id = spawned();
        host.emit(name(id), GuestLifecycleChange.Type.STOPPED, "SAVED");
        host.emit(name(id), GuestLifecycleChange.Type.STOPPED, "CRASHED");
        host.emit(name(id), GuestLifecycleChange.Type.STOPPED, "SHUTDOWN");
        host.emit(name(id), GuestLifecycleChange.Type.SUSPENDED, "PAUSED");
        host.emit(name(id), GuestLifecycleChange.Type.RESUMED, "UNPAUSED");
        host.emit(name(id), GuestLifecycleChange.Type.DEFINED, "UPDATED");
        host.emit(name(id), GuestLifecycleChange.Type.SHUTDOWN, "FINISHED");
        host.emit("operator-vm", GuestLifecycleChange.Type.STARTED, "BOOTED");
        assertEquals(List.of(new LifecycleEvent(id, PowerState.SUSPENDED), new LifecycleEvent(id, PowerState.CRASHED),
                new LifecycleEvent(id, PowerState.SHUTDOWN), new LifecycleEvent(id, PowerState.PAUSED),
                new LifecycleEvent(id, PowerState.RUNNING)), events);
    }

    @Test
    void aLostConnectionIsOpenedAgainAndAnUnreachableHostIsNoEmptyHost() throws Exception {
        String id = spawned();
        assertEquals(1, opens.get());
        host.alive = false;
        assertEquals(PowerState.RUNNING, driver.powerState(id));
        assertEquals(2, opens.get(), "reconnected");
        assertTrue(host.closed, "the dead connection was closed");
        assertEquals(2, host.listeners.size(), "events registered on the new connection");

        LibvirtDriver unreachable = new LibvirtDriver(TestSettings.defaults(instances), uri -> {
            throw new LibvirtFailure(LibvirtFailure.Reason.NO_CONNECTION, "cannot connect to " + uri);
        }, media, media, (emulator, timeout) -> new KvmProbe.Result(false, "unused"));
        assertThrows(IllegalStateException.class, unreachable::listGuests, "not 'every guest is gone'");
        assertThrows(IllegalStateException.class, unreachable::hostInventory);
        assertEquals(PowerState.NOSTATE, unreachable.powerState(id));
        assertEquals("The hypervisor on this host is not reachable",
                assertThrows(VirtException.class, () -> unreachable.pause(id)).getMessage());
    }
}
