package dev.stratus.compute.node.network.plan;

import dev.stratus.common.network.address.Ipv6Text;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address with a prefix length: a network ({@code 10.0.0.0/24}), an interface address
 * ({@code 10.0.0.1/24}) or a single host ({@code 10.0.0.5}, length 32 or 128). Parsed strictly from literals
 * (never a name lookup) and printed canonically (IPv6 as RFC 5952), so it can be compared with what
 * {@code ip -json} reports and written into rules and command lines.
 */
public final class IpPrefix {

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private final byte[] bytes;
    private final int length;

    private IpPrefix(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
    }

    /** {@code address} or {@code address/length}; a missing length means a single host. */
    public static IpPrefix parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an IP address is required");
        }
        String value = text.strip();
        int slash = value.indexOf('/');
        byte[] bytes = parseAddress(slash < 0 ? value : value.substring(0, slash));
        int max = bytes.length * 8;
        int length = max;
        if (slash >= 0) {
            String len = value.substring(slash + 1);
            if (!len.matches("\\d{1,3}") || Integer.parseInt(len) > max) {
                throw new IllegalArgumentException("not a valid prefix length: " + text);
            }
            length = Integer.parseInt(len);
        }
        return new IpPrefix(bytes, length);
    }

    /** A single address (no prefix length allowed). */
    public static IpPrefix parseHost(String text) {
        if (text != null && text.contains("/")) {
            throw new IllegalArgumentException("an address without prefix length is required: " + text);
        }
        return parse(text);
    }

    private static byte[] parseAddress(String text) {
        if (IPV4.matcher(text).matches()) {
            String[] parts = text.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                bytes[i] = (byte) Integer.parseInt(parts[i]);
            }
            return bytes;
        }
        // With a colon InetAddress treats the text as an IPv6 literal and never looks a name up.
        if (text.contains(":") && IPV6_CHARS.matcher(text).matches()) {
            try {
                InetAddress address = InetAddress.getByName(text);
                if (address instanceof Inet4Address) { // an IPv4-mapped literal: keep it IPv6
                    byte[] mapped = new byte[16];
                    mapped[10] = (byte) 0xff;
                    mapped[11] = (byte) 0xff;
                    System.arraycopy(address.getAddress(), 0, mapped, 12, 4);
                    return mapped;
                }
                return address.getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not a valid IP address: " + text, e);
            }
        }
        throw new IllegalArgumentException("not a valid IP address: " + text);
    }

    public int version() {
        return bytes.length == 4 ? 4 : 6;
    }

    public int length() {
        return length;
    }

    public boolean isHost() {
        return length == bytes.length * 8;
    }

    /** The same prefix with the host bits cleared. */
    public IpPrefix network() {
        byte[] masked = bytes.clone();
        for (int bit = length; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return new IpPrefix(masked, length);
    }

    /** This address with another prefix length (an interface address in a subnet). */
    public IpPrefix withLength(int newLength) {
        if (newLength < 0 || newLength > bytes.length * 8) {
            throw new IllegalArgumentException("not a valid prefix length: " + newLength);
        }
        return new IpPrefix(bytes, newLength);
    }

    /** The address alone, as a host. */
    public IpPrefix host() {
        return new IpPrefix(bytes, bytes.length * 8);
    }

    public boolean contains(IpPrefix other) {
        if (other.bytes.length != bytes.length || other.length < length) {
            return false;
        }
        return network().equals(other.withLength(length).network());
    }

    /** The dotted netmask of an IPv4 prefix. */
    public String netmask() {
        if (version() != 4) {
            throw new IllegalStateException("an IPv6 prefix has no netmask");
        }
        long mask = length == 0 ? 0 : (0xffffffffL << (32 - length)) & 0xffffffffL;
        return (mask >>> 24) + "." + ((mask >>> 16) & 0xff) + "." + ((mask >>> 8) & 0xff) + "." + (mask & 0xff);
    }

    /** The address in canonical form, without the length. */
    public String address() {
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        return Ipv6Text.of(bytes);
    }

    /** {@code address/length} always. */
    public String withLengthText() {
        return address() + "/" + length;
    }

    /** A host as its bare address, a network as {@code network/length}: how nft and dnsmasq want it. */
    @Override
    public String toString() {
        return isHost() ? address() : network().address() + "/" + length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpPrefix other && other.length == length && Arrays.equals(other.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bytes) + length;
    }
}
