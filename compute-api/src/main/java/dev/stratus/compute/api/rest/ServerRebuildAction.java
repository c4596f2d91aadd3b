package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.compute.api.service.ServerRebuilder;
import dev.stratus.compute.api.service.action.ServerActionHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** {@code rebuild}: its body checked for the microversion, then {@link ServerRebuilder}. */
@ApplicationScoped
class ServerRebuildAction implements ServerActionHandler {

    private final ServerRebuilder rebuilder;

    ServerRebuildAction(ServerRebuilder rebuilder) {
        this.rebuilder = rebuilder;
    }

    @Override
    public Set<String> keys() {
        return Set.of("rebuild");
    }

    @Override
    public Outcome handle(String key, AuthContext caller, String serverId, JsonNode args, ApiVersion version,
            String requestId) {
        return Outcome.rebuilt(rebuilder.rebuild(caller, serverId, ServerRebuildBody.parse(args, version), requestId));
    }
}
