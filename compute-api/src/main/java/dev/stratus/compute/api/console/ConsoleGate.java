package dev.stratus.compute.api.console;

import dev.stratus.compute.api.persistence.ConsoleAuthTokenRow;
import dev.stratus.compute.api.service.console.ConsoleTokens;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The websocket side of a console proxy (Nova's {@code NovaProxyRequestHandler}): an upgrade carrying a console
 * token of one of this proxy's console types, unexpired, from no browser or a browser whose Origin is this host
 * (or an allowed one), becomes a relay to the guest's end behind the token. Anything else is refused: 403, no body,
 * connection closed, and nothing reaches the guest.
 */
final class ConsoleGate {

    private static final Logger LOG = Logger.getLogger(ConsoleGate.class);

    private final Vertx vertx;
    private final ConsoleTokens tokens;
    private final Set<String> consoleTypes;
    private final List<String> allowedOrigins;
    private final ConsoleRelay relay;

    /** @param consoleTypes the console types whose tokens this proxy accepts ({@code novnc}, {@code serial}) */
    ConsoleGate(Vertx vertx, ConsoleTokens tokens, Set<String> consoleTypes, List<String> allowedOrigins) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.consoleTypes = consoleTypes;
        this.allowedOrigins = allowedOrigins;
        this.relay = new ConsoleRelay(vertx);
    }

    static boolean isUpgrade(HttpServerRequest request) {
        String upgrade = request.getHeader(HttpHeaders.UPGRADE);
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    void upgrade(HttpServerRequest request) {
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
            if (!consoleTypes.contains(console.consoleType())) {
                refuse(request, "the token is for a " + console.consoleType() + " console, not one of this proxy's");
                return;
            }
            if (!ProxyRequests.originAllowed(request.getHeader(HttpHeaders.ORIGIN), request.getHeader(HttpHeaders.HOST),
                    request.getHeader("X-Forwarded-Proto"), console.accessUrlBase(), allowedOrigins)) {
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

    void close() {
        relay.close();
    }

    /** As a websocket refused by Nova's proxies: nothing the client could take for console data, then the end. */
    private static void refuse(HttpServerRequest request, String why) {
        LOG.infof("Console websocket from %s refused: %s", request.remoteAddress(), why);
        request.response().setStatusCode(403).putHeader(HttpHeaders.CONNECTION, "close")
                .putHeader(HttpHeaders.CONTENT_LENGTH, "0").end()
                .onComplete(done -> request.connection().close());
    }
}
