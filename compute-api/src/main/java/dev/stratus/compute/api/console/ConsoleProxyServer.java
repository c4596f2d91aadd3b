package dev.stratus.compute.api.console;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP server of one console proxy: websocket upgrades (subprotocol {@code binary}) go to its
 * {@link ConsoleGate}, every other request to the proxy's own handler (noVNC's pages, or a 404).
 */
final class ConsoleProxyServer {

    private final HttpServer server;
    private final ConsoleGate gate;

    private ConsoleProxyServer(HttpServer server, ConsoleGate gate) {
        this.server = server;
        this.gate = gate;
    }

    static ConsoleProxyServer listen(Vertx vertx, ConsoleGate gate, String host, int port,
            Handler<HttpServerRequest> otherRequests) throws Exception {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
                .setWebSocketSubProtocols(List.of("binary")));
        server.requestHandler(request -> {
            if (ConsoleGate.isUpgrade(request)) {
                gate.upgrade(request);
            } else {
                otherRequests.handle(request);
            }
        });
        server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return new ConsoleProxyServer(server, gate);
    }

    /** The port listened on (the configured one, or the one picked for port 0). */
    int port() {
        return server.actualPort();
    }

    void close() {
        server.close();
        gate.close();
    }
}
