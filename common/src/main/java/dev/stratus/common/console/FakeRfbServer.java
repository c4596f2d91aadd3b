package dev.stratus.common.console;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * A small VNC server standing for guests' displays: the compute node's fake driver runs one per process, shared by
 * every simulated host, on the node's VNC listen address and a port the system picks. Each connection is an
 * {@link RfbSession} on a virtual thread, so a console proxy (and Tempest's noVNC test behind it) goes through a
 * real RFB handshake.
 */
public final class FakeRfbServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FakeRfbServer.class);

    private final ServerSocket socket;
    private final Set<Socket> sessions = ConcurrentHashMap.newKeySet();

    private FakeRfbServer(ServerSocket socket) {
        this.socket = socket;
    }

    /** Listens on {@code listenAddress} and a free port, and accepts until {@link #close}. */
    public static FakeRfbServer start(String listenAddress) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(listenAddress), 0));
        FakeRfbServer server = new FakeRfbServer(socket);
        Thread.ofVirtual().name("fake-rfb-accept").start(server::acceptLoop);
        LOG.infof("Fake guests' VNC server listens on %s", socket.getLocalSocketAddress());
        return server;
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                sessions.add(client);
                Thread.ofVirtual().name("fake-rfb-session").start(() -> serve(client));
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                LOG.warnf("Fake VNC server: accept failed: %s", e.getMessage());
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setTcpNoDelay(true);
            new RfbSession(client.getInputStream(), client.getOutputStream()).run();
        } catch (IOException e) {
            LOG.debugf("Fake VNC session ended: %s", e.getMessage());
        } finally {
            sessions.remove(client);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debugf("Fake VNC server close: %s", e.getMessage());
        }
        for (Socket s : sessions) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debugf("Fake VNC session close: %s", e.getMessage());
            }
        }
    }
}
