package dev.stratus.compute.node.handler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stratus.common.compute.GuestConsoleEndpoint;
import dev.stratus.common.compute.GuestConsoleEndpoint.Outcome;
import dev.stratus.common.console.FakeRfbServer;
import dev.stratus.common.console.RfbSession;
import dev.stratus.compute.node.TestInstances;
import dev.stratus.compute.node.fake.FakeDriverSettings;
import dev.stratus.compute.node.fake.FakeVirtDriver;
import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.VncSettings;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link VncConsoleHandler} on the fake driver, whose guests show the shared {@link FakeRfbServer}: the endpoint it
 * answers is a real RFB 3.8 server (version, security None, ClientInit/ServerInit, a raw framebuffer update), and
 * each case Nova's compute manager tells apart has its outcome.
 */
class VncConsoleHandlerTest {

    private FakeRfbServer rfb;
    private FakeVirtDriver driver;

    @BeforeEach
    void start() throws Exception {
        rfb = FakeRfbServer.start("127.0.0.1");
        driver = new FakeVirtDriver("h", FakeDriverSettings.reliable("h"), rfb, "127.0.0.1");
    }

    @AfterEach
    void stop() {
        rfb.close();
    }

    private GuestSpec spawned(String name) throws Exception {
        GuestSpec guest = new GuestSpec(TestInstances.instance(name, Map.of()), null, null, null, null, Map.of(),
                List.of());
        driver.spawn(guest);
        return guest;
    }

    @Test
    void aRunningGuestsConsoleIsARealRfbServer() throws Exception {
        GuestSpec guest = spawned("shown");
        GuestConsoleEndpoint endpoint = new VncConsoleHandler(driver, VncSettings.LOCAL).locate(guest.instanceId());
        assertEquals(Outcome.READY, endpoint.outcome());
        assertEquals("127.0.0.1", endpoint.host());
        assertEquals(rfb.port(), endpoint.port());

        try (Socket socket = new Socket(endpoint.host(), endpoint.port())) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            assertEquals("RFB 003.008\n", new String(read(in, 12), StandardCharsets.US_ASCII));
            out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
            assertArrayEquals(new byte[] {1, 1}, read(in, 2), "one security type: None");
            out.write(1);
            assertArrayEquals(new byte[] {0, 0, 0, 0}, read(in, 4), "security result OK");
            out.write(1); // ClientInit, shared
            assertEquals(RfbSession.WIDTH, in.readUnsignedShort());
            assertEquals(RfbSession.HEIGHT, in.readUnsignedShort());
            byte[] format = read(in, 16);
            assertEquals(32, format[0], "bits per pixel");
            assertEquals(1, format[3], "true colour");
            int nameLength = in.readInt();
            assertEquals(RfbSession.NAME, new String(read(in, nameLength), StandardCharsets.UTF_8));

            // SetEncodings (raw), then a full update of a 10x4 area at (60, 46): clipped to the 64x48 screen
            out.write(new byte[] {2, 0, 0, 1, 0, 0, 0, 0});
            out.write(new byte[] {3, 0, 0, 60, 0, 46, 0, 10, 0, 4});
            assertArrayEquals(new byte[] {0, 0, 0, 1}, read(in, 4), "FramebufferUpdate with one rectangle");
            assertArrayEquals(new byte[] {0, 60, 0, 46, 0, 4, 0, 2, 0, 0, 0, 0}, read(in, 12), "raw, clipped");
            assertArrayEquals(new byte[4 * 2 * 4], read(in, 4 * 2 * 4), "black pixels");
            // 8 bits per pixel from now on
            out.write(new byte[] {0, 0, 0, 0, 8, 8, 0, 1, 0, 7, 0, 7, 0, 3, 0, 3, 6, 0, 0, 0});
            out.write(new byte[] {3, 0, 0, 0, 0, 0, 0, 2, 0, 3});
            read(in, 16);
            assertArrayEquals(new byte[6], read(in, 6), "one byte a pixel");
            out.write(new byte[] {9}); // no such client message: the server hangs up
            assertThrows(EOFException.class, in::readUnsignedByte);
        }
    }

    @Test
    void rfb33ClientsGetTheSecurityTypeDecidedByTheServer() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", rfb.port())) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            read(in, 12);
            socket.getOutputStream().write("RFB 003.003\n".getBytes(StandardCharsets.US_ASCII));
            assertArrayEquals(new byte[] {0, 0, 0, 1}, read(in, 4));
            socket.getOutputStream().write(0);
            read(in, 20);
            assertEquals(RfbSession.NAME.length(), in.readInt());
        }
    }

    @Test
    void aStoppedGuestIsNotReadyAnUnknownOneNotFound() throws Exception {
        GuestSpec guest = spawned("stopped");
        VncConsoleHandler handler = new VncConsoleHandler(driver, VncSettings.LOCAL);
        driver.pause(guest.instanceId());
        assertEquals(Outcome.READY, handler.locate(guest.instanceId()).outcome(), "QEMU serves VNC while paused");
        driver.unpause(guest.instanceId());
        driver.powerOff(guest.instanceId(), false, 0);
        GuestConsoleEndpoint stopped = handler.locate(guest.instanceId());
        assertEquals(Outcome.NOT_READY, stopped.outcome());
        assertNull(stopped.port());
        assertEquals(Outcome.NOT_FOUND, handler.locate("00000000-0000-4000-8000-00000000dead").outcome());
    }

    @Test
    void vncTurnedOffOrADriverWithoutConsoles() throws Exception {
        GuestSpec guest = spawned("dark");
        assertEquals(Outcome.UNAVAILABLE, new VncConsoleHandler(driver, new VncSettings(false, "127.0.0.1",
                "127.0.0.1")).locate(guest.instanceId()).outcome());
        FakeVirtDriver without = new FakeVirtDriver("h", FakeDriverSettings.reliable("h"));
        without.spawn(guest);
        GuestConsoleEndpoint none = new VncConsoleHandler(without, VncSettings.LOCAL).locate(guest.instanceId());
        assertEquals(Outcome.NOT_SUPPORTED, none.outcome());
        assertEquals("The fake driver has no consoles", none.message());
    }

    private static byte[] read(DataInputStream in, int n) throws Exception {
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return bytes;
    }
}
