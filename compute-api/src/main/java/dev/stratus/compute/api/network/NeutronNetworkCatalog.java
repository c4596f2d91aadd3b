package dev.stratus.compute.api.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.compute.NetworkRequest;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.network.client.NetworkServiceClient;
import dev.stratus.common.network.client.NetworkServiceException;
import dev.stratus.compute.api.service.NetworkCatalog;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The networks, ports and security groups a server may use, as network-service shows them to the caller
 * (the caller's own token: Neutron's visibility rules decide), checked with Nova's words.
 */
public class NeutronNetworkCatalog implements NetworkCatalog {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    private final NetworkServiceClient neutron;

    public NeutronNetworkCatalog(NetworkServiceClient neutron) {
        this.neutron = neutron;
    }

    @Override
    public List<NetworkRequest> resolve(AuthContext caller, String mode, List<Requested> requested) {
        if ("none".equals(mode)) {
            return List.of();
        }
        if (requested.isEmpty()) {
            return automatic(caller, "auto".equals(mode));
        }
        List<NetworkRequest> nics = new ArrayList<>();
        for (Requested r : requested) {
            nics.add(r.portId() != null ? port(caller, r) : network(caller, r));
        }
        return nics;
    }

    /**
     * No network named: the one network the project may use (its own or a shared one), as Nova picks it; with
     * several the choice is the user's (409), with none there is no NIC, or for {@code auto} the network
     * network-service allocates to the project (get-me-a-network).
     */
    private List<NetworkRequest> automatic(AuthContext caller, boolean auto) {
        List<JsonNode> available = new ArrayList<>();
        for (JsonNode n : call(() -> neutron.list(caller.token(), "networks", Map.of()))) {
            boolean external = n.path("router:external").asBoolean(false);
            boolean usable = n.path("shared").asBoolean(false) || caller.projectId().equals(n.path("project_id").asText());
            if (usable && !external && n.path("subnets").size() > 0) {
                available.add(n);
            }
        }
        if (available.size() > 1) {
            throw ApiException.conflict("Multiple possible networks found, use a Network ID to be more specific.");
        }
        if (available.isEmpty()) {
            return auto ? List.of(autoAllocated(caller)) : List.of();
        }
        JsonNode n = available.get(0);
        return List.of(new NetworkRequest(n.path("id").asText(), n.path("name").asText(), null, null, null, null));
    }

    /**
     * Neutron's auto-allocated-topology for the caller's project: built on first use, the same network afterwards
     * (concurrent requests share one). When the deployment lacks a default external network or subnet pool, Nova's
     * 400.
     */
    private NetworkRequest autoAllocated(AuthContext caller) {
        JsonNode topology;
        try {
            topology = neutron.get(caller.token(), "auto-allocated-topology/"
                    + NetworkServiceClient.encode(caller.projectId())).path("auto_allocated_topology");
        } catch (NetworkServiceException e) {
            if (e.isNotFound() || e.status() == 400 || e.status() == 409) {
                throw ApiException.badRequest("Unable to automatically allocate a network for project "
                        + caller.projectId());
            }
            throw NetworkServiceCalls.unavailable(e);
        }
        String networkId = topology.path("id").asText();
        String name = call(() -> neutron.get(caller.token(), "networks/" + NetworkServiceClient.encode(networkId)))
                .path("network").path("name").asText();
        return new NetworkRequest(networkId, name, null, null, null, null);
    }

    private NetworkRequest network(AuthContext caller, Requested r) {
        JsonNode network;
        try {
            network = neutron.get(caller.token(), "networks/" + NetworkServiceClient.encode(r.networkId()))
                    .path("network");
        } catch (NetworkServiceException e) {
            if (e.isNotFound()) {
                throw new NotFound("Network " + r.networkId() + " could not be found.");
            }
            throw NetworkServiceCalls.unavailable(e);
        }
        if (network.path("subnets").isEmpty()) {
            throw ApiException.badRequest("Network " + r.networkId() + " requires a subnet in order to boot"
                    + " instances on.");
        }
        if (r.fixedIp() != null && !isIpLiteral(r.fixedIp())) {
            throw ApiException.badRequest("Invalid fixed IP address (" + r.fixedIp() + ")");
        }
        return new NetworkRequest(network.path("id").asText(), network.path("name").asText(), null, r.fixedIp(), null,
                r.tag());
    }

    private NetworkRequest port(AuthContext caller, Requested r) {
        JsonNode port;
        try {
            port = neutron.get(caller.token(), "ports/" + NetworkServiceClient.encode(r.portId())).path("port");
        } catch (NetworkServiceException e) {
            if (e.isNotFound()) {
                throw new NotFound("Port id " + r.portId() + " could not be found.");
            }
            throw NetworkServiceCalls.unavailable(e);
        }
        if (!port.path("device_id").asText("").isEmpty()) {
            throw ApiException.conflict("Port " + r.portId() + " is still in use.");
        }
        String networkId = port.path("network_id").asText();
        String networkName = call(() -> neutron.get(caller.token(), "networks/" + networkId))
                .path("network").path("name").asText();
        return new NetworkRequest(networkId, networkName, port.path("id").asText(), null,
                port.path("mac_address").asText(null), r.tag());
    }

    @Override
    public List<SecurityGroup> requireSecurityGroups(AuthContext caller, List<String> names) {
        List<SecurityGroup> found = new ArrayList<>();
        if (names.isEmpty()) {
            return found;
        }
        List<JsonNode> groups = call(() -> neutron.list(caller.token(), "security-groups",
                Map.of("project_id", List.of(caller.projectId()))));
        for (String name : names) {
            JsonNode group = groups.stream().filter(g -> name.equals(g.path("id").asText())).findFirst()
                    .or(() -> groups.stream().filter(g -> name.equals(g.path("name").asText())).findFirst())
                    .orElseThrow(() -> ApiException.badRequest("Security group " + name + " not found for project "
                            + caller.projectId() + "."));
            String id = group.path("id").asText();
            String shown = group.path("name").asText("");
            found.add(new SecurityGroup(id, shown.isEmpty() ? id : shown));
        }
        return found;
    }

    static boolean isIpLiteral(String ip) {
        if (!IP_LITERAL.matcher(ip).matches()) {
            return false;
        }
        try {
            InetAddress.getByName(ip);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static <T> T call(java.util.function.Supplier<T> request) {
        return NetworkServiceCalls.call(request, NetworkServiceCalls::unavailable);
    }
}
