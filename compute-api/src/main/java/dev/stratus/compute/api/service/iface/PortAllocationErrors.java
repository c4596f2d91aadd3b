package dev.stratus.compute.api.service.iface;

import dev.stratus.common.fault.ApiException;
import dev.stratus.common.network.client.NetworkServiceException;
import dev.stratus.compute.api.service.ServerPorts.PortAllocationException;

/**
 * What the API answers when network-service refuses the port of an attach, as Nova maps Neutron's refusals: no
 * address left 400, the address taken 409, the port quota 403, network-service away 503.
 */
final class PortAllocationErrors {

    private PortAllocationErrors() {
    }

    static ApiException of(PortAllocationException e, String instanceUuid, String networkId, String fixedIp) {
        if (!(e.getCause() instanceof NetworkServiceException n)) {
            return ApiException.badRequest(e.getMessage());
        }
        if (n.isUnreachable()) {
            return ApiException.unavailable("The network service is unavailable: " + n.getMessage());
        }
        String type = n.type() == null ? "" : n.type();
        return switch (type) {
            case "OverQuota" -> ApiException.forbidden("Maximum number of ports exceeded");
            case "IpAddressGenerationFailure" -> ApiException.badRequest(
                    "No fixed IP addresses available for network: " + networkId);
            case "IpAddressAlreadyAllocated", "IpAddressInUse" -> ApiException.conflict("Fixed IP address "
                    + fixedIp + " is already in use on instance " + instanceUuid + ".");
            default -> n.status() == 409 ? ApiException.conflict(n.getMessage())
                    : ApiException.badRequest(n.getMessage());
        };
    }
}
