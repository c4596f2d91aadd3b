package dev.stratus.common.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link FakeSerialPort}: a tty in echo mode on a TCP port, held while paused, gone once closed. */
class FakeSerialPortTest {

    @Test
    void everyByteSentComesBackOnEachConnection() throws Exception {
        try (FakeSerialPort serial = FakeSerialPort.start("127.0.0.1", 0, "serial-test");
                Socket a = new Socket("127.0.0.1", serial.port());
                Socket b = new Socket("127.0.0.1", serial.port())) {
            a.getOutputStream().write("root\r\n".getBytes(StandardCharsets.US_ASCII));
            b.getOutputStream().write(new byte[] {0, (byte) 0xff, 3});
            assertArrayEquals("root\r\n".getBytes(StandardCharsets.US_ASCII), read(a, 6));
            assertArrayEquals(new byte[] {0, (byte) 0xff, 3}, read(b, 3));
        }
    }

    @Test
    void aHeldPortAcceptsButEchoesOnlyOnceReleased() throws Exception {
        try (FakeSerialPort serial = FakeSerialPort.start("127.0.0.1", 0, "serial-test");
                Socket client = new Socket("127.0.0.1", serial.port())) {
            serial.hold();
            client.getOutputStream().write('x');
            client.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> client.getInputStream().read());
            serial.release();
            client.setSoTimeout(5000);
            assertEquals('x', client.getInputStream().read());
        }
    }

    @Test
    void closingDropsTheListenerAndItsConnectionsAndFreesThePort() throws Exception {
        FakeSerialPort serial = FakeSerialPort.start("127.0.0.1", 0, "serial-test");
        int port = serial.port();
        try (Socket client = new Socket("127.0.0.1", port)) {
            client.getOutputStream().write('a');
            assertEquals('a', read(client, 1)[0]);
            serial.close();
            assertFalse(serial.isOpen());
            client.setSoTimeout(5000);
            assertEquals(-1, client.getInputStream().read(), "the guest went away");
        }
        // the port can be listened on again once the closed connections are gone (as QEMU binds, SO_REUSEADDR)
        FakeSerialPort again = null;
        for (int i = 0; i < 50 && again == null; i++) {
            try {
                again = FakeSerialPort.start("127.0.0.1", port, "serial-test");
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        assertTrue(again != null && again.port() == port, "the port is free again");
        again.close();
    }

    @Test
    void aPortTakenByAnotherProcessCannotBeListenedOn() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThrows(IOException.class, () -> FakeSerialPort.start("127.0.0.1", other.getLocalPort(), "t"));
        }
    }

    private static byte[] read(Socket socket, int n) throws IOException {
        socket.setSoTimeout(5000);
        InputStream in = socket.getInputStream();
        return in.readNBytes(n);
    }
}
