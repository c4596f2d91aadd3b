package dev.stratus.compute.node.network.linux;

import dev.stratus.compute.node.network.PlumbingNames;
import dev.stratus.compute.node.network.linux.NftTables.Table;
import dev.stratus.compute.node.network.plan.AllowedAddressPair;
import dev.stratus.compute.node.network.plan.FixedIp;
import dev.stratus.compute.node.network.plan.HostNetworkPlan;
import dev.stratus.compute.node.network.plan.IpPrefix;
import dev.stratus.compute.node.network.plan.NetworkPlumbing;
import dev.stratus.compute.node.network.plan.PortPlumbing;
import dev.stratus.compute.node.network.plan.SecurityRule;
import dev.stratus.compute.node.network.plan.SecurityRule.Direction;
import dev.stratus.compute.node.network.plan.SecurityRule.Ethertype;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The nftables rules of the ports with port security, rendered from the plan: two tables replaced together.
 *
 * <p>{@code table bridge stratus} sees frames on the bridges. A frame from a port's tap must carry the port's
 * MAC and, for ARP, IPv4 and IPv6, one of its addresses (fixed IPs, allowed address pairs, the IPv6
 * link-local of its MAC); DHCP and router advertisements from a guest are dropped. The frame is then marked
 * with the port's number (bits 0-14); a frame to a port's tap gets that port's number in bits 16-30.
 *
 * <p>{@code table inet stratus} does the stateful security groups. Connection tracking of bridged packets
 * comes from br_netfilter (the bridge family has no conntrack without {@code nf_conntrack_bridge}, which not
 * every kernel has), and there only the bridge is known, not its port: hence the marks. The egress chain of
 * the sending port returns when the packet may leave it, the ingress chain of the receiving port accepts when
 * it may enter; established and related traffic, DHCP and IPv6 neighbour discovery always pass, as in Neutron.
 * Each tenant network's traffic is tracked in a conntrack zone of its own.
 *
 * <p>Only the taps of the plan's ports are matched; every other frame and packet passes untouched.
 */
public final class PortFilterRuleset {

    public static final Table BRIDGE_TABLE = new Table("bridge", "stratus");
    public static final Table INET_TABLE = new Table("inet", "stratus");
    public static final List<Table> TABLES = List.of(BRIDGE_TABLE, INET_TABLE);

    /** Ports with port security this host can filter (15 bits of mark each way). */
    public static final int MAX_PORTS = 0x7fff;

    private static final String IPV6_NEIGHBOUR_OUT = "{ nd-router-solicit, nd-neighbor-solicit, nd-neighbor-advert,"
            + " mld-listener-report, mld2-listener-report }";
    private static final String IPV6_NEIGHBOUR_IN = "{ nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert,"
            + " mld-listener-query }";

    private PortFilterRuleset() {
    }

    /** The ports that get rules, in the order of their marks. */
    static List<PortPlumbing> securedPorts(HostNetworkPlan plan) {
        return plan.ports().stream().filter(PortPlumbing::portSecurityEnabled)
                .sorted(Comparator.comparing(PortPlumbing::portId)).toList();
    }

    /**
     * The definitions of both tables, or an empty string when no port of the plan has port security.
     *
     * @param comment written as the tables' comment; null for none
     */
    public static String render(HostNetworkPlan plan, String comment) {
        List<PortPlumbing> ports = securedPorts(plan);
        if (ports.isEmpty()) {
            return "";
        }
        if (ports.size() > MAX_PORTS) {
            throw new IllegalArgumentException(ports.size() + " ports with port security; at most " + MAX_PORTS);
        }
        return bridgeTable(ports, comment) + inetTable(plan, ports, comment);
    }

    private static String bridgeTable(List<PortPlumbing> ports, String comment) {
        Text t = new Text();
        t.open("table " + BRIDGE_TABLE + " {");
        comment(t, comment);
        t.open("chain guest_sources {");
        t.line("type filter hook prerouting priority -200; policy accept;");
        t.line("iifname vmap { " + join(ports, p -> quote(tap(p)) + " : jump " + chain(p, "source")) + " }");
        t.close();
        t.blank();
        t.open("chain guest_destinations {");
        t.line("type filter hook forward priority -100; policy accept;");
        t.line("meta mark & 0x7fff0000 != 0x00000000 meta mark set meta mark & 0x8000ffff");
        t.line("oifname vmap { " + join(ports, p -> quote(tap(p)) + " : jump " + chain(p, "destination")) + " }");
        t.close();
        t.blank();
        t.open("chain guest_to_host {");
        t.line("type filter hook input priority -100; policy accept;");
        t.line("iifname { " + join(ports, p -> quote(tap(p))) + " } meta mark set meta mark & 0x80008000");
        t.close();
        for (int i = 0; i < ports.size(); i++) {
            PortPlumbing port = ports.get(i);
            t.blank();
            sourceChain(t, port, i + 1);
            t.blank();
            t.open("chain " + chain(port, "destination") + " {");
            t.line("meta mark set meta mark & 0x8000ffff | " + hex(ingressMark(i + 1)));
            t.close();
        }
        t.close();
        return t.toString();
    }

    private static void sourceChain(Text t, PortPlumbing port, int number) {
        Set<String> macs = new LinkedHashSet<>();
        macs.add(port.mac());
        port.allowedAddressPairs().stream().map(AllowedAddressPair::mac).filter(m -> m != null).forEach(macs::add);
        // (MAC, address) pairs the port may send from, in the plan's order
        List<Map.Entry<String, IpPrefix>> sources = new ArrayList<>();
        for (FixedIp fixed : port.fixedIps()) {
            sources.add(Map.entry(port.mac(), fixed.address()));
        }
        for (String mac : macs) {
            sources.add(Map.entry(mac, IpPrefix.parse(linkLocal(mac))));
        }
        for (AllowedAddressPair pair : port.allowedAddressPairs()) {
            sources.add(Map.entry(pair.mac() != null ? pair.mac() : port.mac(), pair.prefix()));
        }
        List<String> v4 = elements(sources, 4);
        List<String> v6 = elements(sources, 6);
        Set<String> arp = new LinkedHashSet<>();
        arp.add(port.mac() + " . 0.0.0.0"); // ARP probes (RFC 5227) before an address is taken
        arp.addAll(v4);

        t.open("chain " + chain(port, "source") + " {");
        t.line("meta mark set meta mark & 0xffff8000 | " + hex(number));
        t.line("ether saddr != { " + String.join(", ", macs) + " } drop");
        t.line("arp saddr ether . arp saddr ip { " + String.join(", ", arp) + " } accept");
        t.line("ether type arp drop");
        t.line("ether type ip meta l4proto udp udp sport 67 udp dport 68 drop");
        t.line("ether type ip ip saddr 0.0.0.0 ip daddr 255.255.255.255 meta l4proto udp udp sport 68 udp dport 67"
                + " accept");
        if (!v4.isEmpty()) {
            t.line("ether type ip ether saddr . ip saddr { " + String.join(", ", v4) + " } accept");
        }
        t.line("ether type ip6 meta l4proto ipv6-icmp icmpv6 type nd-router-advert drop");
        t.line("ether type ip6 meta l4proto udp udp sport 547 udp dport 546 drop");
        t.line("ether type ip6 ip6 saddr :: meta l4proto ipv6-icmp icmpv6 type { nd-neighbor-solicit,"
                + " mld-listener-report, mld2-listener-report } accept");
        t.line("ether type ip6 ether saddr . ip6 saddr { " + String.join(", ", v6) + " } accept");
        t.line("drop");
        t.close();
    }

    private static String inetTable(HostNetworkPlan plan, List<PortPlumbing> ports, String comment) {
        Text t = new Text();
        t.open("table " + INET_TABLE + " {");
        comment(t, comment);
        List<NetworkPlumbing> owned = plan.networks().stream().filter(NetworkPlumbing::ownsBridge)
                .sorted(Comparator.comparing(NetworkPlumbing::networkId)).toList();
        if (!owned.isEmpty()) {
            Map<String, Integer> zones = ConntrackZones.of(owned.stream().map(NetworkPlumbing::networkId).toList());
            t.open("chain network_zones {");
            t.line("type filter hook prerouting priority raw; policy accept;");
            t.line("ct zone set iifname map { " + String.join(", ", owned.stream()
                    .map(n -> quote(n.bridge()) + " : " + zones.get(n.networkId())).toList()) + " }");
            t.close();
            t.blank();
        }
        Set<String> bridges = new TreeSet<>();
        for (PortPlumbing port : ports) {
            bridges.add(plan.network(port.networkId()).orElseThrow().bridge());
        }
        String onBridges = "iifname { " + String.join(", ", bridges.stream().map(PortFilterRuleset::quote).toList())
                + " } ";
        t.open("chain guest_filter {");
        t.line("type filter hook forward priority filter; policy accept;");
        List<String> egress = new ArrayList<>();
        List<String> ingress = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            egress.add(hex(i + 1) + " : jump " + chain(ports.get(i), "egress"));
            ingress.add(hex(ingressMark(i + 1)) + " : jump " + chain(ports.get(i), "ingress"));
        }
        t.line(onBridges + "meta mark & 0x00007fff vmap { " + String.join(", ", egress) + " }");
        t.line(onBridges + "meta mark & 0x7fff0000 vmap { " + String.join(", ", ingress) + " }");
        t.close();
        for (PortPlumbing port : ports) {
            t.blank();
            t.open("chain " + chain(port, "egress") + " {");
            t.line("meta nfproto ipv4 meta l4proto udp udp sport 68 udp dport 67 return");
            t.line("meta nfproto ipv6 meta l4proto udp udp sport 546 udp dport 547 return");
            t.line("meta nfproto ipv6 meta l4proto ipv6-icmp icmpv6 type " + IPV6_NEIGHBOUR_OUT + " return");
            t.line("ct state established,related return");
            t.line("ct state invalid drop");
            for (String rule : rules(port, Direction.EGRESS)) {
                t.line(rule + " return");
            }
            t.line("drop");
            t.close();
            t.blank();
            t.open("chain " + chain(port, "ingress") + " {");
            t.line("meta nfproto ipv4 meta l4proto udp udp sport 67 udp dport 68 accept");
            t.line("meta nfproto ipv6 meta l4proto udp udp sport 547 udp dport 546 accept");
            t.line("meta nfproto ipv6 meta l4proto ipv6-icmp icmpv6 type " + IPV6_NEIGHBOUR_IN + " accept");
            t.line("ct state established,related accept");
            t.line("ct state invalid drop");
            for (String rule : rules(port, Direction.INGRESS)) {
                t.line(rule + " accept");
            }
            t.line("drop");
            t.close();
        }
        t.close();
        return t.toString();
    }

    /** The matches of a port's rules in one direction, in order, without repeats. */
    static List<String> rules(PortPlumbing port, Direction direction) {
        Set<String> rendered = new LinkedHashSet<>();
        for (SecurityRule rule : port.rules()) {
            if (rule.direction() == direction && rule.canMatch()) {
                rendered.add(match(rule));
            }
        }
        return List.copyOf(rendered);
    }

    static String match(SecurityRule rule) {
        boolean v4 = rule.ethertype() == Ethertype.IPV4;
        StringBuilder match = new StringBuilder(v4 ? "meta nfproto ipv4" : "meta nfproto ipv6");
        if (!rule.anyRemote()) {
            match.append(v4 ? " ip " : " ip6 ").append(rule.direction() == Direction.INGRESS ? "saddr" : "daddr")
                    .append(" { ").append(String.join(", ", outermost(rule.remotes()).stream().map(IpPrefix::toString)
                            .toList()))
                    .append(" }");
        }
        Integer protocol = rule.protocolNumber();
        if (protocol != null) {
            match.append(" meta l4proto ").append(protocolName(protocol));
            if (SecurityRule.PORT_PROTOCOLS.contains(protocol) && rule.portMin() != null) {
                int max = rule.portMax() == null ? rule.portMin() : rule.portMax();
                match.append(" th dport ").append(rule.portMin());
                if (max != rule.portMin()) {
                    match.append('-').append(max);
                }
            } else if ((protocol == SecurityRule.ICMP || protocol == SecurityRule.ICMPV6) && rule.portMin() != null) {
                String icmp = protocol == SecurityRule.ICMP ? "icmp" : "icmpv6";
                match.append(' ').append(icmp).append(" type ").append(rule.portMin());
                if (rule.portMax() != null) {
                    match.append(' ').append(icmp).append(" code ").append(rule.portMax());
                }
            }
        }
        return match.toString();
    }

    private static String protocolName(int number) {
        return switch (number) {
            case 1 -> "icmp";
            case 6 -> "tcp";
            case 17 -> "udp";
            case 58 -> "ipv6-icmp";
            case 132 -> "sctp";
            default -> Integer.toString(number);
        };
    }

    /** The EUI-64 link-local address a MAC gives an IPv6 interface. */
    static String linkLocal(String mac) {
        String[] b = mac.split(":");
        int first = Integer.parseInt(b[0], 16) ^ 0x02;
        return IpPrefix.parse(String.format("fe80::%02x%s:%sff:fe%s:%s%s", first, b[1], b[2], b[3], b[4], b[5]))
                .address();
    }

    /**
     * {@code mac . prefix} set elements of one IP version; a prefix inside another of the same MAC is left
     * out, since the kernel refuses overlapping intervals in a set.
     */
    private static List<String> elements(List<Map.Entry<String, IpPrefix>> sources, int version) {
        Map<String, List<IpPrefix>> byMac = new LinkedHashMap<>();
        for (Map.Entry<String, IpPrefix> source : sources) {
            if (source.getValue().version() == version) {
                byMac.computeIfAbsent(source.getKey(), mac -> new ArrayList<>()).add(source.getValue());
            }
        }
        List<String> elements = new ArrayList<>();
        byMac.forEach((mac, prefixes) -> outermost(prefixes).forEach(prefix -> elements.add(mac + " . " + prefix)));
        return elements;
    }

    /** Prefixes without those inside another (and without repeats). */
    static List<IpPrefix> outermost(List<IpPrefix> prefixes) {
        List<IpPrefix> kept = new ArrayList<>();
        for (int i = 0; i < prefixes.size(); i++) {
            IpPrefix prefix = prefixes.get(i);
            boolean covered = false;
            for (int j = 0; j < prefixes.size() && !covered; j++) {
                IpPrefix other = prefixes.get(j);
                covered = j != i && other.contains(prefix) && (!prefix.contains(other) || j < i);
            }
            if (!covered) {
                kept.add(prefix);
            }
        }
        return kept;
    }

    static String chain(PortPlumbing port, String role) {
        return "port_" + port.portId().replace('-', '_') + "_" + role;
    }

    private static String tap(PortPlumbing port) {
        return PlumbingNames.tapName(port.portId());
    }

    private static int ingressMark(int number) {
        return number << 16;
    }

    private static String hex(int value) {
        return String.format("0x%08x", value);
    }

    private static String quote(String name) {
        return "\"" + name + "\"";
    }

    private static void comment(Text t, String comment) {
        if (comment != null) {
            t.line("comment " + quote(comment));
            t.blank();
        }
    }

    private static String join(List<PortPlumbing> ports, java.util.function.Function<PortPlumbing, String> item) {
        return String.join(", ", ports.stream().map(item).toList());
    }

    /** Tab-indented lines, as nft lists a ruleset. */
    static final class Text {
        private final StringBuilder text = new StringBuilder();
        private int depth;

        void open(String line) {
            line(line);
            depth++;
        }

        void close() {
            depth--;
            line("}");
        }

        void line(String line) {
            text.append("\t".repeat(depth)).append(line).append('\n');
        }

        void blank() {
            text.append('\n');
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
