package dev.stratus.network.api;

import dev.stratus.common.fault.ApiException;

/** Neutron's agent and DHCP agent scheduler faults, worded as neutron-lib words them. */
public final class AgentFaults {

    private AgentFaults() {
    }

    public static ApiException agentNotFound(String id) {
        return Faults.notFound("AgentNotFound", "Agent " + id + " could not be found.");
    }

    /** Adding a network to an agent that is not a DHCP agent or is disabled (a 404: it extends AgentNotFound). */
    public static ApiException invalidDhcpAgent(String id) {
        return Faults.notFound("InvalidDHCPAgent", "Agent " + id + " is not a valid DHCP Agent or has been disabled.");
    }

    public static ApiException networkHosted(String networkId, String agentId) {
        return Faults.conflict("NetworkHostedByDHCPAgent", "The network " + networkId
                + " has been already hosted by the DHCP Agent " + agentId + ".");
    }

    public static ApiException networkNotHosted(String networkId, String agentId) {
        return Faults.conflict("NetworkNotHostedByDhcpAgent", "The network " + networkId
                + " is not hosted by the DHCP Agent " + agentId + ".");
    }
}
