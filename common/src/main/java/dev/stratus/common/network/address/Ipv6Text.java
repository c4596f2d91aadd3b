package dev.stratus.common.network.address;

/**
 * An IPv6 address written as RFC 5952 says: lower-case hexadecimal without leading zeros, the longest run of two
 * or more zero groups (the first on ties) as {@code ::}. What Neutron and Nova print, and what every service
 * here compares addresses by.
 */
public final class Ipv6Text {

    private Ipv6Text() {
    }

    /** The 16 bytes of an address, in network order. */
    public static String of(byte[] address) {
        if (address.length != 16) {
            throw new IllegalArgumentException("an IPv6 address has 16 bytes, not " + address.length);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        return of(groups);
    }

    /** The eight 16-bit groups of an address, first group first. */
    public static String of(int[] groups) {
        if (groups.length != 8) {
            throw new IllegalArgumentException("an IPv6 address has 8 groups, not " + groups.length);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8;) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i] & 0xffff));
        }
        return out.toString();
    }
}
