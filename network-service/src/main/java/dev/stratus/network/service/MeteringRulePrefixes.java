package dev.stratus.network.service;

import dev.stratus.network.api.MeteringFaults;
import dev.stratus.network.ipam.Cidr;
import dev.stratus.network.ipam.IpAddress;
import java.util.Optional;

/**
 * The prefixes of a metering label rule as the metering plugin reads them: each must be an IP interface
 * ({@code address} or {@code address/length}, host bits allowed); it is kept as netaddr writes the network
 * (a bare address gets the full length). The deprecated {@code remote_ip_prefix} excludes the other two, and
 * at least one of the three is needed.
 */
public final class MeteringRulePrefixes {

    public record Prefixes(String remote, String source, String destination) {
    }

    private MeteringRulePrefixes() {
    }

    public static Prefixes read(Object remote, Object source, Object destination) {
        String r = prefix("remote_ip_prefix", remote);
        String s = prefix("source_ip_prefix", source);
        String d = prefix("destination_ip_prefix", destination);
        if (r != null && (s != null || d != null)) {
            throw MeteringFaults.invalid("Cannot use 'remote-ip-prefix' in conjunction with 'source-ip-prefix' or "
                    + "'destination-ip-prefix'.");
        }
        if (r == null && s == null && d == null) {
            throw MeteringFaults.invalid("You must define at least one of the following parameters "
                    + "'remote_ip_prefix', or 'source_ip_prefix' or 'destination_ip_prefix'.");
        }
        return new Prefixes(r, s, d);
    }

    /** The network a stored prefix covers, host bits cleared (what netaddr's IPSet compares). */
    public static Cidr network(String prefix) {
        return Cidr.of(prefix);
    }

    private static String prefix(String attribute, Object value) {
        if (value == null || "".equals(value)) {
            return null;
        }
        String text = value.toString();
        return parse(text).orElseThrow(() -> MeteringFaults.invalid(attribute + ": " + text + " is invalid ['"
                + text + "' does not appear to be an IPv4 or IPv6 interface]."));
    }

    static Optional<String> parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        Optional<IpAddress> ip = IpAddress.parse(address);
        if (ip.isEmpty()) {
            return Optional.empty();
        }
        int bits = ip.get().isV4() ? 32 : 128;
        int length = bits;
        if (slash >= 0) {
            String digits = text.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            length = Integer.parseInt(digits);
            if (length > bits) {
                return Optional.empty();
            }
        }
        return Optional.of(ip.get() + "/" + length);
    }
}
