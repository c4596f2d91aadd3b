package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.compute.api.service.ServerRescuer;
import dev.stratus.compute.api.service.action.ServerActionHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;

/**
 * {@code rescue}: {@code null}, or {@code adminPass} and {@code rescue_image_ref} (Nova's schema, no other
 * property); answers 200 with the rescue password, as Nova does with instance passwords enabled.
 */
@ApplicationScoped
class ServerRescueAction implements ServerActionHandler {

    private static final Set<String> FIELDS = Set.of("adminPass", "rescue_image_ref");

    private final ServerRescuer rescuer;

    ServerRescueAction(ServerRescuer rescuer) {
        this.rescuer = rescuer;
    }

    @Override
    public Set<String> keys() {
        return Set.of("rescue");
    }

    @Override
    public Outcome handle(String key, AuthContext caller, String serverId, JsonNode args, ApiVersion version,
            String requestId) {
        String adminPass = null;
        String imageRef = null;
        if (args != null && !args.isNull()) {
            if (!args.isObject()) {
                throw Bodies.invalid("rescue", args, "is not of type 'object', 'null'");
            }
            Bodies.onlyKnown(args, FIELDS);
            adminPass = Bodies.optionalString(args, "adminPass", 0, 255);
            imageRef = Bodies.optionalString(args, "rescue_image_ref", 1, 255);
            if (imageRef != null && !Bodies.isUuid(imageRef)) {
                throw Bodies.invalid("rescue_image_ref", args.get("rescue_image_ref"), "is not a 'uuid'");
            }
        }
        return Outcome.ok(Map.of("adminPass", rescuer.rescue(caller, serverId, adminPass, imageRef, requestId)));
    }
}
