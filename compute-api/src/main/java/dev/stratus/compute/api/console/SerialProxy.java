package dev.stratus.compute.api.console;

import dev.stratus.compute.api.config.ConsoleSettings;
import dev.stratus.compute.api.config.SerialConsoleSettings;
import dev.stratus.compute.api.service.console.ConsoleTokens;
import dev.stratus.compute.api.service.console.RemoteConsoles;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * nova-serialproxy's role, on its own port of this process ({@code stratus.compute.serial-console.serialproxy-port},
 * 6083): a websocket upgrade carrying a {@code serial} console token (in the query or a cookie) becomes a relay to
 * the TCP end of the guest's serial port behind it ({@link ConsoleGate} checks the token and the Origin). There are
 * no pages: any other request is a 404.
 */
@ApplicationScoped
public class SerialProxy {

    private static final Logger LOG = Logger.getLogger(SerialProxy.class);

    private final Vertx vertx;
    private final SerialConsoleSettings settings;
    private final ConsoleSettings consoles;
    private final ConsoleTokens tokens;
    private ConsoleProxyServer server;

    public SerialProxy(Vertx vertx, SerialConsoleSettings settings, ConsoleSettings consoles, ConsoleTokens tokens) {
        this.vertx = vertx;
        this.settings = settings;
        this.consoles = consoles;
        this.tokens = tokens;
    }

    void start(@Observes StartupEvent event) throws Exception {
        if (!settings.serialproxyEnabled()) {
            return;
        }
        server = ConsoleProxyServer.listen(vertx, new ConsoleGate(vertx, tokens, Set.of(RemoteConsoles.SERIAL),
                consoles.allowedOrigins().orElse(List.of())), settings.serialproxyHost(), settings.serialproxyPort(),
                request -> request.response().setStatusCode(404).end());
        LOG.infof("Serial console proxy listens on %s:%d", settings.serialproxyHost(), server.port());
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
