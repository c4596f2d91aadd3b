package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.network.address.Ipv6Text;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * {@code accessIPv4} and {@code accessIPv6} of create and update bodies: validated, and IPv6 written in its
 * canonical compressed form (RFC 5952), as Nova stores it ({@code 0:0::babe:220.12.22.2} is
 * {@code ::babe:dc0c:1602}). An empty string clears the address. Its address checks also serve the other bodies
 * that take an IP address (the floating-IP actions).
 */
final class AccessAddresses {

    private AccessAddresses() {
    }

    static String ipv4(JsonNode body) {
        String v4 = Bodies.optionalString(body, "accessIPv4", 0, 255);
        if (v4 == null || v4.isEmpty()) {
            return v4;
        }
        if (!isIpv4(v4)) {
            throw Bodies.invalid("accessIPv4", body.get("accessIPv4"), "is not a 'ipv4'");
        }
        return v4;
    }

    /** Whether the text is a dotted-quad IPv4 address, as JSON schema's {@code ipv4} format accepts it. */
    static boolean isIpv4(String text) {
        return text.matches("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
    }

    /** Whether the text is an IPv6 address literal, as JSON schema's {@code ipv6} format accepts it. */
    static boolean isIpv6(String text) {
        return ipv6Literal(text) != null;
    }

    static String ipv6(JsonNode body) {
        String v6 = Bodies.optionalString(body, "accessIPv6", 0, 255);
        if (v6 == null || v6.isEmpty()) {
            return v6;
        }
        InetAddress address = ipv6Literal(v6);
        if (address == null) {
            throw Bodies.invalid("accessIPv6", body.get("accessIPv6"), "is not a 'ipv6'");
        }
        return canonical(address, v6);
    }

    private static InetAddress ipv6Literal(String text) {
        // a literal only: InetAddress never resolves a string made of hex digits, colons and dots
        if (!text.matches("^[0-9a-fA-F:.]+$") || !text.contains(":")) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static String canonical(InetAddress address, String text) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            // Java folds IPv4-mapped addresses (::ffff:a.b.c.d) into IPv4; keep the mapped form
            return "::ffff:" + address.getHostAddress();
        }
        return Ipv6Text.of(b);
    }
}
