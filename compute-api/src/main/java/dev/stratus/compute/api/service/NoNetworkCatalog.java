package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.compute.NetworkRequest;
import dev.stratus.common.fault.ApiException;
import java.util.List;

/**
 * The network catalog of a cloud without network-service ({@code stratus.compute.network-url} unset): a
 * server gets no NIC for {@code none}, {@code auto} or no request, and any named network or port does not
 * exist. Every project has exactly one security group, {@code default}.
 */
public class NoNetworkCatalog implements NetworkCatalog {

    private static final String DEFAULT_SECURITY_GROUP = "default";

    @Override
    public List<NetworkRequest> resolve(AuthContext caller, String mode, List<Requested> requested) {
        if ("none".equals(mode)) {
            return List.of();
        }
        for (Requested r : requested) {
            if (r.portId() != null) {
                throw new NotFound("Port id " + r.portId() + " could not be found.");
            }
            throw new NotFound("Network " + r.networkId() + " could not be found.");
        }
        return List.of();
    }

    @Override
    public List<SecurityGroup> requireSecurityGroups(AuthContext caller, List<String> names) {
        for (String name : names) {
            if (!DEFAULT_SECURITY_GROUP.equals(name)) {
                throw ApiException.badRequest("Security group " + name + " not found for project "
                        + caller.projectId() + ".");
            }
        }
        return names.stream().map(n -> new SecurityGroup(n, n)).toList();
    }
}
