package dev.stratus.compute.api.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.network.client.NetworkServiceException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Nova's reading of network-service's answers for the floating-IP proxy (nova/network/neutron.py and the
 * os-floating-ips controllers): which pool a name names, which port holds a fixed IP, which floating IP an
 * address is, and the 4xx a refusal becomes. No I/O: {@link NeutronFloatingIps} makes the calls.
 */
final class FloatingIpRules {

    /** A UUID-like pool is looked up by id, anything else by name, as Nova does. */
    private static final Pattern UUID_LIKE = Pattern.compile(
            "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");

    private FloatingIpRules() {
    }

    /** The external networks, all or those that {@code nameOrId} names (by id when it looks like a UUID). */
    static Map<String, List<String>> externalNetworks(String nameOrId) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("router:external", List.of("true"));
        if (nameOrId != null) {
            query.put(UUID_LIKE.matcher(nameOrId).matches() ? "id" : "name", List.of(nameOrId));
        }
        return query;
    }

    /**
     * The pool a name or id names: 404 when none matches; several of one name are the user's choice (Nova
     * fails there with a 500; a 409 says what to do).
     */
    static JsonNode pool(List<JsonNode> matches, String nameOrId) {
        if (matches.isEmpty()) {
            throw poolNotFound();
        }
        if (matches.size() > 1) {
            throw ApiException.conflict("Multiple floating IP pools matches found for name '" + nameOrId + "'");
        }
        return matches.get(0);
    }

    /**
     * The pool of a request that names none, when no default pool is configured: the cloud's one external
     * network. With none, or several to choose from, there is no default pool to allocate from.
     */
    static JsonNode defaultPool(List<JsonNode> external) {
        if (external.size() != 1) {
            throw poolNotFound();
        }
        return external.get(0);
    }

    static ApiException poolNotFound() {
        return ApiException.notFound("Floating IP pool not found.");
    }

    /** Why a floating IP could not be allocated from {@code pool} (null or empty: the default pool). */
    static ApiException allocationFailed(NetworkServiceException e, String pool) {
        boolean named = pool != null && !pool.isEmpty();
        String type = e.type() == null ? "" : e.type();
        return switch (type) {
            case "IpAddressGenerationFailure", "ExternalIpAddressExhausted" -> ApiException.notFound(named
                    ? "No more floating IPs in pool " + pool + "." : "No more floating IPs available.");
            case "OverQuota" -> ApiException.forbidden(named ? "IP allocation over quota in pool " + pool + "."
                    : "IP allocation over quota.");
            default -> e.status() == 400 ? ApiException.badRequest(e.getMessage()) : failed(e);
        };
    }

    /** The port of the server that holds {@code fixedAddress}. */
    static String portHolding(List<JsonNode> ports, String fixedAddress, String address, String serverId) {
        for (JsonNode port : ports) {
            for (JsonNode ip : port.path("fixed_ips")) {
                if (fixedAddress.equals(ip.path("ip_address").asText())) {
                    return port.path("id").asText();
                }
            }
        }
        throw ApiException.badRequest(associationError(address, fixedAddress, serverId,
                "Fixed IP not found for address " + fixedAddress + "."));
    }

    /** The floating IP {@code addFloatingIp} names: a 404 when there is none, a 400 when the address is ambiguous. */
    static JsonNode toAssociate(List<JsonNode> floatingIps, String address, String fixedAddress, String serverId) {
        if (floatingIps.isEmpty()) {
            throw ApiException.notFound("floating IP not found");
        }
        if (floatingIps.size() > 1) {
            throw ApiException.badRequest(associationError(address, fixedAddress, serverId,
                    multiple(address)));
        }
        return floatingIps.get(0);
    }

    /** The floating IP an address names elsewhere (removeFloatingIp): a 404 when none, a 409 when several. */
    static JsonNode byAddress(List<JsonNode> floatingIps, String address) {
        if (floatingIps.isEmpty()) {
            throw ApiException.notFound("Floating IP not found for address " + address + ".");
        }
        if (floatingIps.size() > 1) {
            throw ApiException.conflict(multiple(address));
        }
        return floatingIps.get(0);
    }

    /**
     * Why network-service refused the association: its conflict (the port's fixed IP already has a floating
     * IP of that network) is a 400 in its own words; any other refusal a 400 naming what was asked.
     */
    static ApiException associationFailed(NetworkServiceException e, String address, String fixedAddress,
            String serverId) {
        if (e.status() == 409) {
            return ApiException.badRequest(e.getMessage());
        }
        if (e.status() == 403 || e.isUnreachable()) {
            return failed(e);
        }
        return ApiException.badRequest(associationError(address, fixedAddress, serverId, e.getMessage()));
    }

    /**
     * Any other refusal: a 403 stays one (Nova turns Neutron's Forbidden into its own); the rest as the network
     * catalog maps it (503 when network-service is down, else a 400 with its message).
     */
    static ApiException failed(NetworkServiceException e) {
        if (e.status() == 403) {
            return ApiException.forbidden(e.getMessage());
        }
        return NetworkServiceCalls.unavailable(e);
    }

    private static String associationError(String address, String fixedAddress, String serverId, String error) {
        return "Unable to associate floating IP " + address + " to fixed IP " + fixedAddress + " for instance "
                + serverId + ". Error: " + error;
    }

    private static String multiple(String address) {
        return "Multiple floating IPs are found for address " + address + ".";
    }
}
