package dev.stratus.compute.api.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.common.fault.ApiException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A security group rule as Nova's proxy API sees it: always ingress, a protocol (tcp, udp, icmp or none), a port
 * range (ICMP type and code for icmp, -1 for any) and either a CIDR or a source group. Made from a request
 * ({@link #requested}, with Nova's checks and messages) or from a network-service rule ({@link #fromNeutron}); a
 * request becomes a network-service rule with {@link #toNeutron}.
 */
public record NovaRule(String id, String parentGroupId, String protocol, Integer fromPort, Integer toPort, String cidr,
        String groupId) {

    /** The CIDR of a rule that names none: anything, as Nova reads a rule without a remote prefix. */
    static final String ANY = "0.0.0.0/0";

    /**
     * The rule a {@code security_group_rule} body asks for (its {@code parent_group_id} already checked), as
     * Nova's {@code _rule_args_to_dict} builds it: a source group rule opens every port of TCP and UDP (and every
     * ICMP type) when no range is given; a CIDR rule needs a protocol and both ports.
     *
     * @return the rule, or null when a CIDR rule lacks its protocol or ports (Nova's "Not enough parameters")
     */
    public static NovaRule requested(String parentGroupId, JsonNode body, String groupId) {
        JsonNode protocolNode = body.get("ip_protocol");
        String protocol = protocolNode == null || protocolNode.isNull() ? null
                : protocolNode.isTextual() ? protocolNode.asText() : protocolNode.toString();
        JsonNode from = present(body.get("from_port"));
        JsonNode to = present(body.get("to_port"));
        String cidr = groupId == null ? parseCidr(body.get("cidr")) : null;
        String upper = protocol == null ? "" : protocol.toUpperCase(Locale.ROOT);
        if (groupId != null && from == null && to == null) {
            if (upper.equals("ICMP")) {
                return ranged(parentGroupId, protocol, -1, -1, null, groupId);
            }
            if (upper.equals("TCP") || upper.equals("UDP")) {
                return ranged(parentGroupId, protocol, 1, 65535, null, groupId);
            }
        }
        if (protocol != null && !protocol.isEmpty() && from != null && to != null) {
            return ranged(parentGroupId, protocol, port(from, upper), port(to, upper), cidr, groupId);
        }
        return cidr != null ? null : new NovaRule(null, parentGroupId, null, null, null, null, groupId);
    }

    private static JsonNode present(JsonNode v) {
        return v == null || v.isNull() ? null : v;
    }

    private static NovaRule ranged(String parent, String protocol, int from, int to, String cidr, String groupId) {
        String upper = protocol.toUpperCase(Locale.ROOT);
        if (!upper.equals("TCP") && !upper.equals("UDP") && !upper.equals("ICMP")) {
            throw ApiException.badRequest("Invalid IP protocol " + protocol + ".");
        }
        if (!upper.equals("ICMP") && from > to) {
            throw badRange(from, to, "Former value cannot be greater than the later");
        }
        if (!upper.equals("ICMP") && (from < 1 || to > 65535)) {
            throw badRange(from, to, "Valid " + upper + " ports should be between 1-65535");
        }
        if (upper.equals("ICMP") && (from < -1 || from > 255 || to < -1 || to > 255)) {
            throw badRange(from, to, "For ICMP, the type:code must be valid");
        }
        return new NovaRule(null, parent, protocol.toLowerCase(Locale.ROOT), from, to, cidr, groupId);
    }

    private static ApiException badRange(int from, int to, String why) {
        return ApiException.badRequest("Invalid port range " + from + ":" + to + ". " + why);
    }

    /** A port (or ICMP type/code) as Python's int() takes it: a number, or a string of an integer. */
    private static int port(JsonNode v, String upperProtocol) {
        if (v.isNumber() && !v.isBigInteger() && Math.abs(v.asDouble()) < Integer.MAX_VALUE) {
            return (int) v.asDouble();
        }
        if (v.isTextual() && v.asText().strip().matches("[-+]?\\d{1,9}")) {
            return Integer.parseInt(v.asText().strip());
        }
        throw ApiException.badRequest("Invalid input received: " + (upperProtocol.equals("ICMP")
                ? "Type and Code must be integers for ICMP protocol type" : "To and From ports must be integers"));
    }

    /** Nova's {@code parse_cidr}: none means anything; otherwise an address and a prefix length. */
    static String parseCidr(JsonNode v) {
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty())) {
            return ANY;
        }
        String text = v.isTextual() ? URLDecoder.decode(v.asText(), StandardCharsets.UTF_8) : v.toString();
        int slash = text.indexOf('/');
        if (slash < 0 || !validCidr(text.substring(0, slash), text.substring(slash + 1))) {
            throw ApiException.badRequest("Invalid cidr " + text + ".");
        }
        if (!text.startsWith("0.0.0.0/") && !text.startsWith("::/") && text.substring(slash + 1).equals("0")) {
            throw ApiException.badRequest("Bad prefix for network in cidr " + text);
        }
        return text;
    }

    private static boolean validCidr(String address, String prefix) {
        if (!prefix.matches("\\d{1,3}") || !NeutronNetworkCatalog.isIpLiteral(address)) {
            return false;
        }
        return Integer.parseInt(prefix) <= (address.contains(":") ? 128 : 32);
    }

    /** A network-service rule as Nova shows it: a protocol without ports means all of them. */
    public static NovaRule fromNeutron(JsonNode rule) {
        String protocol = text(rule, "protocol");
        Integer from = integer(rule, "port_range_min");
        Integer to = integer(rule, "port_range_max");
        if (protocol != null && from == null && to == null) {
            boolean ported = protocol.equalsIgnoreCase("tcp") || protocol.equalsIgnoreCase("udp");
            from = ported ? 1 : -1;
            to = ported ? 65535 : -1;
        }
        String prefix = text(rule, "remote_ip_prefix");
        return new NovaRule(text(rule, "id"), text(rule, "security_group_id"), protocol, from, to,
                prefix == null || prefix.isEmpty() ? ANY : prefix, text(rule, "remote_group_id"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asInt();
    }

    /** Whether this rule is {@code other} in every field Nova compares (source, CIDR, ports, protocol). */
    public boolean sameRuleAs(NovaRule other) {
        return Objects.equals(groupId, other.groupId) && Objects.equals(cidr, other.cidr)
                && Objects.equals(fromPort, other.fromPort) && Objects.equals(toPort, other.toPort)
                && Objects.equals(protocol, other.protocol);
    }

    /**
     * The network-service body that creates this rule: ingress, IPv4 unless the CIDR is IPv6 (a source group rule
     * is IPv4, as in Nova), ports left out for -1.
     */
    public ObjectNode toNeutron() {
        ObjectNode rule = JsonNodeFactory.instance.objectNode();
        rule.put("direction", "ingress");
        rule.put("security_group_id", parentGroupId);
        rule.put("ethertype", cidr != null && cidr.contains(":") ? "IPv6" : "IPv4");
        if (protocol != null) {
            rule.put("protocol", protocol);
        }
        if (cidr != null) {
            rule.put("remote_ip_prefix", cidr);
        }
        if (groupId != null) {
            rule.put("remote_group_id", groupId);
        }
        if (fromPort != null && fromPort != -1) {
            rule.put("port_range_min", fromPort);
        }
        if (toPort != null && toPort != -1) {
            rule.put("port_range_max", toPort);
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("security_group_rule", rule);
        return body;
    }

    /**
     * The rule as the API shows it; {@code source} is the source group's {@code name} and {@code tenant_id} for a
     * source group rule (an empty {@code ip_range} then), ignored otherwise.
     */
    public Map<String, Object> view(Map<String, Object> source) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("parent_group_id", parentGroupId);
        v.put("ip_protocol", protocol);
        v.put("from_port", fromPort);
        v.put("to_port", toPort);
        v.put("group", groupId != null && source != null ? source : Map.of());
        v.put("ip_range", groupId != null ? Map.of() : Map.of("cidr", cidr));
        return v;
    }
}
