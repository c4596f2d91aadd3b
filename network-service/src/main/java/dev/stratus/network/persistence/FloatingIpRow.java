package dev.stratus.network.persistence;

/** A floating IP; {@code fixedPortId}, {@code fixedIpAddress} and {@code routerId} are null while unassociated. */
public record FloatingIpRow(String id, String projectId, String floatingNetworkId, String floatingIpAddress,
        String floatingPortId, String fixedPortId, String fixedIpAddress, String routerId, String status, String dnsName,
        String dnsDomain, StandardAttributes standard) {
}
