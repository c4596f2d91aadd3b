package dev.stratus.compute.node.virt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * {@link SerialPortAllocator}: Nova's {@code acquire_port} and {@code release_port}, with ports really bound by
 * another listener on the loopback address.
 */
class SerialPortAllocatorTest {

    /** A listener of "another process" on a port the system picks; the test's range starts there. */
    private static ServerSocket occupied() throws Exception {
        return new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void portsAreGivenInOrderSkippingBoundOnesHeldOnesAndTakenOnes() throws Exception {
        try (ServerSocket other = occupied()) {
            int first = other.getLocalPort();
            SerialPortAllocator ports = new SerialPortAllocator(SerialConsoleSettings.on("127.0.0.1", first,
                    first + 20));
            int a = ports.acquire("a", p -> false);
            assertNotEquals(first, a, "bound by another process");
            int b = ports.acquire("b", p -> false);
            assertNotEquals(a, b, "held by a");
            int c = ports.acquire("c", p -> p == b + 1);
            assertTrue(c > b + 1, "the caller's taken port (another domain's) is skipped: " + c);
            assertEquals(OptionalInt.of(a), ports.held("a"));
            ports.release("a");
            assertEquals(a, ports.acquire("d", p -> false), "a released port is the first free one again");
        }
    }

    @Test
    void anOwnerThatAcquiresAgainGivesUpItsPort() throws Exception {
        try (ServerSocket other = occupied()) {
            int first = other.getLocalPort() + 1;
            SerialPortAllocator ports = new SerialPortAllocator(SerialConsoleSettings.on("127.0.0.1", first,
                    first + 20));
            int a = ports.acquire("a", p -> false);
            int again = ports.acquire("a", p -> p == a);
            assertNotEquals(a, again);
            assertEquals(a, ports.acquire("b", p -> false));
        }
    }

    @Test
    void aKeptPortMustStillBeFree() throws Exception {
        try (ServerSocket other = occupied()) {
            int bound = other.getLocalPort();
            SerialPortAllocator ports = new SerialPortAllocator(SerialConsoleSettings.on("127.0.0.1", bound,
                    bound + 20));
            assertFalse(ports.keep("a", bound, p -> false, false), "someone else listens there");
            assertTrue(ports.keep("a", bound, p -> false, true), "its own guest listens there (running)");
            assertFalse(ports.keep("b", bound, p -> false, true), "held by a");
            int free = ports.acquire("c", p -> false);
            ports.release("c");
            assertFalse(ports.keep("d", free, p -> p == free, false), "another domain's definition has it");
            assertTrue(ports.keep("d", free, p -> false, false));
        }
    }

    @Test
    void anExhaustedRangeIsAnError() throws Exception {
        try (ServerSocket other = occupied()) {
            int bound = other.getLocalPort();
            SerialPortAllocator ports = new SerialPortAllocator(SerialConsoleSettings.on("127.0.0.1", bound,
                    bound + 1));
            VirtException e = assertThrows(VirtException.class, () -> ports.acquire("a", p -> false));
            assertEquals("No free TCP port for a serial console on 127.0.0.1 in the range " + bound + ":"
                    + (bound + 1), e.getMessage());
        }
    }

    @Test
    void aBadRangeFallsBackToNovasDefault() {
        assertEquals(10000, SerialConsoleSettings.portRange("20000:10000")[0]);
        assertEquals(20000, SerialConsoleSettings.portRange("x")[1]);
        assertEquals(12000, SerialConsoleSettings.portRange(" 12000:12010 ")[0]);
    }
}
