package dev.stratus.compute.api.console;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import org.jboss.logging.Logger;

/**
 * The bytes of one console session: the guest's VNC server's TCP stream in binary websocket messages to the
 * browser, and the browser's messages back, with back-pressure both ways; either side closing closes the other.
 */
final class RfbRelay {

    private static final Logger LOG = Logger.getLogger(RfbRelay.class);

    private final NetClient client;

    RfbRelay(Vertx vertx) {
        this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(5000).setTcpNoDelay(true));
    }

    /** {@code websocket} must be paused: nothing it receives is lost while the VNC server is connected. */
    void relay(ServerWebSocket websocket, String host, int port, String instanceUuid) {
        client.connect(port, host).onComplete(connected -> {
            if (connected.failed()) {
                LOG.warnf("Console of %s: the VNC server at %s:%d did not answer: %s", instanceUuid, host, port,
                        connected.cause().getMessage());
                websocket.close();
                return;
            }
            NetSocket vnc = connected.result();
            LOG.infof("Console of %s: relaying %s to %s:%d", instanceUuid, websocket.remoteAddress(), host, port);
            vnc.pipeTo(websocket);
            websocket.pipeTo(vnc);
            vnc.closeHandler(v -> websocket.close());
            websocket.closeHandler(v -> vnc.close());
        });
    }

    void close() {
        client.close();
    }
}
