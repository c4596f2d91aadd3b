package dev.stratus.network.api;

import dev.stratus.common.fault.ApiException;

/** Neutron's router and floating IP faults (neutron_lib/exceptions/l3.py and neutron/db/l3_db.py). */
public final class L3Faults {

    private L3Faults() {
    }

    public static ApiException routerNotFound(String id) {
        return Faults.notFound("RouterNotFound", "Router " + id + " could not be found");
    }

    public static ApiException routerInUse(String routerId, String reason) {
        return Faults.conflict("RouterInUse", "Router " + routerId + " " + reason);
    }

    public static ApiException routerInterfaceNotFound(String routerId, String portId) {
        return Faults.notFound("RouterInterfaceNotFound", "Router " + routerId + " does not have an interface with id "
                + portId);
    }

    public static ApiException routerInterfaceNotFoundForSubnet(String routerId, String subnetId) {
        return Faults.notFound("RouterInterfaceNotFoundForSubnet", "Router " + routerId + " has no interface on subnet "
                + subnetId);
    }

    public static ApiException routerInterfaceInUseByFloatingIp(String routerId, String subnetId) {
        return Faults.conflict("RouterInterfaceInUseByFloatingIP", "Router interface for subnet " + subnetId
                + " on router " + routerId + " cannot be deleted, as it is required by one or more floating IPs.");
    }

    public static ApiException gatewayInUseByFloatingIp(String routerId, String networkId) {
        return Faults.conflict("RouterExternalGatewayInUseByFloatingIp", "Gateway cannot be updated for router "
                + routerId + ", since a gateway to external network " + networkId
                + " is required by one or more floating IPs.");
    }

    public static ApiException floatingIpNotFound(String id) {
        return Faults.notFound("FloatingIPNotFound", "Floating IP " + id + " could not be found");
    }

    public static ApiException externalGatewayForFloatingIpNotFound(String externalNetworkId, String subnetId,
            String portId) {
        return Faults.notFound("ExternalGatewayForFloatingIPNotFound", "External network " + externalNetworkId
                + " is not reachable from subnet " + subnetId + ".  Therefore, cannot associate Port " + portId
                + " with a Floating IP.");
    }

    public static ApiException floatingIpPortAlreadyAssociated(String floatingIp, String fipId, String portId,
            String fixedIp, String networkId) {
        return Faults.conflict("FloatingIPPortAlreadyAssociated", "Cannot associate floating IP " + floatingIp + " ("
                + fipId + ") with port " + portId + " using fixed IP " + fixedIp
                + ", as that fixed IP already has a floating IP on external network " + networkId + ".");
    }

    public static ApiException externalNetworkInUse(String networkId) {
        return Faults.conflict("ExternalNetworkInUse", "External network " + networkId
                + " cannot be updated to be made non-external, since it has existing gateway ports.");
    }

    public static ApiException externalIpAddressExhausted(String networkId) {
        return Faults.of(400, "ExternalIpAddressExhausted", "Unable to find any IP address on external network "
                + networkId + ".");
    }

    public static ApiException invalidRoutes(String routes, String reason) {
        return Faults.invalid("InvalidRoutes", "Invalid format for routes: " + routes + ", " + reason);
    }

    public static ApiException routesExhausted(String routerId, int quota) {
        return Faults.of(400, "RoutesExhausted", "Unable to complete operation for " + routerId
                + ". The number of routes exceeds the maximum " + quota + ".");
    }

    public static ApiException routerInterfaceInUseByRoute(String routerId, String subnetId) {
        return Faults.conflict("RouterInterfaceInUseByRoute", "Router interface for subnet " + subnetId + " on router "
                + routerId + " cannot be deleted, as it is required by one or more routes.");
    }
}
