package dev.stratus.network.service;

import dev.stratus.network.api.RequestBody;

/**
 * The create requests auto-allocation makes of the network, subnet and router services, read by those resources'
 * own schemas (their defaults and checks apply as to a client's request).
 */
public interface TopologyBodies {

    RequestBody network(String projectId);

    RequestBody subnet(String projectId, String networkId, int ipVersion, String subnetPoolId);

    RequestBody router(String projectId, String externalNetworkId);
}
