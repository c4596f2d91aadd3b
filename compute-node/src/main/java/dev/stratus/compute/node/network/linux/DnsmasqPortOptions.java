package dev.stratus.compute.node.network.linux;

import dev.stratus.compute.node.network.plan.DhcpOption;
import dev.stratus.compute.node.network.plan.FixedIp;
import dev.stratus.compute.node.network.plan.PortPlumbing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A port's extra DHCP options in dnsmasq's terms, as Neutron's DHCP agent writes them: the port's host entry
 * sets the tag {@code port-<port id>} (and takes a {@code client-id} option as its client id), and each other
 * option is a line {@code tag:port-<id>,option:<name>,<value>} of the options file; a number stays bare
 * ({@code tag:port-<id>,66,<value>}), an IPv6 option is {@code option6:<name>}, and a name that starts with a
 * tag condition keeps it after the port's ({@code tag:port-<id>,tag:ipxe,option:bootfile-name,...}). An option
 * for an IP version the port has no address of is left out; an empty value gives the option without one.
 */
final class DnsmasqPortOptions {

    /** Neutron's DHCP_OPT_CLIENT_ID and its option number. */
    static final Set<String> CLIENT_ID = Set.of("client-id", "61");

    private DnsmasqPortOptions() {
    }

    static String tag(PortPlumbing port) {
        return "port-" + port.portId();
    }

    /** What the port's host entry carries before its address: {@code id:<client id>,} and {@code set:<tag>,}. */
    static String hostFields(PortPlumbing port) {
        StringBuilder fields = new StringBuilder();
        clientId(port).ifPresent(id -> fields.append("id:").append(id).append(','));
        if (!lines(port).isEmpty()) {
            fields.append("set:").append(tag(port)).append(',');
        }
        return fields.toString();
    }

    /** The port's client-id option, if it has one. */
    static Optional<String> clientId(PortPlumbing port) {
        return port.dhcpOptions().stream().filter(o -> CLIENT_ID.contains(o.name())).map(DhcpOption::value)
                .filter(v -> !v.isEmpty()).findFirst();
    }

    /** The options file's lines for the port, in the order of its options. */
    static List<String> lines(PortPlumbing port) {
        Set<Integer> versions = new TreeSet<>();
        for (FixedIp fixed : port.fixedIps()) {
            versions.add(fixed.address().version());
        }
        List<String> lines = new ArrayList<>();
        for (DhcpOption option : port.dhcpOptions()) {
            if (!CLIENT_ID.contains(option.name()) && versions.contains(option.ipVersion())) {
                lines.add(line(tag(port), option));
            }
        }
        return lines;
    }

    /** Neutron's _format_option: the port's tag, a tag condition the name brings, the option, its value. */
    static String line(String tag, DhcpOption option) {
        String name = option.name();
        String condition = null;
        int comma = name.lastIndexOf(',');
        if (name.startsWith("tag:") && comma > 0) {
            condition = name.substring(0, comma);
            name = name.substring(comma + 1);
        }
        if (option.ipVersion() == 6) {
            name = "option6:" + name;
        } else if (!name.chars().allMatch(Character::isDigit) || name.isEmpty()) {
            name = "option:" + name;
        }
        StringBuilder line = new StringBuilder("tag:").append(tag).append(',');
        if (condition != null) {
            line.append(condition).append(',');
        }
        line.append(name);
        if (!option.value().isEmpty()) {
            line.append(',').append(option.value());
        }
        return line.toString();
    }
}
