package dev.stratus.compute.api.console;

import dev.stratus.compute.api.config.ConsoleSettings;
import dev.stratus.compute.api.service.console.ConsoleTokens;
import dev.stratus.compute.api.service.console.RemoteConsoles;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * nova-novncproxy's role, on its own port of this process ({@code stratus.compute.vnc.novncproxy-port}, 6080):
 * noVNC's pages from Debian's {@code novnc} package, and for a websocket upgrade carrying a {@code novnc} console
 * token, the guest's VNC server behind it ({@link ConsoleGate} checks the token and the Origin).
 */
@ApplicationScoped
public class NoVncProxy {

    private static final Logger LOG = Logger.getLogger(NoVncProxy.class);

    private final Vertx vertx;
    private final ConsoleSettings settings;
    private final ConsoleTokens tokens;
    private ConsoleProxyServer server;

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
        server = ConsoleProxyServer.listen(vertx, new ConsoleGate(vertx, tokens, Set.of(RemoteConsoles.NOVNC),
                settings.allowedOrigins().orElse(List.of())), settings.novncproxyHost(), settings.novncproxyPort(),
                pages::handle);
        LOG.infof("noVNC proxy listens on %s:%d (pages from %s)", settings.novncproxyHost(), server.port(), web);
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.close();
        }
    }

    /** The port the proxy listens on (the configured one, or the one picked for port 0). */
    public int port() {
        return server == null ? -1 : server.port();
    }
}
