package dev.stratus.deploy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Answers one question: is something accepting TCP connections at host:port right now. */
public final class TcpProbe {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);

    private TcpProbe() {
    }

    public static boolean isAccepting(String host, int port) {
        return isAccepting(host, port, DEFAULT_TIMEOUT);
    }

    public static boolean isAccepting(String host, int port, Duration timeout) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
            return true;
        } catch (IOException e) {
            // refused, unreachable, unknown host or timed out: all mean "not accepting"
            return false;
        }
    }

    /** Polls until host:port accepts a connection; false if the deadline passes first. */
    public static boolean awaitAccepting(String host, int port, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (isAccepting(host, port)) {
                return true;
            }
            Thread.sleep(100);
        }
        return isAccepting(host, port);
    }
}
