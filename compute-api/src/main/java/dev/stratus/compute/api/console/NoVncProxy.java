package dev.stratus.compute.api.console;

import dev.stratus.compute.api.config.ConsoleSettings;
import dev.stratus.compute.api.persistence.ConsoleAuthTokenRow;
import dev.stratus.compute.api.service.console.ConsoleTokens;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * nova-novncproxy's role, on its own port of this process ({@code stratus.compute.vnc.novncproxy-port}, 6080):
 * noVNC's pages from Debian's {@code novnc} package, and for a websocket upgrade carrying a console token, the
 * guest's VNC server behind it. The token must exist and not have expired, and a browser's Origin must be this
 * host; otherwise the upgrade is refused (403, no body, connection closed) and nothing reaches the guest.
 */
@ApplicationScoped
public class NoVncProxy {

    private static final Logger LOG = Logger.getLogger(NoVncProxy.class);

    private final Vertx vertx;
    private final ConsoleSettings settings;
    private final ConsoleTokens tokens;
    private HttpServer server;
    private RfbRelay relay;

    public NoVncProxy(Vertx vertx, ConsoleSettings settings, ConsoleTokens tokens) {
        this.vertx = vertx;
        this.settings = settings;
        this.tokens = tokens;
    }

    void start(@Observes StartupEvent event) throws Exception {
        if (!settings.novncproxyEnabled()) {
            return;
        }
        Path web = Path.of(settings.webDirectory());
        if (!Files.isDirectory(web)) {
            LOG.warnf("noVNC's files are not in %s (Debian's novnc package): console pages will be 404s", web);
        }
        Router pages = Router.router(vertx);
        pages.route().handler(StaticHandler.create(FileSystemAccess.ROOT, web.toAbsolutePath().toString())
                .setDirectoryListing(false));
        relay = new RfbRelay(vertx);
        server = vertx.createHttpServer(new HttpServerOptions().setHost(settings.novncproxyHost())
                .setPort(settings.novncproxyPort()).setWebSocketSubProtocols(List.of("binary")));
        server.requestHandler(request -> {
            if (isUpgrade(request)) {
                upgrade(request);
            } else {
                pages.handle(request);
            }
        });
        server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        LOG.infof("noVNC proxy listens on %s:%d (pages from %s)", settings.novncproxyHost(), server.actualPort(), web);
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.close();
            relay.close();
        }
    }

    /** The port the proxy listens on (the configured one, or the one picked for port 0). */
    public int port() {
        return server == null ? -1 : server.actualPort();
    }

    private static boolean isUpgrade(HttpServerRequest request) {
        String upgrade = request.getHeader(HttpHeaders.UPGRADE);
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    private void upgrade(HttpServerRequest request) {
        request.pause();
        String token = ProxyRequests.token(request.query(), request.getHeader(HttpHeaders.COOKIE));
        vertx.executeBlocking(() -> tokens.validate(token), false).onComplete(checked -> {
            Optional<ConsoleAuthTokenRow> row = checked.succeeded() ? checked.result() : Optional.empty();
            if (checked.failed()) {
                LOG.warnf("Console token check failed: %s", checked.cause().getMessage());
            }
            if (row.isEmpty()) {
                refuse(request, "the token is unknown or expired");
                return;
            }
            ConsoleAuthTokenRow console = row.get();
            if (!ProxyRequests.originAllowed(request.getHeader(HttpHeaders.ORIGIN), request.getHeader(HttpHeaders.HOST),
                    request.getHeader("X-Forwarded-Proto"), console.accessUrlBase(),
                    settings.allowedOrigins().orElse(List.of()))) {
                refuse(request, "its Origin " + request.getHeader(HttpHeaders.ORIGIN) + " does not match this host");
                return;
            }
            request.toWebSocket().onComplete(upgraded -> {
                if (upgraded.failed()) {
                    LOG.infof("Console websocket upgrade failed: %s", upgraded.cause().getMessage());
                    return;
                }
                upgraded.result().pause();
                relay.relay(upgraded.result(), console.host(), console.port(), console.instanceUuid());
            });
        });
    }

    /** As a websocket refused by nova-novncproxy: nothing the client could take for console data, then the end. */
    private static void refuse(HttpServerRequest request, String why) {
        LOG.infof("Console websocket from %s refused: %s", request.remoteAddress(), why);
        request.response().setStatusCode(403).putHeader(HttpHeaders.CONNECTION, "close")
                .putHeader(HttpHeaders.CONTENT_LENGTH, "0").end()
                .onComplete(done -> request.connection().close());
    }
}
