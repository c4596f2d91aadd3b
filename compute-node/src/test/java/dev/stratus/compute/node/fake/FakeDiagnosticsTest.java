package dev.stratus.compute.node.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.GuestDiagnostics;
import dev.stratus.compute.node.TestInstances;
import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.GuestSpec.GuestNic;
import dev.stratus.compute.node.virt.PowerState;
import dev.stratus.compute.node.virt.VirtException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fake guest's figures: from its flavor and NICs, consistent over time, afresh after a power cycle. */
class FakeDiagnosticsTest {

    private final FakeVirtDriver driver = new FakeVirtDriver("h", FakeDriverSettings.reliable("h"));

    private static GuestSpec guest(FlavorSpec flavor, List<GuestNic> nics, Map<String, byte[]> configDrive) {
        return new GuestSpec(TestInstances.instance("diag", Map.of()).withFlavor(flavor), null, null, null, null,
                configDrive, nics);
    }

    @Test
    void theFiguresFollowTheFlavorAndTheNics() throws Exception {
        FlavorSpec flavor = new FlavorSpec("42", "m1.nano", 3, 128, 1, 0, 0, Map.of());
        GuestSpec guest = guest(flavor, List.of(new GuestNic("fa:16:3e:aa:bb:01", "brq1", "11111111-2222-3333-4444"),
                new GuestNic("fa:16:3e:aa:bb:02", "brstratus0", null)),
                Map.of("openstack/latest/meta_data.json", "{}".getBytes(StandardCharsets.UTF_8)));
        driver.spawn(guest);

        GuestDiagnostics d = driver.diagnostics(guest.instanceId());
        assertEquals("running", d.state());
        assertEquals("libvirt", d.driver());
        assertEquals("fake", d.hypervisor());
        assertEquals("linux", d.hypervisorOs());
        assertTrue(d.configDrive());
        assertEquals(List.of(0, 1, 2), d.cpus().stream().map(GuestDiagnostics.Cpu::id).toList());
        assertEquals(128L * 1024, d.memory().maximumKib());
        assertEquals(128L * 1024, d.memory().currentKib());
        assertEquals(128L * 1024, d.memory().stats().get("actual"));
        assertTrue(d.memory().stats().get("rss") <= 128L * 1024);
        assertEquals(1, d.disks().size());
        GuestDiagnostics.Disk disk = d.disks().get(0);
        assertEquals("vda", disk.device());
        assertEquals(disk.readRequests() * 16_384, disk.readBytes());
        assertEquals(-1L, disk.errors(), "QEMU keeps no error count");
        assertEquals(List.of("tap11111111-22", "vnet1"), d.nics().stream().map(GuestDiagnostics.Nic::device).toList());
        assertEquals(List.of("fa:16:3e:aa:bb:01", "fa:16:3e:aa:bb:02"),
                d.nics().stream().map(GuestDiagnostics.Nic::macAddress).toList());
        assertEquals(0L, d.nics().get(0).rxErrors());
    }

    @Test
    void countersGrowWithRunningTimeAndStartAgainWithANewProcess() throws Exception {
        FakeGuestHardware hardware = new FakeGuestHardware(1, 512, List.of(new GuestNic("fa:16:3e:00:00:01", "b", "p")),
                false);
        GuestDiagnostics early = FakeDiagnostics.of(hardware, PowerState.RUNNING, Duration.ofSeconds(10));
        GuestDiagnostics later = FakeDiagnostics.of(hardware, PowerState.RUNNING, Duration.ofHours(1));
        assertTrue(later.cpus().get(0).timeNs() > early.cpus().get(0).timeNs());
        assertTrue(later.disks().get(0).writeBytes() > early.disks().get(0).writeBytes());
        assertTrue(later.nics().get(0).rxPackets() > early.nics().get(0).rxPackets());
        assertTrue(later.cpus().get(0).timeNs() < Duration.ofHours(1).toNanos(), "an idle guest");

        GuestSpec guest = guest(TestInstances.SMALL, List.of(), Map.of());
        driver.spawn(guest);
        Thread.sleep(30);
        long before = driver.diagnostics(guest.instanceId()).cpus().get(0).timeNs();
        driver.powerOff(guest.instanceId(), true, 0);
        driver.powerOn(guest.instanceId());
        assertTrue(driver.diagnostics(guest.instanceId()).cpus().get(0).timeNs() < before,
                "a guest started again counts afresh");
    }

    @Test
    void aResizeChangesTheFiguresAndItsRevertBringsThemBack() throws Exception {
        GuestSpec guest = guest(TestInstances.SMALL, List.of(), Map.of());
        driver.spawn(guest);
        FlavorSpec bigger = new FlavorSpec("3", "m1.medium", 4, 4096, 40, 0, 0, Map.of());
        driver.migrateDiskAndPowerOff(guest.instanceId(), "h", true, bigger, 0);
        GuestSpec resized = new GuestSpec(guest.instance().withFlavor(bigger), null, null, null, null, Map.of(),
                List.of());
        driver.finishMigration(resized, true, true);
        assertEquals(4, driver.diagnostics(guest.instanceId()).cpus().size());
        assertEquals(4096L * 1024, driver.diagnostics(guest.instanceId()).memory().maximumKib());

        driver.revertMigration(guest.instanceId(), true);
        driver.finishRevertMigration(guest, true, true);
        assertEquals(2, driver.diagnostics(guest.instanceId()).cpus().size());
    }

    @Test
    void aGuestThisHostDoesNotHaveHasNoFigures() {
        assertThrows(VirtException.class, () -> driver.diagnostics("missing"));
    }
}
