package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.compute.NetworkRequest;
import dev.stratus.common.fault.ApiException;
import java.util.List;

/** Resolves the {@code networks} of a create request into NICs, as network-service knows them. */
public interface NetworkCatalog {

    /** One entry of {@code networks}: a network, a port, or a network with a fixed IP. */
    record Requested(String networkId, String portId, String fixedIp, String tag) {
    }

    /**
     * A network or port named in a request does not exist for the caller: a 400 when a server is created, a 404
     * when an interface is attached (Nova answers them so).
     */
    class NotFound extends ApiException {
        public NotFound(String message) {
            super(400, message);
        }
    }

    /** A security group as network-service names it: servers show the name, ports carry the id. */
    record SecurityGroup(String id, String name) {
    }

    /**
     * @param mode {@code "none"}, {@code "auto"}, or null when explicit networks are given (or, below 2.37,
     *             none were: then the one network the project may use, or no NIC)
     * @return the NICs in order; a 400 when a network or port does not exist for the caller
     */
    List<NetworkRequest> resolve(AuthContext caller, String mode, List<Requested> requested);

    /**
     * Checks that each security group (by name or id) exists for the caller's project; a 400 naming the first
     * that does not ({@code Security group x not found for project p.}, Nova's words).
     *
     * @return the groups, in the order asked
     */
    List<SecurityGroup> requireSecurityGroups(AuthContext caller, List<String> names);
}
