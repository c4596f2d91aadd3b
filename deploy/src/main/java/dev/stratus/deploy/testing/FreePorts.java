package dev.stratus.deploy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;

/** A currently free loopback port, chosen by the kernel, never one of the services' standard ports. */
public final class FreePorts {

    private static final Set<Integer> STANDARD_PORTS = Set.of(5432, 5672, 15672, 25672, 5000, 8774, 8778, 9292, 9293, 9696);

    private FreePorts() {
    }

    public static int pick() {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (!STANDARD_PORTS.contains(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free port", e);
            }
        }
        throw new IllegalStateException("no free non-standard port found");
    }
}
