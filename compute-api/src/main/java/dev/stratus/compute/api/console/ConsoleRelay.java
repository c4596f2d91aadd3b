package dev.stratus.compute.api.console;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import org.jboss.logging.Logger;

/**
 * The bytes of one console session: the guest's TCP stream (its VNC server, or the TCP end of its serial port) in
 * binary websocket messages to the client, and the client's messages back, with back-pressure both ways; either
 * side closing closes the other.
 */
final class ConsoleRelay {

    private static final Logger LOG = Logger.getLogger(ConsoleRelay.class);

    private final NetClient client;

    ConsoleRelay(Vertx vertx) {
        this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(5000).setTcpNoDelay(true));
    }

    /** {@code websocket} must be paused: nothing it receives is lost while the guest's end is connected. */
    void relay(ServerWebSocket websocket, String host, int port, String instanceUuid) {
        client.connect(port, host).onComplete(connected -> {
            if (connected.failed()) {
                LOG.warnf("Console of %s: the guest's end at %s:%d did not answer: %s", instanceUuid, host, port,
                        connected.cause().getMessage());
                websocket.close();
                return;
            }
            NetSocket guest = connected.result();
            LOG.infof("Console of %s: relaying %s to %s:%d", instanceUuid, websocket.remoteAddress(), host, port);
            guest.pipeTo(websocket);
            websocket.pipeTo(guest);
            guest.closeHandler(v -> websocket.close());
            websocket.closeHandler(v -> guest.close());
        });
    }

    void close() {
        client.close();
    }
}
