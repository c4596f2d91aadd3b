package dev.stratus.compute.node.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.compute.node.libvirt.domain.Disk;
import dev.stratus.compute.node.libvirt.domain.DomainDefinition;
import dev.stratus.compute.node.libvirt.domain.DomainXmlParser;
import dev.stratus.compute.node.libvirt.domain.NetInterface;
import dev.stratus.compute.node.libvirt.host.GuestState;
import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.VirtException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resizes on one host through {@link LibvirtDriver} and {@link LibvirtMoves} on {@link FakeLibvirtHost}: the
 * kept definition and root disk, the grown disk and new flavor, confirm, revert, repeats, and what is refused
 * before the guest is touched.
 */
class LibvirtMovesTest {

    private static final long GIB = 1L << 30;

    private static final FlavorSpec SMALL = new FlavorSpec("1", "m1.tiny", 1, 512, 1, 0, 0, Map.of());

    private static final FlavorSpec LARGE = new FlavorSpec("2", "m1.small", 2, 2048, 3, 0, 0, Map.of());

    @TempDir
    Path dir;

    private Path instances;

    private FakeLibvirtHost host;

    private FakeMedia media;

    private LibvirtDriver driver;

    @BeforeEach
    void setUp() {
        instances = dir.resolve("instances");
        host = new FakeLibvirtHost();
        media = new FakeMedia();
        driver = new LibvirtDriver(TestSettings.defaults(instances).withVirtType(LibvirtSettings.VirtType.QEMU)
                .withTimeouts(Duration.ofMillis(400), Duration.ofMillis(100), Duration.ofMillis(400),
                        Duration.ofSeconds(2)), uri -> host, media, media, (emulator, timeout) -> {
                            throw new AssertionError("virt_type is configured: no probe");
                        });
    }

    /** A guest with a kernel, a config drive and two NICs, on {@code flavor}. */
    private GuestSpec guest(String id, FlavorSpec flavor) throws IOException {
        GuestSpec guest = Guests.uecGuestIn(id, dir);
        return new GuestSpec(guest.instance().withFlavor(flavor), guest.bootImage(), guest.kernel(),
                guest.ramdisk(), guest.kernelCommandLine(), guest.configDrive(), guest.nics());
    }

    private String spawned(FlavorSpec flavor) throws Exception {
        String id = UUID.randomUUID().toString();
        driver.spawn(guest(id, flavor));
        host.calls.clear();
        return id;
    }

    private List<String> calls(String id) {
        return host.callsOn(DomainBuilder.domainName(id));
    }

    private Path file(String id, String name) {
        return instances.resolve(id).resolve(name);
    }

    private long virtualSize(String id, String name) throws IOException {
        return media.inspect(file(id, name)).virtualSizeBytes();
    }

    @Test
    void aResizeUpStopsTheGuestKeepsItsDiskAndDefinitionAndRedefinesItWithTheNewFlavorOnAGrownDisk()
            throws Exception {
        assertFalse(driver.capabilities().movesBetweenHosts());
        String id = spawned(SMALL);
        String own = host.domainOf(id).xml;
        DomainDefinition before = DomainXmlParser.parse(own);

        driver.migrateDiskAndPowerOff(id, "fake-host", true, LARGE, 30);
        assertEquals(GuestState.SHUTOFF, host.domainOf(id).state);
        assertEquals(List.of("shutdown"), calls(id), "stopped with the power button, nothing redefined yet");
        assertEquals(own, Files.readString(file(id, "resize.xml")), "the old definition is kept");
        assertEquals(Files.readString(file(id, "disk")), Files.readString(file(id, "disk.resize-backup")),
                "a copy of the root disk is kept");
        assertTrue(Files.readString(file(id, "disk.resize-backup")).startsWith("overlay of " + dir.resolve("cache")),
                "the copy is on the same base");
        assertFalse(Files.exists(file(id, "disk.resize-backup.part")));

        host.calls.clear();
        driver.finishMigration(guest(id, LARGE), true, true);
        assertEquals(List.of("define", "create"), calls(id));
        assertEquals(GuestState.RUNNING, host.domainOf(id).state);
        assertEquals(List.of("disk " + 3 * GIB), media.resizes, "the root disk was grown with qemu-img");
        assertEquals(3 * GIB, virtualSize(id, "disk"));
        assertEquals(GIB, virtualSize(id, "disk.resize-backup"), "the kept copy is the old disk");

        DomainDefinition after = DomainXmlParser.parse(host.domainOf(id).xml);
        assertEquals(2048L * 1024, after.memoryKib());
        assertEquals(2, after.vcpus());
        assertEquals(512L * 1024, before.memoryKib());
        assertEquals(1, before.vcpus());
        assertEquals("m1.small", after.metadata().flavor().name());
        assertEquals(before.uuid(), after.uuid());
        assertEquals(before.disks().stream().map(Disk::sourceFile).toList(),
                after.disks().stream().map(Disk::sourceFile).toList(), "the same root disk and config drive");
        assertEquals(List.of(file(id, "disk").toString(), file(id, "disk.config").toString()),
                after.disks().stream().map(Disk::sourceFile).toList());
        assertEquals(before.devices().interfaces().stream().map(NetInterface::mac).toList(),
                after.devices().interfaces().stream().map(NetInterface::mac).toList(), "the same NICs");
        assertEquals(before.os(), after.os(), "the same kernel");
    }

    @Test
    void aConfirmDropsTheKeptDiskAndDefinitionOnly() throws Exception {
        String id = spawned(SMALL);
        driver.migrateDiskAndPowerOff(id, "fake-host", true, LARGE, 30);
        driver.finishMigration(guest(id, LARGE), true, true);
        String resized = host.domainOf(id).xml;
        host.calls.clear();

        driver.confirmMigration(id, true);
        assertFalse(Files.exists(file(id, "disk.resize-backup")));
        assertFalse(Files.exists(file(id, "resize.xml")));
        assertEquals(3 * GIB, virtualSize(id, "disk"), "the resized disk stays");
        assertEquals(resized, host.domainOf(id).xml);
        assertEquals(GuestState.RUNNING, host.domainOf(id).state);
        assertEquals(List.of(), calls(id), "the guest is not touched");

        driver.confirmMigration(id, true);
        assertEquals(List.of(), calls(id), "a repeated confirm finds nothing to do");
    }

    @Test
    void aRevertBringsBackTheOldDiskAndDefinitionAndStartsTheGuest() throws Exception {
        String id = spawned(SMALL);
        String own = host.domainOf(id).xml;
        String ownDisk = Files.readString(file(id, "disk"));
        driver.migrateDiskAndPowerOff(id, "fake-host", true, LARGE, 30);
        driver.finishMigration(guest(id, LARGE), true, true);
        host.calls.clear();

        driver.revertMigration(id, true);
        assertEquals(List.of("destroy"), calls(id), "the resized guest is forced off");
        assertEquals(GuestState.SHUTOFF, host.domainOf(id).state);
        assertTrue(Files.exists(file(id, "disk.resize-backup")), "the kept disk stays for the revert's end");
        assertEquals(3 * GIB, virtualSize(id, "disk"));

        host.calls.clear();
        driver.finishRevertMigration(guest(id, SMALL), true, true);
        assertEquals(List.of("define", "create"), calls(id));
        assertEquals(own, host.domainOf(id).xml, "the kept definition is back");
        assertEquals(512L * 1024, host.domainOf(id).definition.memoryKib());
        assertEquals(ownDisk, Files.readString(file(id, "disk")), "the kept root disk is back");
        assertEquals(GIB, virtualSize(id, "disk"));
        assertEquals(GuestState.RUNNING, host.domainOf(id).state);
        assertFalse(Files.exists(file(id, "disk.resize-backup")));
        assertFalse(Files.exists(file(id, "resize.xml")));

        host.calls.clear();
        driver.revertMigration(id, true);
        driver.finishRevertMigration(guest(id, SMALL), true, true);
        assertEquals(List.of(), calls(id), "repeats leave the reverted guest running as it is");
    }

    @Test
    void aStoppedGuestIsResizedAndRevertedWithoutBeingStarted() throws Exception {
        String id = spawned(SMALL);
        driver.powerOff(id, false, 0);
        host.calls.clear();
        driver.migrateDiskAndPowerOff(id, "fake-host", true, LARGE, 30);
        driver.finishMigration(guest(id, LARGE), true, false);
        assertEquals(List.of("define"), calls(id));
        assertEquals(GuestState.SHUTOFF, host.domainOf(id).state);
        assertEquals(2, host.domainOf(id).definition.vcpus());

        host.calls.clear();
        driver.revertMigration(id, true);
        driver.finishRevertMigration(guest(id, SMALL), true, false);
        assertEquals(List.of("define"), calls(id), "nothing to stop, nothing to start");
        assertEquals(GuestState.SHUTOFF, host.domainOf(id).state);
        assertEquals(1, host.domainOf(id).definition.vcpus());
        assertEquals(GIB, virtualSize(id, "disk"));
    }

    @Test
    void aLiveMigrationIsRefusedWithoutTouchingTheGuest() throws Exception {
        String id = spawned(SMALL);
        VirtException refused = assertThrows(VirtException.class, () -> driver.liveMigration(id, "compute-2"));
        assertTrue(refused.getMessage().contains("cannot live-migrate a server to another host"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("compute-2"), refused.getMessage());
        assertEquals(List.of(), calls(id));
        assertEquals(GuestState.RUNNING, host.domainOf(id).state);
    }

    @Test
    void aMoveToAnotherHostIsRefusedBeforeTheGuestIsTouched() throws Exception {
        String id = spawned(SMALL);
        VirtException refused = assertThrows(VirtException.class,
                () -> driver.migrateDiskAndPowerOff(id, "compute-2", false, LARGE, 30));
        assertTrue(refused.getMessage().contains("cannot move a server's disks to another host"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("compute-2"), refused.getMessage());
        assertEquals(List.of(), calls(id));
        assertEquals(GuestState.RUNNING, host.domainOf(id).state);
        assertFalse(Files.exists(file(id, "disk.resize-backup")));
        assertFalse(Files.exists(file(id, "resize.xml")));

        assertThrows(VirtException.class, () -> driver.finishMigration(guest(id, LARGE), false, true));
        assertThrows(VirtException.class, () -> driver.confirmMigration(id, false));
        assertThrows(VirtException.class, () -> driver.finishRevertMigration(guest(id, SMALL), false, true));
        assertEquals(List.of(), calls(id));
        assertEquals(GuestState.RUNNING, host.domainOf(id).state);

        driver.revertMigration(id, false);
        assertEquals(List.of("destroy", "undefine"), calls(id), "a revert elsewhere removes the moved guest");
        assertFalse(Files.exists(instances.resolve(id)));
    }

    @Test
    void aSmallerRootDiskIsRefusedBeforeTheGuestIsTouched() throws Exception {
        String id = spawned(LARGE);
        VirtException refused = assertThrows(VirtException.class,
                () -> driver.migrateDiskAndPowerOff(id, "fake-host", true, SMALL, 30));
        assertEquals("Unable to resize disk down.", refused.getMessage());
        assertEquals(List.of(), calls(id));
        assertEquals(GuestState.RUNNING, host.domainOf(id).state);
        assertFalse(Files.exists(file(id, "disk.resize-backup")));
        assertFalse(Files.exists(file(id, "resize.xml")));

        FlavorSpec sameDiskFewerCpus = new FlavorSpec("3", "m1.narrow", 1, 1024, 3, 0, 0, Map.of());
        driver.migrateDiskAndPowerOff(id, "fake-host", true, sameDiskFewerCpus, 30);
        driver.finishMigration(guest(id, sameDiskFewerCpus), true, true);
        assertEquals(List.of(), media.resizes, "a disk of the same size is not resized");
        assertEquals(1, host.domainOf(id).definition.vcpus());
        assertEquals(GuestState.RUNNING, host.domainOf(id).state);
    }

    @Test
    void aRepeatedMoveKeepsTheFirstCopyAndARepeatedFinishLeavesTheResizedGuestAlone() throws Exception {
        String id = spawned(SMALL);
        String own = host.domainOf(id).xml;
        driver.migrateDiskAndPowerOff(id, "fake-host", true, LARGE, 30);
        String backup = Files.readString(file(id, "disk.resize-backup"));
        // the copy must not be taken again from a disk that changed since
        Files.writeString(file(id, "disk"), Files.readString(file(id, "disk")) + "changed after the copy\n");
        host.calls.clear();

        driver.migrateDiskAndPowerOff(id, "fake-host", true, LARGE, 30);
        assertEquals(List.of(), calls(id), "the stopped guest is not touched again");
        assertEquals(backup, Files.readString(file(id, "disk.resize-backup")), "the first copy is kept");
        assertEquals(own, Files.readString(file(id, "resize.xml")));

        driver.finishMigration(guest(id, LARGE), true, true);
        host.calls.clear();
        driver.finishMigration(guest(id, LARGE), true, true);
        assertEquals(List.of(), calls(id), "the resized guest runs already");
        assertEquals(List.of("disk " + 3 * GIB), media.resizes, "grown once");
        assertEquals(GuestState.RUNNING, host.domainOf(id).state);
    }

    @Test
    void aGuestThatIgnoresThePowerButtonIsForcedOffAfterTheMovesTimeout() throws Exception {
        host.guestsIgnorePowerButton = true;
        String id = spawned(SMALL);
        long start = System.nanoTime();
        driver.migrateDiskAndPowerOff(id, "fake-host", true, LARGE, 1);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        List<String> calls = calls(id);
        assertEquals("shutdown", calls.get(0));
        assertEquals("destroy", calls.get(calls.size() - 1));
        assertEquals(GuestState.SHUTOFF, host.domainOf(id).state);
        assertTrue(tookMs >= 900, "waited for the call's timeout: " + tookMs + " ms");
        assertTrue(Files.exists(file(id, "disk.resize-backup")));
    }

    @Test
    void aSuspendedOrRescuedGuestIsNotResizedAndAMissingOneIsNotThere() throws Exception {
        String id = spawned(SMALL);
        driver.suspend(id);
        host.calls.clear();
        assertEquals("The server is suspended: resume it before resizing it", assertThrows(VirtException.class,
                () -> driver.migrateDiskAndPowerOff(id, "fake-host", true, LARGE, 30)).getMessage());
        assertEquals(List.of(), calls(id));
        driver.resume(id);

        driver.rescue(guest(id, SMALL));
        host.calls.clear();
        assertEquals("The server is rescued: unrescue it before resizing it", assertThrows(VirtException.class,
                () -> driver.migrateDiskAndPowerOff(id, "fake-host", true, LARGE, 30)).getMessage());
        assertEquals(List.of(), calls(id));
        assertFalse(Files.exists(file(id, "disk.resize-backup")));

        assertEquals("The server does not exist on this host", assertThrows(VirtException.class,
                () -> driver.migrateDiskAndPowerOff(UUID.randomUUID().toString(), "fake-host", true, LARGE, 30))
                .getMessage());
    }
}
