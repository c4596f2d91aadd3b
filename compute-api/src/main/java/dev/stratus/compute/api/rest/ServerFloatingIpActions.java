package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.compute.api.service.FloatingIpAssociations;
import dev.stratus.compute.api.service.action.ServerActionHandler;
import dev.stratus.compute.api.view.ComputeVersions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * {@code addFloatingIp} ({@code address}, optional {@code fixed_address}) and {@code removeFloatingIp}
 * ({@code address}): 202 without a body, up to microversion 2.43. From 2.44 Nova no longer has these actions and
 * answers a bare 404, before reading the body or the server.
 */
@ApplicationScoped
class ServerFloatingIpActions implements ServerActionHandler {

    private final FloatingIpAssociations associations;

    ServerFloatingIpActions(FloatingIpAssociations associations) {
        this.associations = associations;
    }

    @Override
    public Set<String> keys() {
        return Set.of("addFloatingIp", "removeFloatingIp");
    }

    @Override
    public Outcome handle(String key, AuthContext caller, String serverId, JsonNode args, ApiVersion version,
            String requestId) {
        ComputeVersions.requireRoute(version, ComputeVersions.FLOATING_IP_ACTIONS);
        if (key.equals("addFloatingIp")) {
            FloatingIpBodies.Add add = FloatingIpBodies.add(args);
            associations.add(caller, serverId, add.address(), add.fixedAddress());
        } else {
            associations.remove(caller, serverId, FloatingIpBodies.remove(args));
        }
        return Outcome.accepted();
    }
}
