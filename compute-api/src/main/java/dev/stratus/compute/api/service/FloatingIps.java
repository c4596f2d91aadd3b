package dev.stratus.compute.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import java.util.List;

/**
 * What Nova's deprecated floating-IP proxy asks of the network service (nova/network/neutron.py): the
 * caller's floating IPs, the pools (external networks) they come from, and associating one with a server's
 * fixed IP. Every call is made for the caller (Neutron's visibility rules decide) and fails with Nova's
 * words.
 */
public interface FloatingIps {

    /** A floating IP as Neutron shows it (with {@code port_details}) and its floating network (null if unseen). */
    record Found(JsonNode floatingIp, JsonNode network) {
    }

    /**
     * Where a floating IP is bound: its id and address, the port it is associated with and that port's device
     * (the server), both null when it is free.
     */
    record Binding(String id, String address, String portId, String deviceId) {

        public static Binding of(JsonNode floatingIp) {
            JsonNode details = floatingIp.path("port_details");
            String device = details.isObject() ? details.path("device_id").asText("") : "";
            return new Binding(floatingIp.path("id").asText(), floatingIp.path("floating_ip_address").asText(),
                    floatingIp.path("port_id").asText(null), device.isEmpty() ? null : device);
        }
    }

    /** The floating IPs of the caller's project. */
    List<Found> list(AuthContext caller);

    /** 404 {@code Floating IP not found for ID <id>} when the caller sees no such floating IP. */
    Found show(AuthContext caller, String id);

    /**
     * Allocates a floating IP from {@code pool} (an external network's name or id; null or empty for the
     * default pool): 404 for an unknown pool or an exhausted one, 403 over quota.
     */
    Found allocate(AuthContext caller, String pool);

    /** Deletes a floating IP, associated or not; 404 as {@link #show}. */
    Binding release(AuthContext caller, String id);

    /** The floating IP pools: the external networks the caller sees. */
    List<JsonNode> pools(AuthContext caller);

    /**
     * Associates the floating IP at {@code address} with the port of the server that holds {@code fixedAddress}
     * (taking it from another server if need be).
     *
     * @return where the floating IP was bound before
     */
    Binding associate(AuthContext caller, String serverId, String address, String fixedAddress);

    /** The floating IP at {@code address}: 404 {@code Floating IP not found for address <address>.} when none. */
    Binding find(AuthContext caller, String address);

    /** Frees the floating IP from its port. */
    void disassociate(AuthContext caller, Binding floatingIp);
}
