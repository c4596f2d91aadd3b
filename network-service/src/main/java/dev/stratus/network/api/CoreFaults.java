package dev.stratus.network.api;

import dev.stratus.common.fault.ApiException;

/** Neutron's faults about networks, subnets, ports and their addresses, worded as neutron-lib words them. */
public final class CoreFaults {

    private CoreFaults() {
    }

    public static ApiException networkNotFound(String id) {
        return Faults.notFound("NetworkNotFound", "Network " + id + " could not be found.");
    }

    public static ApiException subnetNotFound(String id) {
        return Faults.notFound("SubnetNotFound", "Subnet " + id + " could not be found.");
    }

    public static ApiException portNotFound(String id) {
        return Faults.notFound("PortNotFound", "Port " + id + " could not be found.");
    }

    public static ApiException networkInUse(String networkId) {
        return Faults.conflict("NetworkInUse", "Unable to complete operation on network " + networkId
                + ". There are one or more ports still in use on the network.");
    }

    public static ApiException subnetInUse(String subnetId) {
        return subnetInUse(subnetId, "One or more ports have an IP allocation from this subnet");
    }

    public static ApiException subnetInUse(String subnetId, String reason) {
        return Faults.conflict("SubnetInUse", "Unable to complete operation on subnet " + subnetId + ": " + reason
                + ".");
    }

    public static ApiException portInUse(String portId, String networkId, String deviceId) {
        return Faults.conflict("PortInUse", "Unable to complete operation on port " + portId + " for network "
                + networkId + ". Port already has an attached device " + deviceId + ".");
    }

    public static ApiException servicePortInUse(String portId, String deviceOwner) {
        return Faults.conflict("ServicePortInUse", "Port " + portId + " cannot be deleted directly via the port API: "
                + "has device owner " + deviceOwner + ".");
    }

    public static ApiException macAddressInUse(String networkId, String mac) {
        return Faults.conflict("MacAddressInUse", "Unable to complete operation for network " + networkId
                + ". The mac address " + mac + " is in use.");
    }

    public static ApiException macGenerationFailure(String networkId) {
        return Faults.of(503, "NetworkMacAddressGenerationFailure", "Unable to generate unique mac on network "
                + networkId + ".");
    }

    public static ApiException ipAddressAlreadyAllocated(String ip, String subnetId) {
        return Faults.conflict("IpAddressAlreadyAllocated", "IP address " + ip + " already allocated in subnet "
                + subnetId);
    }

    public static ApiException ipAddressGenerationFailure(String networkId) {
        return Faults.conflict("IpAddressGenerationFailure", "No more IP addresses available on network " + networkId
                + ".");
    }

    public static ApiException invalidIpForSubnet(String ip) {
        return Faults.of(400, "InvalidIpForSubnet", "IP address " + ip + " is not a valid IP for the specified subnet.");
    }

    /** Neutron's ipam AllocationOnAutoAddressSubnet (an InvalidInput with its own message). */
    public static ApiException allocationOnAutoAddressSubnet(String ip, String subnetId) {
        return Faults.invalid("AllocationOnAutoAddressSubnet", "IPv6 address " + ip + " cannot be directly assigned "
                + "to a port on subnet " + subnetId + " as the subnet is configured for automatic addresses");
    }

    public static ApiException invalidIpForNetwork(String ip) {
        return Faults.of(400, "InvalidIpForNetwork", "IP address " + ip
                + " is not a valid IP for any of the subnets on the specified network.");
    }

    public static ApiException gatewayConflictWithAllocationPools(String pool, String ip) {
        return Faults.conflict("GatewayConflictWithAllocationPools", "Gateway ip " + ip
                + " conflicts with allocation pool " + pool + ".");
    }

    public static ApiException gatewayIpInUse(String ip, String portId) {
        return Faults.conflict("GatewayIpInUse", "Current gateway ip " + ip + " already in use by port " + portId
                + ". Unable to update.");
    }

    public static ApiException invalidAllocationPool(String pool) {
        return Faults.of(400, "InvalidAllocationPool", "The allocation pool " + pool + " is not valid.");
    }

    public static ApiException outOfBoundsAllocationPool(String pool, String cidr) {
        return Faults.of(400, "OutOfBoundsAllocationPool", "The allocation pool " + pool
                + " spans beyond the subnet cidr " + cidr + ".");
    }

    public static ApiException overlappingAllocationPools(String pool1, String pool2, String cidr) {
        return Faults.conflict("OverlappingAllocationPools", "Found overlapping allocation pools: " + pool1 + " "
                + pool2 + " for subnet " + cidr + ".");
    }

    public static ApiException dnsNameserversExhausted(String subnetId, int quota) {
        return Faults.of(400, "DNSNameServersExhausted", "Unable to complete operation for " + subnetId
                + ". The number of DNS nameservers exceeds the limit " + quota + ".");
    }

    public static ApiException hostRoutesExhausted(String subnetId, int quota) {
        return Faults.of(400, "HostRoutesExhausted", "Unable to complete operation for " + subnetId
                + ". The number of host routes exceeds the limit " + quota + ".");
    }

    public static ApiException invalidSharedSetting(String network) {
        return Faults.conflict("InvalidSharedSetting", "Unable to reconfigure sharing settings for network " + network
                + ". Multiple projects are using it.");
    }

    public static ApiException portSecurityAndIpRequiredForSecurityGroups() {
        return Faults.of(400, "PortSecurityAndIPRequiredForSecurityGroups", "Port security must be enabled and port"
                + " must have an IP address in order to use security groups.");
    }

    public static ApiException portSecurityPortHasSecurityGroup() {
        return Faults.conflict("PortSecurityPortHasSecurityGroup", "Port has security group associated. Cannot "
                + "disable port security or IP address until security group is removed.");
    }

    public static ApiException addressPairAndPortSecurityRequired() {
        return Faults.conflict("AddressPairAndPortSecurityRequired", "Port Security must be enabled in order to have"
                + " allowed address pairs on a port.");
    }

    public static ApiException allowedAddressPairExhausted(int quota) {
        return Faults.of(400, "AllowedAddressPairExhausted", "The number of allowed address pair exceeds the maximum "
                + quota + ".");
    }

    public static ApiException duplicateAddressPair(String mac, String ip) {
        return Faults.of(400, "DuplicateAddressPairInRequest", "Request contains duplicate address pair: mac_address "
                + mac + " ip_address " + ip + ".");
    }
}
