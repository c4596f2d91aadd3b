package dev.stratus.compute.api.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.network.client.NetworkServiceClient;
import dev.stratus.common.network.client.NetworkServiceException;
import dev.stratus.compute.api.service.FloatingIps;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The floating-IP proxy's calls to network-service, made with the caller's token as Nova's neutron API makes
 * them (get_floating_ip, allocate_floating_ip, associate_floating_ip, ...). network-service shows a floating
 * IP's port ({@code port_details}, the fip-port-details extension), so the server a floating IP is bound to
 * needs no further call. What an answer means is {@link FloatingIpRules}'s part.
 */
public class NeutronFloatingIps implements FloatingIps {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final NetworkServiceClient neutron;
    private final Optional<String> defaultPool;

    /** @param defaultPool the pool of a request that names none (Nova's {@code default_floating_pool}) */
    public NeutronFloatingIps(NetworkServiceClient neutron, Optional<String> defaultPool) {
        this.neutron = neutron;
        this.defaultPool = defaultPool.filter(p -> !p.isBlank());
    }

    @Override
    public List<Found> list(AuthContext caller) {
        if (caller.projectId() == null) {
            return List.of();
        }
        List<JsonNode> found = floatingIps(caller, Map.of("project_id", List.of(caller.projectId())));
        if (found.isEmpty()) {
            return List.of();
        }
        List<String> networkIds = found.stream().map(f -> f.path("floating_network_id").asText()).distinct()
                .toList();
        Map<String, JsonNode> networks = new HashMap<>();
        call(() -> neutron.list(caller.token(), "networks", Map.of("id", networkIds)))
                .forEach(n -> networks.put(n.path("id").asText(), n));
        return found.stream().map(f -> new Found(f, networks.get(f.path("floating_network_id").asText()))).toList();
    }

    @Override
    public Found show(AuthContext caller, String id) {
        JsonNode floatingIp = floatingIp(caller, id);
        return new Found(floatingIp, network(caller, floatingIp.path("floating_network_id").asText()));
    }

    @Override
    public Found allocate(AuthContext caller, String pool) {
        JsonNode network = pool(caller, pool);
        ObjectNode body = JSON.createObjectNode();
        body.putObject("floatingip").put("floating_network_id", network.path("id").asText());
        try {
            return new Found(neutron.post(caller.token(), "floatingips", body).path("floatingip"), network);
        } catch (NetworkServiceException e) {
            throw FloatingIpRules.allocationFailed(e, pool);
        }
    }

    @Override
    public Binding release(AuthContext caller, String id) {
        Binding floatingIp = Binding.of(floatingIp(caller, id));
        call(() -> {
            neutron.delete(caller.token(), "floatingips/" + NetworkServiceClient.encode(floatingIp.id()));
            return null;
        });
        return floatingIp;
    }

    @Override
    public List<JsonNode> pools(AuthContext caller) {
        return call(() -> neutron.list(caller.token(), "networks", FloatingIpRules.externalNetworks(null)));
    }

    @Override
    public Binding associate(AuthContext caller, String serverId, String address, String fixedAddress) {
        List<JsonNode> ports = call(() -> neutron.list(caller.token(), "ports",
                Map.of("device_id", List.of(serverId))));
        String portId = FloatingIpRules.portHolding(ports, fixedAddress, address, serverId);
        JsonNode floatingIp = FloatingIpRules.toAssociate(atAddress(caller, address), address, fixedAddress,
                serverId);
        ObjectNode body = JSON.createObjectNode();
        body.putObject("floatingip").put("port_id", portId).put("fixed_ip_address", fixedAddress);
        try {
            neutron.put(caller.token(), "floatingips/" + NetworkServiceClient.encode(floatingIp.path("id").asText()),
                    body);
        } catch (NetworkServiceException e) {
            throw FloatingIpRules.associationFailed(e, address, fixedAddress, serverId);
        }
        return Binding.of(floatingIp);
    }

    @Override
    public Binding find(AuthContext caller, String address) {
        return Binding.of(FloatingIpRules.byAddress(atAddress(caller, address), address));
    }

    @Override
    public void disassociate(AuthContext caller, Binding floatingIp) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("floatingip").putNull("port_id");
        call(() -> neutron.put(caller.token(), "floatingips/" + NetworkServiceClient.encode(floatingIp.id()), body));
    }

    /**
     * The floating IP of that id. network-service's ids are UUIDs, so anything else names none: Nova passes
     * it to Neutron, which answers 404, and this answers the same without asking.
     */
    private JsonNode floatingIp(AuthContext caller, String id) {
        if (!UUID.matcher(id).matches()) {
            throw notFound(id);
        }
        try {
            return neutron.get(caller.token(), "floatingips/" + NetworkServiceClient.encode(id)).path("floatingip");
        } catch (NetworkServiceException e) {
            if (e.isNotFound()) {
                throw notFound(id);
            }
            throw FloatingIpRules.failed(e);
        }
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Floating IP not found for ID " + id);
    }

    /** The floating network, null when the caller cannot see it (the pool is then shown by its id). */
    private JsonNode network(AuthContext caller, String networkId) {
        try {
            return neutron.get(caller.token(), "networks/" + NetworkServiceClient.encode(networkId)).path("network");
        } catch (NetworkServiceException e) {
            if (e.isNotFound()) {
                return null;
            }
            throw FloatingIpRules.failed(e);
        }
    }

    /** The pool asked for, else the configured default, else the cloud's one external network. */
    private JsonNode pool(AuthContext caller, String asked) {
        String name = asked == null || asked.isEmpty() ? defaultPool.orElse(null) : asked;
        List<JsonNode> matches = call(() -> neutron.list(caller.token(), "networks",
                FloatingIpRules.externalNetworks(name)));
        return name == null ? FloatingIpRules.defaultPool(matches) : FloatingIpRules.pool(matches, name);
    }

    private List<JsonNode> atAddress(AuthContext caller, String address) {
        return floatingIps(caller, Map.of("floating_ip_address", List.of(address)));
    }

    /** A floating-IP listing; a network-service without the L3 API (404) has none, as Nova reads it. */
    private List<JsonNode> floatingIps(AuthContext caller, Map<String, List<String>> query) {
        try {
            return neutron.list(caller.token(), "floatingips", query);
        } catch (NetworkServiceException e) {
            if (e.isNotFound()) {
                return List.of();
            }
            throw FloatingIpRules.failed(e);
        }
    }

    private static <T> T call(Supplier<T> request) {
        return NetworkServiceCalls.call(request, FloatingIpRules::failed);
    }
}
