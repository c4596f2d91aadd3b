package dev.stratus.compute.node.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.compute.node.virt.ConsoleEndpoint;
import dev.stratus.compute.node.virt.SerialConsoleSettings;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Serial consoles on a real QEMU: the project's test guest (deploy/guest-image) is spawned with serial consoles on,
 * the test connects to the TCP port the driver answers, reads the guest's boot output from it, types at its getty
 * and reads the echo, and finds the boot output in the console log (virtlogd's copy, what {@code console log show} reads). Not part of the default suite
 * (it starts a real guest on the host's libvirtd); run it alone, after {@code deploy/guest-image/build}:
 *
 * <pre>smvn -o test -pl compute-node -Dtest=QemuSerialConsoleCheck -Dstratus.test.qemu-uri=qemu:///system
 *     [-Dstratus.test.guest-image=deploy/guest-image/out]</pre>
 *
 * Its files live in a temporary directory of its own and its domain is destroyed and undefined at the end.
 */
@EnabledIfSystemProperty(named = "stratus.test.qemu-uri", matches = ".+")
class QemuSerialConsoleCheck {

    private static final String READY = "stratus-guest: ready";

    @Test
    void theGuestsBootOutputComesOverTcpAndIntoTheConsoleLog() throws Exception {
        try (QemuTestGuest guest = QemuTestGuest.prepare("stratus-serial-check")) {
            SerialConsoleSettings serial;
            try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                // a range whose first port another listener holds: the guest must take another
                serial = SerialConsoleSettings.on("127.0.0.1", taken.getLocalPort(), taken.getLocalPort() + 50);
            }
            LibvirtDriver driver = guest.driver(serial);
            String id = UUID.randomUUID().toString();
            try {
                driver.spawn(guest.spec(id));
                check(driver, id, serial, guest.root());
            } finally {
                driver.destroy(id);
                driver.close();
            }
        }
    }

    private static void check(LibvirtDriver driver, String id, SerialConsoleSettings serial, Path root)
            throws Exception {
        ConsoleEndpoint endpoint = driver.serialConsole(id);
        assertEquals("127.0.0.1", endpoint.host());
        assertTrue(endpoint.port() >= serial.start() && endpoint.port() < serial.stop(), endpoint.toString());

        try (Socket socket = new Socket(endpoint.host(), endpoint.port())) {
            String received = readUntil(socket, READY, null, Duration.ofSeconds(150));
            assertTrue(received.contains(READY), "over TCP: " + received);
            // as Tempest's test_live_migration_serial_console: what is typed comes back (getty echoes it)
            String typed = "stratus_serial_check";
            String echoed = readUntil(socket, typed, typed, Duration.ofSeconds(60));
            assertTrue(echoed.contains(typed), "echoed: " + echoed);
        }
        Path log = root.resolve("instances").resolve(id).resolve("console.log");
        String logged = "";
        for (int i = 0; i < 50 && !logged.contains(READY); i++) {
            Thread.sleep(100);
            logged = Files.exists(log) ? driver.consoleOutput(id, null) : "";
        }
        assertTrue(logged.contains("Linux version"), "the log has the whole boot: " + logged);
        assertTrue(logged.contains(READY), "the log: " + logged);
    }

    /**
     * What the guest writes on its serial port until {@code text}, sending {@code typed} (when not null) every second
     * meanwhile.
     */
    private static String readUntil(Socket socket, String text, String typed, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        socket.setSoTimeout(1000);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        while (System.nanoTime() < deadline && !out.toString(StandardCharsets.UTF_8).contains(text)) {
            if (typed != null) {
                socket.getOutputStream().write(typed.getBytes(StandardCharsets.US_ASCII));
            }
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
            } catch (SocketTimeoutException e) {
                // the guest is quiet for now
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
