package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.compute.api.service.PasswordChanger;
import dev.stratus.compute.api.service.action.ServerActionHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** {@code changePassword}: {@code adminPass} (Nova's schema, nothing else); 202 once the guest took it. */
@ApplicationScoped
class ServerPasswordAction implements ServerActionHandler {

    private final PasswordChanger changer;

    ServerPasswordAction(PasswordChanger changer) {
        this.changer = changer;
    }

    @Override
    public Set<String> keys() {
        return Set.of("changePassword");
    }

    @Override
    public Outcome handle(String key, AuthContext caller, String serverId, JsonNode args, ApiVersion version,
            String requestId) {
        if (args == null || !args.isObject()) {
            throw Bodies.invalid("changePassword", args, "is not of type 'object'");
        }
        Bodies.onlyKnown(args, Set.of("adminPass"));
        String password = Bodies.requiredString(args, "adminPass", 0, 255);
        changer.change(caller, serverId, password, requestId);
        return Outcome.accepted();
    }
}
