package dev.stratus.compute.node.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.compute.node.libvirt.domain.DomainXmlParser;
import dev.stratus.compute.node.libvirt.domain.SerialPort;
import dev.stratus.compute.node.libvirt.domain.SerialPortXml;
import dev.stratus.compute.node.libvirt.host.GuestState;
import dev.stratus.compute.node.virt.ConsoleEndpoint;
import dev.stratus.compute.node.virt.ConsoleUnavailable;
import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.SerialConsoleSettings;
import dev.stratus.compute.node.virt.VirtException;
import dev.stratus.compute.node.virt.VncSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The libvirt driver with serial consoles on, on {@link FakeLibvirtHost}: every path that defines or starts a guest
 * leaves its first serial port on a TCP port that is its own (not in another domain's definition, not bound by
 * another process), logged to the console log; the endpoint is read from the domain's XML.
 */
class LibvirtSerialConsoleTest {

    private static final FlavorSpec LARGE = new FlavorSpec("2", "m1.large", 2, 1024, 3, 0, 0, Map.of());

    @TempDir
    Path dir;

    private Path instances;

    private FakeLibvirtHost host;

    private ServerSocket below;

    private SerialConsoleSettings serial;

    private LibvirtDriver driver;

    @BeforeEach
    void setUp() throws IOException {
        instances = dir.resolve("instances");
        host = new FakeLibvirtHost();
        FakeMedia media = new FakeMedia();
        // "another process" listens on the first port of the range
        below = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        serial = SerialConsoleSettings.on("127.0.0.1", below.getLocalPort(), below.getLocalPort() + 40);
        TestSettings settings = TestSettings.defaults(instances).withVirtType(LibvirtSettings.VirtType.QEMU)
                .withTimeouts(Duration.ofMillis(400), Duration.ofMillis(100), Duration.ofMillis(400),
                        Duration.ofSeconds(2));
        driver = new LibvirtDriver(settings, VncSettings.LOCAL, serial, uri -> host, media, media,
                new VirtTypeResolver(settings, (emulator, timeout) -> {
                    throw new AssertionError("virt_type is configured: no probe");
                }));
    }

    @AfterEach
    void tearDown() throws IOException {
        below.close();
    }

    private String spawned() throws Exception {
        return Guests.spawnUec(driver, dir);
    }

    private int port(String id) {
        return SerialPortXml.tcpPorts(host.domainOf(id).xml).get(0);
    }

    @Test
    void aSpawnedGuestListensOnAFreePortOfTheRangeAndLogsTheConsoleAsBefore() throws Exception {
        String id = spawned();
        SerialPort port = DomainXmlParser.parse(host.domainOf(id).xml).devices().serials().get(0);
        assertEquals(SerialPort.TCP, port.type());
        assertEquals("127.0.0.1", port.host());
        assertEquals(instances.resolve(id).resolve("console.log").toString(), port.logFile(),
                "console log show reads the same file");
        assertNotEquals(below.getLocalPort(), port.service(), "bound by another process");
        assertTrue(port.service() < serial.stop());
        assertEquals(new ConsoleEndpoint("127.0.0.1", port.service()), driver.serialConsole(id));
    }

    @Test
    void portsInOtherDomainsDefinitionsAreSkippedEvenWhenTheyDoNotRun() throws Exception {
        String a = spawned();
        driver.powerOff(a, false, 0);
        String b = spawned();
        assertNotEquals(port(a), port(b), "a stopped guest keeps its port");
        // a domain defined by someone else with the next free port (as after a node restart)
        int next = port(b) + 1;
        String other = UUID.randomUUID().toString();
        host.define(SerialPortXml.listenOnTcp(host.domainOf(b).xml.replace(b, other), "127.0.0.1", next));
        String c = spawned();
        assertEquals(3, java.util.Set.of(port(a), port(b), port(c)).size());
        assertNotEquals(next, port(c));
    }

    @Test
    void aStoppedGuestWhosePortWasTakenIsDefinedOnAnotherBeforeItStarts() throws Exception {
        String id = spawned();
        int old = port(id);
        driver.powerOff(id, false, 0);
        try (ServerSocket thief = new ServerSocket(old, 1, InetAddress.getByName("127.0.0.1"))) {
            driver.powerOn(id);
            assertEquals(GuestState.RUNNING, host.domainOf(id).state);
            assertNotEquals(old, port(id));
            driver.reboot(id, true);
            assertNotEquals(old, port(id), "a running guest keeps its (new) port over a hard reboot");
        }
        int kept = port(id);
        driver.reboot(id, true);
        assertEquals(kept, port(id));
    }

    @Test
    void consolesOfStoppedMissingAndPtyGuests() throws Exception {
        String id = spawned();
        driver.powerOff(id, false, 0);
        assertEquals(ConsoleUnavailable.Reason.NOT_READY,
                assertThrows(ConsoleUnavailable.class, () -> driver.serialConsole(id)).reason());
        driver.powerOn(id);
        driver.pause(id);
        assertEquals(port(id), driver.serialConsole(id).port(), "QEMU keeps a paused guest's socket");
        assertEquals(ConsoleUnavailable.Reason.NOT_FOUND, assertThrows(ConsoleUnavailable.class,
                () -> driver.serialConsole(UUID.randomUUID().toString())).reason());
        // a guest defined before serial consoles were turned on
        String pty = UUID.randomUUID().toString();
        host.define(host.domainOf(id).xml.replace(id, pty).replaceAll("(?s)<serial.*</serial>",
                "<serial type='pty'><target port='0'/></serial>"));
        assertEquals(ConsoleUnavailable.Reason.NO_SERIAL_PORT,
                assertThrows(ConsoleUnavailable.class, () -> driver.serialConsole(pty)).reason());
    }

    @Test
    void aDestroyedGuestGivesItsPortBack() throws Exception {
        String a = spawned();
        int port = port(a);
        driver.destroy(a);
        assertEquals(port, port(spawned()));
    }

    @Test
    void rescueResizeAndTheirUndoingKeepTheGuestsPort() throws Exception {
        String id = spawned();
        int port = port(id);
        driver.rescue(Guests.uecGuestIn(id, dir));
        assertEquals(port, port(id), "the rescue domain");
        assertTrue(host.domainOf(id).xml.contains("disk.rescue"));
        driver.unrescue(id);
        assertEquals(port, port(id));

        GuestSpec large = new GuestSpec(Guests.uecGuestIn(id, dir).instance().withFlavor(LARGE), Guests.uecGuestIn(id, dir).bootImage(),
                Guests.uecGuestIn(id, dir).kernel(), Guests.uecGuestIn(id, dir).ramdisk(), Guests.uecGuestIn(id, dir).kernelCommandLine(), Guests.uecGuestIn(id, dir).configDrive(),
                Guests.uecGuestIn(id, dir).nics());
        driver.migrateDiskAndPowerOff(id, "fake-host", true, LARGE, 30);
        driver.finishMigration(large, true, true);
        assertEquals(port, port(id), "the resized domain");
        driver.revertMigration(id, true);
        driver.finishRevertMigration(Guests.uecGuestIn(id, dir), true, true);
        assertEquals(port, port(id), "the kept definition");
        assertEquals(GuestState.RUNNING, host.domainOf(id).state);
    }

    @Test
    void aFullRangeFailsTheSpawnAndLeavesNothing() throws Exception {
        SerialConsoleSettings one = SerialConsoleSettings.on("127.0.0.1", below.getLocalPort(),
                below.getLocalPort() + 1);
        TestSettings settings = TestSettings.defaults(instances).withVirtType(LibvirtSettings.VirtType.QEMU);
        FakeMedia media = new FakeMedia();
        LibvirtDriver full = new LibvirtDriver(settings, VncSettings.LOCAL, one, uri -> host, media, media,
                new VirtTypeResolver(settings, (emulator, timeout) -> {
                    throw new AssertionError("no probe");
                }));
        String id = UUID.randomUUID().toString();
        VirtException failed = assertThrows(VirtException.class, () -> full.spawn(Guests.uecGuestIn(id, dir)));
        assertTrue(failed.getMessage().contains("No free TCP port for a serial console"), failed.getMessage());
        assertEquals(List.of(), List.copyOf(host.domains.keySet()));
    }
}
