package dev.stratus.common.compute;

/**
 * One NIC of a server, resolved by compute-api: the network, and the port when the port exists already or
 * the fixed IP asked for. {@code networkName} is the key of the server's {@code addresses}.
 */
public record NetworkRequest(String networkId, String networkName, String portId, String fixedIp,
        String macAddress, String tag) {
}
