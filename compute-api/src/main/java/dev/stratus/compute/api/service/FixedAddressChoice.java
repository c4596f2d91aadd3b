package dev.stratus.compute.api.service;

import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.persistence.NicRow;
import java.util.List;

/**
 * Which fixed IP of a server {@code addFloatingIp} binds the floating IP to, with Nova's checks on the
 * server's network information (its NICs that have a port): the one the user named, which the server must
 * hold, else the server's first fixed IPv4 address.
 */
public final class FixedAddressChoice {

    private FixedAddressChoice() {
    }

    /**
     * @param requested the {@code fixed_address} of the body, null when absent
     * @param address   the floating IP (for the message when there is no IPv4 address)
     */
    public static String of(List<NicRow> nics, String requested, String address, String serverId) {
        List<NicRow> ported = nics.stream().filter(n -> n.portId() != null).toList();
        if (ported.isEmpty()) {
            throw ApiException.badRequest("Instance network is not ready yet");
        }
        List<String> fixed = ported.stream().flatMap(n -> n.fixedIps().stream()).toList();
        if (fixed.isEmpty()) {
            throw ApiException.badRequest("No fixed IPs associated to instance");
        }
        if (requested != null) {
            if (!fixed.contains(requested)) {
                throw ApiException.badRequest("Specified fixed address not assigned to instance");
            }
            return requested;
        }
        return fixed.stream().filter(FixedAddressChoice::isIpv4).findFirst()
                .orElseThrow(() -> ApiException.badRequest("Unable to associate floating IP " + address
                        + " to any fixed IPs for instance " + serverId + ". Instance has no fixed IPv4 addresses"
                        + " to associate."));
    }

    /** Addresses come from network-service in their canonical text: IPv6 ones have colons, IPv4 ones never. */
    static boolean isIpv4(String ip) {
        return ip.indexOf(':') < 0 && ip.indexOf('.') > 0;
    }
}
