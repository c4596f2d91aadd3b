package dev.stratus.network.ipam;

import java.math.BigInteger;

/**
 * The address a host forms by SLAAC (RFC 4291 appendix A): the prefix's network address plus the interface
 * identifier made of the MAC with {@code ff:fe} in its middle and the universal/local bit inverted. Neutron
 * computes a SLAAC or DHCPv6-stateless port's address this way (oslo's {@code get_ipv6_addr_by_EUI64}).
 */
public final class Eui64 {

    private static final BigInteger UNIVERSAL_LOCAL_BIT = BigInteger.ONE.shiftLeft(57);

    private Eui64() {
    }

    /** The address of the port with {@code mac} (six octets, ':' or '-' separated) on the IPv6 {@code prefix}. */
    public static IpAddress address(Cidr prefix, String mac) {
        if (prefix.version() != 6) {
            throw new IllegalArgumentException("EUI-64 addresses are IPv6 only: " + prefix);
        }
        String[] octets = mac.split("[:-]");
        if (octets.length != 6) {
            throw new IllegalArgumentException("not a MAC address: " + mac);
        }
        long identifier = 0;
        for (int i = 0; i < 6; i++) {
            identifier = (identifier << 8) | Integer.parseInt(octets[i], 16);
            if (i == 2) {
                identifier = (identifier << 16) | 0xfffe;
            }
        }
        BigInteger eui = new BigInteger(Long.toUnsignedString(identifier));
        return new IpAddress(6, prefix.first().value().add(eui).xor(UNIVERSAL_LOCAL_BIT));
    }
}
