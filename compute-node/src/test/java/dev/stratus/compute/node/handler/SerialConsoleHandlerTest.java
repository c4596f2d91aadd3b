package dev.stratus.compute.node.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.GuestConsoleEndpoint;
import dev.stratus.common.compute.GuestConsoleEndpoint.Outcome;
import dev.stratus.compute.node.TestInstances;
import dev.stratus.compute.node.fake.FakeDriverSettings;
import dev.stratus.compute.node.fake.FakeVirtDriver;
import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.PowerState;
import dev.stratus.compute.node.virt.SerialConsoleSettings;
import dev.stratus.compute.node.virt.SerialPortAllocator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SerialConsoleHandler} on the fake driver, whose running guests each listen on a port of the range with a
 * tty in echo mode: what the proxy sends comes back, as from a guest's getty. Two simulated hosts of one process
 * share the range without sharing a port, a live migration's destination included.
 */
class SerialConsoleHandlerTest {

    private ServerSocket before;
    private SerialConsoleSettings settings;
    private SerialPortAllocator ports;
    private FakeVirtDriver driver;
    private FakeVirtDriver other;
    private SerialConsoleHandler handler;

    @BeforeEach
    void start() throws Exception {
        // a listener just below the range shows where free ports are likely
        before = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        settings = SerialConsoleSettings.on("127.0.0.1", before.getLocalPort() + 1, before.getLocalPort() + 40);
        ports = new SerialPortAllocator(settings);
        driver = new FakeVirtDriver("h1", FakeDriverSettings.reliable("h1"), null, null, ports);
        other = new FakeVirtDriver("h2", FakeDriverSettings.reliable("h2"), null, null, ports);
        handler = new SerialConsoleHandler(driver, settings);
    }

    @AfterEach
    void stop() throws IOException {
        driver.close();
        other.close();
        before.close();
    }

    private GuestSpec spawned(FakeVirtDriver on, String name) throws Exception {
        GuestSpec guest = new GuestSpec(TestInstances.instance(name, Map.of()), null, null, null, null, Map.of(),
                List.of());
        on.spawn(guest);
        return guest;
    }

    @Test
    void aRunningGuestsSerialPortEchoesWhatIsTyped() throws Exception {
        GuestSpec guest = spawned(driver, "echo");
        GuestConsoleEndpoint endpoint = handler.locate(guest.instanceId());
        assertEquals(Outcome.READY, endpoint.outcome());
        assertEquals("127.0.0.1", endpoint.host());
        assertTrue(endpoint.port() >= settings.start() && endpoint.port() < settings.stop(), endpoint.toString());
        assertEquals("test_serial_console\r\n", echoed(endpoint.port(), "test_serial_console\r\n"));
    }

    @Test
    void twoGuestsOnTwoSimulatedHostsGetTheirOwnPorts() throws Exception {
        GuestSpec a = spawned(driver, "a");
        GuestSpec b = spawned(driver, "b");
        GuestSpec c = spawned(other, "c");
        int pa = handler.locate(a.instanceId()).port();
        int pb = handler.locate(b.instanceId()).port();
        int pc = new SerialConsoleHandler(other, settings).locate(c.instanceId()).port();
        assertEquals(3, java.util.Set.of(pa, pb, pc).size(), pa + " " + pb + " " + pc);
        assertEquals("a", echoed(pa, "a"));
        assertEquals("c", echoed(pc, "c"));
    }

    @Test
    void aStoppedGuestIsNotReadyAndListensAgainOnItsPortWhenStarted() throws Exception {
        GuestSpec guest = spawned(driver, "stopped");
        int port = handler.locate(guest.instanceId()).port();
        driver.powerOff(guest.instanceId(), false, 0);
        GuestConsoleEndpoint stopped = handler.locate(guest.instanceId());
        assertEquals(Outcome.NOT_READY, stopped.outcome());
        assertNull(stopped.port());
        assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close(), "the listener is closed");
        assertNotEquals(port, handler.locate(spawned(driver, "meanwhile").instanceId()).port(),
                "a stopped guest keeps its port");
        driver.powerOn(guest.instanceId());
        assertEquals(port, handler.locate(guest.instanceId()).port());
        assertEquals("up", echoed(port, "up"));
        assertEquals(Outcome.NOT_FOUND, handler.locate("00000000-0000-4000-8000-00000000dead").outcome());
    }

    @Test
    void aPausedGuestKeepsItsSocketButAnswersOnlyWhenUnpaused() throws Exception {
        GuestSpec guest = spawned(driver, "paused");
        int port = handler.locate(guest.instanceId()).port();
        driver.pause(guest.instanceId());
        assertEquals(Outcome.READY, handler.locate(guest.instanceId()).outcome(), "QEMU keeps the socket");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write('z');
            socket.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> socket.getInputStream().read());
            driver.unpause(guest.instanceId());
            socket.setSoTimeout(5000);
            assertEquals('z', socket.getInputStream().read());
        }
    }

    @Test
    void aDeletedGuestGivesItsPortBack() throws Exception {
        GuestSpec guest = spawned(driver, "deleted");
        int port = handler.locate(guest.instanceId()).port();
        driver.destroy(guest.instanceId());
        assertEquals(Outcome.NOT_FOUND, handler.locate(guest.instanceId()).outcome());
        assertEquals(port, handler.locate(spawned(driver, "next").instanceId()).port());
    }

    @Test
    void aLiveMigratedGuestListensOnAPortOfItsOwnAtTheDestination() throws Exception {
        // Nova bug 1455252: a guest on each host, then one migrates onto the other's host
        GuestSpec moving = spawned(driver, "moving");
        GuestSpec staying = spawned(other, "staying");
        SerialConsoleHandler destination = new SerialConsoleHandler(other, settings);
        int source = handler.locate(moving.instanceId()).port();
        driver.liveMigration(moving.instanceId(), "h2");
        other.finishLiveMigration(moving, PowerState.RUNNING);
        int arrived = destination.locate(moving.instanceId()).port();
        assertNotEquals(source, arrived, "the source still listens until it is cleaned up");
        assertNotEquals(destination.locate(staying.instanceId()).port(), arrived);
        driver.cleanUpLiveMigrationSource(moving.instanceId());
        assertEquals("moved", echoed(arrived, "moved"));
        assertEquals("stays", echoed(destination.locate(staying.instanceId()).port(), "stays"));
        assertEquals(Outcome.NOT_FOUND, handler.locate(moving.instanceId()).outcome());
    }

    @Test
    void serialConsolesTurnedOffOrADriverWithoutThem() throws Exception {
        GuestSpec guest = spawned(driver, "dark");
        assertEquals(Outcome.UNAVAILABLE, new SerialConsoleHandler(driver, SerialConsoleSettings.OFF)
                .locate(guest.instanceId()).outcome());
        FakeVirtDriver without = new FakeVirtDriver("h", FakeDriverSettings.reliable("h"));
        without.spawn(guest);
        GuestConsoleEndpoint none = new SerialConsoleHandler(without, settings).locate(guest.instanceId());
        assertEquals(Outcome.NOT_SUPPORTED, none.outcome());
        assertEquals("The fake driver has no consoles", none.message());
    }

    @Test
    void closingTheDriverClosesEveryListener() throws Exception {
        int port = handler.locate(spawned(driver, "closed").instanceId()).port();
        driver.close();
        assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close());
        assertEquals(port, ports.acquire("someone", p -> false), "its ports are free again");
    }

    private static String echoed(int port, String text) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(bytes);
            return new String(socket.getInputStream().readNBytes(bytes.length), StandardCharsets.UTF_8);
        }
    }
}
