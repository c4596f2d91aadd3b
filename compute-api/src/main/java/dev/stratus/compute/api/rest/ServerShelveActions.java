package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.compute.api.service.ServerShelver;
import dev.stratus.compute.api.service.action.ServerActionHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * {@code shelve}, {@code shelveOffload} and {@code unshelve} as Nova takes them: the bodies of shelve and
 * shelveOffload are not read (clients send {@code null} or {@code {}}); unshelve's is as {@link UnshelveBody} reads
 * it. All answer 202.
 */
@ApplicationScoped
class ServerShelveActions implements ServerActionHandler {

    private final ServerShelver shelver;

    ServerShelveActions(ServerShelver shelver) {
        this.shelver = shelver;
    }

    @Override
    public Set<String> keys() {
        return Set.of("shelve", "shelveOffload", "unshelve");
    }

    @Override
    public Outcome handle(String key, AuthContext caller, String serverId, JsonNode args, ApiVersion version,
            String requestId) {
        switch (key) {
            case "shelve" -> shelver.shelve(caller, serverId, requestId);
            case "shelveOffload" -> shelver.offload(caller, serverId, requestId);
            default -> shelver.unshelve(caller, serverId, UnshelveBody.parse(args, version), requestId);
        }
        return Outcome.accepted();
    }
}
