package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.compute.api.service.ResizeResolver;
import dev.stratus.compute.api.service.ServerMover;
import dev.stratus.compute.api.service.action.ServerActionHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * The cold-move actions with Nova's schemas: {@code resize} ({@code flavorRef}, {@code OS-DCF:diskConfig}; 202),
 * {@code migrate} ({@code null}, or {@code host} from microversion 2.56; 202), {@code confirmResize} (204) and
 * {@code revertResize} (202), both {@code null}.
 */
@ApplicationScoped
class ServerMoveActions implements ServerActionHandler {

    private static final Set<String> RESIZE_FIELDS = Set.of("flavorRef", "OS-DCF:diskConfig");

    private final ServerMover mover;
    private final ResizeResolver resolver;

    ServerMoveActions(ServerMover mover, ResizeResolver resolver) {
        this.mover = mover;
        this.resolver = resolver;
    }

    @Override
    public Set<String> keys() {
        return Set.of("resize", "migrate", "confirmResize", "revertResize");
    }

    @Override
    public Outcome handle(String key, AuthContext caller, String serverId, JsonNode args, ApiVersion version,
            String requestId) {
        switch (key) {
            case "resize" -> {
                if (args == null || !args.isObject()) {
                    throw Bodies.invalid("resize", args, "is not of type 'object'");
                }
                Bodies.onlyKnown(args, RESIZE_FIELDS);
                mover.resize(caller, serverId, Bodies.flavorRef(args, "resize"), Bodies.diskConfig(args), requestId);
                return Outcome.accepted();
            }
            case "migrate" -> {
                mover.migrate(caller, serverId, targetHost(args, version), requestId);
                return Outcome.accepted();
            }
            case "confirmResize" -> {
                resolver.confirm(caller, serverId, requestId);
                return new Outcome(204, null, null, null);
            }
            default -> {
                resolver.revert(caller, serverId, requestId);
                return Outcome.accepted();
            }
        }
    }

    /** Before 2.56 the body is {@code null} (or an empty object); from 2.56 it may name the target host. */
    private static String targetHost(JsonNode args, ApiVersion version) {
        if (args == null || args.isNull()) {
            return null;
        }
        if (!args.isObject()) {
            throw Bodies.invalid("migrate", args, "is not of type 'object', 'null'");
        }
        if (!version.atLeast("2.56")) {
            Bodies.onlyKnown(args, Set.of());
            return null;
        }
        Bodies.onlyKnown(args, Set.of("host"));
        return Bodies.optionalString(args, "host", 1, 255);
    }
}
