package dev.stratus.network.api;

import dev.stratus.common.fault.ApiException;

/** Neutron's faults about subnet pools and allocations from them, worded as neutron-lib words them. */
public final class SubnetPoolFaults {

    private SubnetPoolFaults() {
    }

    public static ApiException notFound(String id) {
        return Faults.notFound("SubnetPoolNotFound", "Subnet pool " + id + " could not be found.");
    }

    public static ApiException emptyPrefixList() {
        return Faults.invalid("EmptySubnetPoolPrefixList", "Empty subnet pool prefix list.");
    }

    public static ApiException prefixVersionMismatch() {
        return Faults.invalid("PrefixVersionMismatch", "Cannot mix IPv4 and IPv6 prefixes in a subnet pool.");
    }


    public static ApiException illegalBounds(String type, int prefixlen, String baseType, int basePrefixlen) {
        return Faults.invalid("IllegalSubnetPoolPrefixBounds", "Illegal prefix bounds: " + type + "=" + prefixlen
                + ", " + baseType + "=" + basePrefixlen + ".");
    }

    public static ApiException illegalPrefixUpdate(String message) {
        return Faults.invalid("IllegalSubnetPoolPrefixUpdate", "Illegal update to prefixes: " + message + ".");
    }

    public static ApiException deleteError(String reason) {
        return Faults.invalid("SubnetPoolDeleteError", "Unable to delete subnet pool: " + reason + ".");
    }

    /** Neutron's SubnetAllocationError is a bare NeutronException, which its API answers with a 500. */
    public static ApiException allocationError(String reason) {
        return Faults.of(500, "SubnetAllocationError", "Failed to allocate subnet: " + reason + ".");
    }

    public static ApiException minPrefix(int prefixlen, int min) {
        return Faults.invalid("MinPrefixSubnetAllocationError", "Unable to allocate subnet with prefix length "
                + prefixlen + ", minimum allowed prefix is " + min + ".");
    }

    public static ApiException maxPrefix(int prefixlen, int max) {
        return Faults.invalid("MaxPrefixSubnetAllocationError", "Unable to allocate subnet with prefix length "
                + prefixlen + ", maximum allowed prefix is " + max + ".");
    }

    public static ApiException quotaExceeded() {
        return Faults.conflict("SubnetPoolQuotaExceeded", "Per-tenant subnet pool prefix quota exceeded.");
    }

    public static ApiException defaultExists() {
        return Faults.invalidInput("A default subnetpool for this IP family has already been set. Only one default "
                + "may exist per IP family");
    }
}
