package dev.stratus.network.ipam;

import java.util.Set;

/**
 * What a subnet's {@code ipv6_ra_mode} and {@code ipv6_address_mode} mean for its ports' addresses, and which
 * ports are exempt (Neutron's {@code is_auto_address_subnet} and {@code ROUTER_INTERFACE_OWNERS_SNAT}).
 */
public final class Ipv6Modes {

    public static final String SLAAC = "slaac";
    public static final String STATELESS = "dhcpv6-stateless";
    public static final String STATEFUL = "dhcpv6-stateful";

    /** Router interfaces hold their subnet's gateway address, even on SLAAC subnets, and get no EUI-64 one. */
    private static final Set<String> ROUTER_INTERFACE_OWNERS = Set.of("network:router_interface",
            "network:router_interface_distributed", "network:ha_router_replicated_interface",
            "network:router_centralized_snat");

    private Ipv6Modes() {
    }

    /** SLAAC or DHCPv6-stateless by either mode: ports get the EUI-64 address of their MAC, not a pool's. */
    public static boolean autoAddress(String raMode, String addressMode) {
        return SLAAC.equals(addressMode) || STATELESS.equals(addressMode) || SLAAC.equals(raMode)
                || STATELESS.equals(raMode);
    }

    public static boolean routerInterface(String deviceOwner) {
        return deviceOwner != null && ROUTER_INTERFACE_OWNERS.contains(deviceOwner);
    }
}
