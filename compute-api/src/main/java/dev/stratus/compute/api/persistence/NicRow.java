package dev.stratus.compute.api.persistence;

import dev.stratus.common.compute.NetworkRequest;
import java.util.List;

/**
 * A NIC of an instance, in attach order: the network, its port once network-service made it, the address the
 * user asked for ({@code requestedIp}), the port's fixed and floating addresses, and whether compute-api owns
 * the port (created it for this server).
 */
public record NicRow(int position, String networkId, String networkName, String portId, String requestedIp,
        String macAddress, String tag, List<String> fixedIps, List<String> floatingIps, boolean portOwned) {

    public NicRow {
        fixedIps = fixedIps == null ? List.of() : List.copyOf(fixedIps);
        floatingIps = floatingIps == null ? List.of() : List.copyOf(floatingIps);
    }

    /** A NIC as requested, before network-service allocated its port. */
    public static NicRow requested(int position, String networkId, String networkName, String portId,
            String requestedIp, String macAddress, String tag) {
        return new NicRow(position, networkId, networkName, portId, requestedIp, macAddress, tag,
                requestedIp == null ? List.of() : List.of(requestedIp), List.of(), false);
    }

    /** The NIC as a compute node builds it: its port, and its first fixed address (else the one asked for). */
    public NetworkRequest toRequest() {
        return new NetworkRequest(networkId, networkName, portId, fixedIps.isEmpty() ? requestedIp : fixedIps.get(0),
                macAddress, tag);
    }
}
