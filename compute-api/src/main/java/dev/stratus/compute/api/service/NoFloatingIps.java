package dev.stratus.compute.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.fault.ApiException;
import java.util.List;

/**
 * The floating IPs of a cloud without network-service ({@code stratus.compute.network-url} unset): there are
 * no external networks, so no pools and no floating IPs. The lists are empty and every look-up is a 404 in
 * Nova's words, as a Nova in front of a Neutron without external networks answers: an operator reads "pool
 * not found" as "this cloud has no floating IPs to give", which is the truth here (a 503 would suggest a
 * service that is down and will come back, and would break clients that only list).
 */
public class NoFloatingIps implements FloatingIps {

    @Override
    public List<Found> list(AuthContext caller) {
        return List.of();
    }

    @Override
    public Found show(AuthContext caller, String id) {
        throw notFound(id);
    }

    @Override
    public Found allocate(AuthContext caller, String pool) {
        throw ApiException.notFound("Floating IP pool not found.");
    }

    @Override
    public Binding release(AuthContext caller, String id) {
        throw notFound(id);
    }

    @Override
    public List<JsonNode> pools(AuthContext caller) {
        return List.of();
    }

    @Override
    public Binding associate(AuthContext caller, String serverId, String address, String fixedAddress) {
        throw ApiException.notFound("floating IP not found");
    }

    @Override
    public Binding find(AuthContext caller, String address) {
        throw ApiException.notFound("Floating IP not found for address " + address + ".");
    }

    @Override
    public void disassociate(AuthContext caller, Binding floatingIp) {
        throw ApiException.notFound("Floating IP not found for address " + floatingIp.address() + ".");
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Floating IP not found for ID " + id);
    }
}
