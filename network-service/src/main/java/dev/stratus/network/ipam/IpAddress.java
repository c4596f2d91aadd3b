package dev.stratus.network.ipam;

import dev.stratus.common.network.address.Ipv6Text;
import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address as a number, written the way Neutron (netaddr) writes it: dotted quad without
 * leading zeros, IPv6 in the compressed lower-case form of RFC 5952.
 */
public record IpAddress(int version, BigInteger value) implements Comparable<IpAddress> {

    static final BigInteger V4_MAX = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    static final BigInteger V6_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    public IpAddress {
        if (version != 4 && version != 6) {
            throw new IllegalArgumentException("IP version " + version);
        }
        if (value.signum() < 0 || value.compareTo(max(version)) > 0) {
            throw new IllegalArgumentException("address out of range for IPv" + version);
        }
    }

    static BigInteger max(int version) {
        return version == 4 ? V4_MAX : V6_MAX;
    }

    static int bits(int version) {
        return version == 4 ? 32 : 128;
    }

    /** Parses an address as Neutron's validator accepts it; empty when it is not one. */
    public static Optional<IpAddress> parse(String text) {
        if (text == null || text.isEmpty() || !text.strip().equals(text)) {
            return Optional.empty();
        }
        if (text.indexOf(':') >= 0) {
            return parseV6(text);
        }
        return parseV4(text);
    }

    /** Parses an address the caller already validated. */
    public static IpAddress of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not an IP address: " + text));
    }

    private static Optional<IpAddress> parseV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                return Optional.empty();
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                return Optional.empty();
            }
            v = (v << 8) | octet;
        }
        return Optional.of(new IpAddress(4, BigInteger.valueOf(v)));
    }

    private static Optional<IpAddress> parseV6(String text) {
        if (text.indexOf('%') >= 0 || text.indexOf('[') >= 0 || !text.chars().allMatch(c -> c == ':' || c == '.'
                || Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        try {
            // a literal containing ':' is parsed without any name lookup
            InetAddress a = InetAddress.getByName(text);
            byte[] bytes = a.getAddress();
            if (!(a instanceof Inet6Address) && bytes.length == 4) {
                // "::ffff:1.2.3.4" comes back as IPv4; keep it an IPv6 address as netaddr does
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                bytes = mapped;
            }
            return Optional.of(new IpAddress(6, new BigInteger(1, bytes)));
        } catch (UnknownHostException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public IpAddress plus(long n) {
        return new IpAddress(version, value.add(BigInteger.valueOf(n)));
    }

    public IpAddress plus(BigInteger n) {
        return new IpAddress(version, value.add(n));
    }

    public boolean isV4() {
        return version == 4;
    }

    @Override
    public int compareTo(IpAddress o) {
        return version != o.version ? Integer.compare(version, o.version) : value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return version == 4 ? v4Text() : v6Text();
    }

    private String v4Text() {
        long v = value.longValue();
        return ((v >> 24) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
    }

    /** RFC 5952: lower case, no leading zeros, the longest run (of two or more) of zero groups as "::". */
    private String v6Text() {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = value.shiftRight(16 * (7 - i)).intValue() & 0xffff;
        }
        return Ipv6Text.of(groups);
    }
}
