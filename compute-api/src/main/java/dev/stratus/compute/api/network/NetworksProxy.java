package dev.stratus.compute.api.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.network.client.NetworkServiceClient;
import dev.stratus.common.network.client.NetworkServiceException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The networks Nova's deprecated os-networks and os-tenant-networks proxies show: those network-service shows
 * the caller (their own token decides), or none in a cloud without network-service.
 */
@ApplicationScoped
public class NetworksProxy {

    private final Optional<NetworkServiceClient> client;

    public NetworksProxy(Optional<NetworkServiceClient> client) {
        this.client = client;
    }

    public List<JsonNode> list(AuthContext caller) {
        if (client.isEmpty()) {
            return List.of();
        }
        return NetworkServiceCalls.proxy(() -> client.get().list(caller.token(), "networks", Map.of()), 409);
    }

    /** The network, or Nova's 404 "Network not found". */
    public JsonNode show(AuthContext caller, String id) {
        NetworkServiceClient neutron = client.orElseThrow(() -> ApiException.notFound("Network not found"));
        try {
            return neutron.get(caller.token(), "networks/" + NetworkServiceClient.encode(id)).path("network");
        } catch (NetworkServiceException e) {
            if (e.isNotFound()) {
                throw ApiException.notFound("Network not found");
            }
            throw NetworkServiceCalls.proxied(e, 409);
        }
    }
}
