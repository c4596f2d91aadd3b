package dev.stratus.network.service;

import dev.stratus.network.api.StructuredValues.AddressPair;
import dev.stratus.network.api.StructuredValues.FixedIpRequest;
import java.util.List;

/**
 * A port about to be created, by the API or by the service itself (DHCP, router and floating IP ports).
 *
 * @param macAddress null to generate one
 * @param fixedIps null for the automatic choice, empty for none
 */
public record PortDraft(String networkId, String projectId, String name, String description, boolean adminStateUp,
        String status, String deviceId, String deviceOwner, boolean portSecurityEnabled, String macAddress,
        String bindingHost, String vnicType, String bindingProfile, String dnsName, List<FixedIpRequest> fixedIps,
        List<String> securityGroups, List<AddressPair> allowedAddressPairs) {

    /** A port the service owns ({@code network:...}): no security groups, no binding, named by its owner. */
    public static PortDraft service(String networkId, String projectId, String deviceOwner, String deviceId,
            String status, List<FixedIpRequest> fixedIps) {
        return new PortDraft(networkId, projectId, "", "", true, status, deviceId, deviceOwner, false, null, "",
                "normal", "{}", "", fixedIps, List.of(), List.of());
    }
}
