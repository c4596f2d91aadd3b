package dev.stratus.network.persistence;

import dev.stratus.network.api.StructuredValues.AddressPair;
import java.util.List;

/**
 * A port with its addresses, security groups and allowed address pairs. {@code bindingProfile} and
 * {@code vifDetails} are JSON objects as text.
 */
public record PortRow(String id, String networkId, String projectId, String name, String macAddress,
        boolean adminStateUp, String status, String deviceId, String deviceOwner, boolean portSecurityEnabled,
        String bindingHostId, String vnicType, String bindingProfile, String vifType, String vifDetails, String dnsName,
        List<FixedIp> fixedIps, List<String> securityGroups, List<AddressPair> allowedAddressPairs,
        StandardAttributes standard) {

    /** One address of a port. */
    public record FixedIp(String subnetId, String ipAddress) {
    }

    public boolean isRouterPort() {
        return deviceOwner.startsWith("network:router_");
    }

    /** Owned by the cloud itself (DHCP, router, floating IP ports): {@code network:...}. */
    public boolean isNetworkOwned() {
        return deviceOwner.startsWith("network:");
    }
}
