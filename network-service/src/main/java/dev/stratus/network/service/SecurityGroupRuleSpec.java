package dev.stratus.network.service;

import dev.stratus.network.api.SecurityGroupFaults;
import dev.stratus.network.ipam.Cidr;
import dev.stratus.network.ipam.IpAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A security group rule's match, checked and put in Neutron's canonical form: legacy IPv6 ICMP names become
 * {@code ipv6-icmp}, the full port range becomes no range, ports are allowed only where the protocol has them,
 * the prefix agrees with the ethertype. {@link #key()} is the form under which equal rules are one rule.
 */
public record SecurityGroupRuleSpec(String direction, String ethertype, String protocol, Integer portRangeMin,
        Integer portRangeMax, String remoteIpPrefix, String remoteGroupId) {

    /** Neutron's IP_PROTOCOL_MAP, in its order (the error message lists it). */
    static final Map<String, Integer> PROTOCOLS = new LinkedHashMap<>();

    static {
        Object[][] table = {{"ah", 51}, {"dccp", 33}, {"egp", 8}, {"esp", 50}, {"gre", 47}, {"hopopt", 0},
            {"icmp", 1}, {"igmp", 2}, {"ip", 0}, {"ipip", 4}, {"ipv6-encap", 41}, {"ipv6-frag", 44},
            {"ipv6-icmp", 58}, {"icmpv6", 58}, {"ipv6-nonxt", 59}, {"ipv6-opts", 60}, {"ipv6-route", 43},
            {"ospf", 89}, {"pgm", 113}, {"rsvp", 46}, {"sctp", 132}, {"tcp", 6}, {"udp", 17}, {"udplite", 136},
            {"vrrp", 112}};
        for (Object[] row : table) {
            PROTOCOLS.put((String) row[0], (Integer) row[1]);
        }
    }

    private static final List<Integer> PORT_PROTOCOLS = List.of(33, 132, 6, 17, 136);
    private static final List<String> IPV6_ONLY = List.of("ipv6-encap", "ipv6-frag", "ipv6-icmp", "icmpv6",
            "ipv6-nonxt", "ipv6-opts", "ipv6-route", "41", "44", "58", "59", "60", "43");

    /** convert_protocol: null and "any" mean any protocol; names lower-cased; numbers 0-255 kept as text. */
    public static String protocol(Object value) {
        if (value == null || "any".equals(value)) {
            return null;
        }
        String text = value.toString();
        if (text.matches("-?\\d+")) {
            long n = Long.parseLong(text);
            if (n >= 0 && n <= 255) {
                return Long.toString(n);
            }
            throw invalidProtocol(text);
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if ("any".equals(lower)) {
            return null;
        }
        if (PROTOCOLS.containsKey(lower)) {
            return lower;
        }
        throw invalidProtocol(text);
    }

    private static RuntimeException invalidProtocol(String text) {
        StringBuilder values = new StringBuilder("(None, 'any'");
        PROTOCOLS.keySet().forEach(p -> values.append(", '").append(p).append("'"));
        return SecurityGroupFaults.invalidProtocol(text, values.append(")").toString());
    }

    /** convert_ip_prefix_to_cidr and _validate_ip_prefix: a bare address gets its full mask. */
    public static String prefix(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String text = value.contains("/") ? value : value + "/" + (value.contains(":") ? 128 : 32);
        Cidr cidr = Cidr.parse(text).orElseThrow(() -> dev.stratus.network.api.Faults.of(400, "InvalidCIDR",
                "Invalid CIDR " + value + " given as IP prefix."));
        String address = text.substring(0, text.indexOf('/'));
        return IpAddress.of(address) + "/" + cidr.prefixLength();
    }

    /** Checks the rule and returns it in canonical form. */
    public SecurityGroupRuleSpec canonical() {
        String proto = protocol;
        if ("IPv6".equals(ethertype) && ("icmp".equals(proto) || "icmpv6".equals(proto))) {
            proto = "ipv6-icmp";
        } else if ("IPv6".equals(ethertype) && "1".equals(proto)) {
            proto = "58";
        }
        Integer min = portRangeMin;
        Integer max = portRangeMax;
        if (min != null && max != null && min == 1 && max == 65535) {
            min = null;
            max = null;
        }
        SecurityGroupRuleSpec rule = new SecurityGroupRuleSpec(direction, ethertype, proto, min, max, remoteIpPrefix,
                remoteGroupId);
        rule.checkPorts();
        rule.checkPrefix();
        if (proto != null && IPV6_ONLY.contains(proto) && "IPv4".equals(ethertype)) {
            throw SecurityGroupFaults.ethertypeConflictWithProtocol(ethertype, proto);
        }
        if (remoteIpPrefix != null && remoteGroupId != null) {
            throw SecurityGroupFaults.multipleRemotes();
        }
        return rule;
    }

    private void checkPorts() {
        if (portRangeMin == null && portRangeMax == null) {
            return;
        }
        if (protocol == null) {
            throw SecurityGroupFaults.protocolRequiredWithPorts();
        }
        Integer number = number();
        if (PORT_PROTOCOLS.contains(number)) {
            if (Integer.valueOf(0).equals(portRangeMin) || Integer.valueOf(0).equals(portRangeMax)) {
                throw SecurityGroupFaults.invalidPortValue(0);
            }
            if (portRangeMin == null || portRangeMax == null || portRangeMin > portRangeMax) {
                throw SecurityGroupFaults.invalidPortRange();
            }
        } else if (number == 1 || number == 58) {
            if (portRangeMin != null && (portRangeMin < 0 || portRangeMin > 255)) {
                throw SecurityGroupFaults.invalidIcmpValue("type", "port_range_min", portRangeMin);
            }
            if (portRangeMax != null && (portRangeMax < 0 || portRangeMax > 255)) {
                throw SecurityGroupFaults.invalidIcmpValue("code", "port_range_max", portRangeMax);
            }
            if (portRangeMin == null) {
                throw SecurityGroupFaults.missingIcmpType(portRangeMax);
            }
        } else {
            throw SecurityGroupFaults.invalidProtocolForPort(number.toString(), "DCCP, SCTP, TCP, UDP, UDPLITE");
        }
    }

    private void checkPrefix() {
        if (remoteIpPrefix != null) {
            int version = remoteIpPrefix.contains(":") ? 6 : 4;
            if (!ethertype.equals("IPv" + version)) {
                throw SecurityGroupFaults.ethertypeConflictWithCidr(ethertype, remoteIpPrefix);
            }
        }
    }

    /** The protocol as a number, null for any. */
    public Integer number() {
        if (protocol == null) {
            return null;
        }
        return PROTOCOLS.containsKey(protocol) ? PROTOCOLS.get(protocol) : Integer.valueOf(protocol);
    }

    /** The CIDR of the remote prefix (Neutron's normalized_cidr); null without one. */
    public static String normalizedCidr(String remoteIpPrefix) {
        return remoteIpPrefix == null ? null : Cidr.of(remoteIpPrefix).toString();
    }

    /** Neutron's _rule_to_key: a protocol by name or number is one protocol; "any address" is no prefix. */
    public String key() {
        String prefix = remoteIpPrefix == null || remoteIpPrefix.equals("0.0.0.0/0") || remoteIpPrefix.equals("::/0")
                ? "+" : remoteIpPrefix;
        return String.join("_", direction, ethertype, String.valueOf(portRangeMax), String.valueOf(portRangeMin),
                protocol == null ? "+" : number().toString(), remoteGroupId == null ? "+" : remoteGroupId, prefix);
    }
}
