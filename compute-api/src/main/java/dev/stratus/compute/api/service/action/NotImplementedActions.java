package dev.stratus.compute.api.service.action;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.compute.api.service.ServerLookup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** Nova actions that a later release of this cloud brings: a 501 naming the action, after the 404 check. */
@ApplicationScoped
class NotImplementedActions implements ServerActionHandler {

    private static final Set<String> KEYS = Set.of("trigger_crash_dump",
            "addFixedIp", "removeFixedIp", "injectNetworkInfo",
            "resetNetwork", "os-resetNetwork");

    private final ServerLookup lookup;

    NotImplementedActions(ServerLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public Set<String> keys() {
        return KEYS;
    }

    @Override
    public Outcome handle(String key, AuthContext caller, String serverId, JsonNode args, ApiVersion version,
            String requestId) {
        lookup.visible(caller, serverId);
        throw ApiException.notImplemented("The '" + key + "' server action is not implemented by this cloud yet.");
    }
}
