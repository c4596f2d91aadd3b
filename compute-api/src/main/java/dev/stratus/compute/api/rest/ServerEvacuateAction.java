package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.compute.api.service.AdminPasswords;
import dev.stratus.compute.api.service.ServerEvacuator;
import dev.stratus.compute.api.service.action.ServerActionHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code evacuate} with Nova's schemas: {@code host} (a name), {@code adminPass} (a string) and, below 2.14, the
 * required {@code onSharedStorage} (a boolean; from 2.14 it is refused as any unknown key); {@code force} from 2.29 to
 * 2.67. A named host is forced (it bypasses the scheduler's filters) below 2.29 and with {@code "force": true}, as
 * Nova does. The answer is 200: below 2.14 with {@code adminPass} (the one given, or one generated when the disk is
 * not on shared storage; {@code null} on shared storage), from 2.14 without a body. No storage is shared here: the
 * server is always built anew from its image, whatever {@code onSharedStorage} says.
 */
@ApplicationScoped
class ServerEvacuateAction implements ServerActionHandler {

    private static final String KEY = "evacuate";

    private final ServerEvacuator evacuator;

    ServerEvacuateAction(ServerEvacuator evacuator) {
        this.evacuator = evacuator;
    }

    @Override
    public Set<String> keys() {
        return Set.of(KEY);
    }

    @Override
    public Outcome handle(String key, AuthContext caller, String serverId, JsonNode args, ApiVersion version,
            String requestId) {
        if (args == null || !args.isObject()) {
            throw Bodies.invalid(KEY, args, "is not of type 'object'");
        }
        boolean v214 = version.atLeast("2.14");
        boolean forceAllowed = version.atLeast("2.29") && !version.atLeast("2.68");
        Set<String> known = new HashSet<>(Set.of("host", "adminPass"));
        if (!v214) {
            known.add("onSharedStorage");
        }
        if (forceAllowed) {
            known.add("force");
        }
        Bodies.onlyKnown(args, known);
        Boolean onSharedStorage = null;
        if (!v214) {
            if (!args.has("onSharedStorage")) {
                throw ApiException.badRequest("Invalid input for field/attribute " + KEY + ". Value: " + args
                        + ". 'onSharedStorage' is a required property");
            }
            onSharedStorage = Bodies.bool(args, "onSharedStorage");
            if (onSharedStorage == null) {
                throw Bodies.invalid("onSharedStorage", args.get("onSharedStorage"),
                        "is not of type 'boolean', 'string'");
            }
        }
        String host = args.has("host") ? Bodies.string(args.get("host"), "host", 1, 255) : null;
        String password = args.has("adminPass") ? Bodies.string(args.get("adminPass"), "adminPass", 0, 255) : null;
        boolean forceAsked = false;
        if (forceAllowed && args.has("force")) {
            Boolean force = Bodies.bool(args, "force");
            if (force == null) {
                throw Bodies.invalid("force", args.get("force"), "is not of type 'boolean', 'string'");
            }
            forceAsked = force;
        }
        if (forceAsked && host == null) {
            throw ApiException.badRequest("Can't force to a non-provided destination");
        }
        if (password != null && Boolean.TRUE.equals(onSharedStorage)) {
            throw ApiException.badRequest("admin password can't be changed on existing disk");
        }
        if (password == null && !Boolean.TRUE.equals(onSharedStorage)) {
            password = AdminPasswords.generate();
        }
        // As Nova: before 2.29 a named host is a forced one; from 2.29 only with "force": true, from 2.68 never.
        boolean force = host != null && (!version.atLeast("2.29") || forceAsked);
        evacuator.evacuate(caller, serverId, host, force, password, requestId);
        if (v214) {
            return Outcome.ok(null);
        }
        Map<String, Object> body = new HashMap<>();
        body.put("adminPass", password);
        return Outcome.ok(body);
    }
}
