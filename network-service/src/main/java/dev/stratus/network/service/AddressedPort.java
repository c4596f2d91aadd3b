package dev.stratus.network.service;

import dev.stratus.network.ipam.Ipv6Modes;
import dev.stratus.network.persistence.PortRow;

/**
 * What the IPAM needs to know of the port it addresses: where it is, its MAC (for EUI-64 addresses) and its
 * device owner (router ports may take a subnet's gateway or network address; router interfaces are left out of
 * SLAAC and DHCPv6-stateless subnets unless they name them).
 */
public record AddressedPort(String id, String networkId, String macAddress, String deviceOwner) {

    public static AddressedPort of(PortRow port) {
        return new AddressedPort(port.id(), port.networkId(), port.macAddress(), port.deviceOwner());
    }

    public AddressedPort withMac(String mac) {
        return new AddressedPort(id, networkId, mac, deviceOwner);
    }

    public boolean routerPort() {
        return deviceOwner.startsWith("network:router_");
    }

    public boolean routerInterface() {
        return Ipv6Modes.routerInterface(deviceOwner);
    }
}
