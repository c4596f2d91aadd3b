package dev.stratus.common.console;

import dev.stratus.common.concurrent.DaemonThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import org.jboss.logging.Logger;

/**
 * The TCP end of a fake guest's serial port, as QEMU's {@code <serial type='tcp'>} in bind mode gives it: one
 * listener per guest on a given address and port, and behind it a tty in echo mode, as a real guest's getty echoes
 * what is typed: every byte received is written back. While {@link #hold held} (a paused guest) connections are
 * still accepted, as QEMU keeps the socket, but nothing is echoed until {@link #release}. Closing it drops the
 * listener and every connection (a guest that stopped), and returns once the port can be bound again.
 */
public final class FakeSerialPort implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FakeSerialPort.class);

    private final ServerSocket socket;
    private final ThreadFactory threads;
    private final Set<Socket> sessions = ConcurrentHashMap.newKeySet();
    private final Object pause = new Object();
    private boolean held;
    private Thread acceptor;

    private FakeSerialPort(ServerSocket socket, String name) {
        this.socket = socket;
        this.threads = DaemonThreads.named(name);
    }

    /**
     * Listens on {@code address}:{@code port} and echoes until {@link #close}.
     *
     * @param name names the listener's threads (e.g. after the guest)
     * @throws IOException when the port cannot be bound (another process has it)
     */
    public static FakeSerialPort start(String address, int port, String name) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true); // as QEMU: a port whose last connections are in TIME_WAIT is free
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        FakeSerialPort serial = new FakeSerialPort(socket, name);
        serial.acceptor = serial.threads.newThread(serial::acceptLoop);
        serial.acceptor.start();
        LOG.debugf("Fake serial port %s listens on %s", name, socket.getLocalSocketAddress());
        return serial;
    }

    public int port() {
        return socket.getLocalPort();
    }

    public boolean isOpen() {
        return !socket.isClosed();
    }

    /** Stops echoing (the guest's vCPUs are paused); what arrives meanwhile is echoed after {@link #release}. */
    public void hold() {
        synchronized (pause) {
            held = true;
        }
    }

    /** Echoes again. */
    public void release() {
        synchronized (pause) {
            held = false;
            pause.notifyAll();
        }
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                sessions.add(client);
                threads.newThread(() -> echo(client)).start();
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                LOG.warnf("Fake serial port: accept failed: %s", e.getMessage());
            }
        }
    }

    private void echo(Socket client) {
        try (client) {
            client.setTcpNoDelay(true);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            byte[] buffer = new byte[4096];
            while (true) {
                awaitRunning();
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                awaitRunning();
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            LOG.debugf("Fake serial session ended: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sessions.remove(client);
        }
    }

    private void awaitRunning() throws InterruptedException {
        synchronized (pause) {
            while (held && !socket.isClosed()) {
                pause.wait(500);
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debugf("Fake serial port close: %s", e.getMessage());
        }
        for (Socket s : sessions) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debugf("Fake serial session close: %s", e.getMessage());
            }
        }
        release();
        // the listening socket is only let go once the thread blocked in accept has left it: then the port is free
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
