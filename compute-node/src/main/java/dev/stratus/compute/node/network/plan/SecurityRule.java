package dev.stratus.compute.node.network.plan;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One security group rule of a port, with its remote group already resolved by the caller.
 *
 * @param protocol null (or {@code any}) for every protocol, a Neutron protocol name ({@code tcp}, {@code udp},
 *        {@code icmp}, {@code icmpv6}/{@code ipv6-icmp}, {@code sctp}, {@code gre}, ...) or a number 0 to 255;
 *        {@code icmp} (or 1) in an IPv6 rule means ICMPv6, as in Neutron
 * @param portMin first destination port for tcp, udp, sctp, udplite and dccp; the ICMP type for ICMP
 * @param portMax last destination port (null: {@code portMin} alone); the ICMP code for ICMP
 * @param remotePrefixes null when the rule has neither a remote prefix nor a remote group (any remote);
 *        otherwise the remote_ip_prefix, or the addresses of the remote group's ports. An empty list (a
 *        remote group without ports) matches nothing. Prefixes of the other IP version are ignored, as
 *        Neutron does with a remote group's addresses.
 */
public record SecurityRule(Direction direction, Ethertype ethertype, String protocol, Integer portMin,
        Integer portMax, List<String> remotePrefixes) {

    public enum Direction { INGRESS, EGRESS }

    public enum Ethertype {
        IPV4(4), IPV6(6);

        private final int version;

        Ethertype(int version) {
            this.version = version;
        }

        public int version() {
            return version;
        }
    }

    // Neutron's IP_PROTOCOL_MAP (neutron_lib.constants).
    private static final Map<String, Integer> PROTOCOLS = Map.ofEntries(
            Map.entry("ah", 51), Map.entry("dccp", 33), Map.entry("egp", 8), Map.entry("esp", 50),
            Map.entry("gre", 47), Map.entry("hopopt", 0), Map.entry("icmp", 1), Map.entry("igmp", 2),
            Map.entry("ipip", 4), Map.entry("ipv6-encap", 41), Map.entry("ipv6-frag", 44),
            Map.entry("ipv6-icmp", 58), Map.entry("icmpv6", 58), Map.entry("ipv6-nonxt", 59),
            Map.entry("ipv6-opts", 60), Map.entry("ipv6-route", 43), Map.entry("ospf", 89), Map.entry("pgm", 113),
            Map.entry("rsvp", 46), Map.entry("sctp", 132), Map.entry("tcp", 6), Map.entry("udp", 17),
            Map.entry("udplite", 136), Map.entry("vrrp", 112));

    /** Protocols whose rules may name a destination port range. */
    public static final List<Integer> PORT_PROTOCOLS = List.of(6, 17, 132, 136, 33);

    public static final int ICMP = 1;
    public static final int ICMPV6 = 58;

    public SecurityRule {
        if (direction == null || ethertype == null) {
            throw new IllegalArgumentException("a security rule needs a direction and an ethertype");
        }
        protocol = protocol == null || protocol.isBlank() || protocol.equalsIgnoreCase("any") ? null
                : protocol.strip().toLowerCase(Locale.ROOT);
        Integer number = resolve(protocol, ethertype);
        if (number != null && (PORT_PROTOCOLS.contains(number))) {
            checkRange(portMin, 0, 65535, "port");
            checkRange(portMax, 0, 65535, "port");
            if (portMin != null && portMax != null && portMax < portMin) {
                throw new IllegalArgumentException("port range " + portMin + "-" + portMax + " is empty");
            }
            if (portMin == null && portMax != null) {
                throw new IllegalArgumentException("a port range needs its first port");
            }
        } else if (number != null && (number == ICMP || number == ICMPV6)) {
            checkRange(portMin, 0, 255, "ICMP type");
            checkRange(portMax, 0, 255, "ICMP code");
            if (portMin == null && portMax != null) {
                throw new IllegalArgumentException("an ICMP code needs an ICMP type");
            }
        } else {
            portMin = null; // Neutron allows no ports on other protocols; nothing to match on
            portMax = null;
        }
        remotePrefixes = remotePrefixes == null ? null
                : remotePrefixes.stream().map(p -> IpPrefix.parse(p).toString()).toList();
    }

    private static Integer resolve(String protocol, Ethertype ethertype) {
        if (protocol == null) {
            return null;
        }
        Integer number = PROTOCOLS.get(protocol);
        if (number == null) {
            if (!protocol.matches("\\d{1,3}") || Integer.parseInt(protocol) > 255) {
                throw new IllegalArgumentException("unknown protocol " + protocol);
            }
            number = Integer.parseInt(protocol);
        }
        return number == ICMP && ethertype == Ethertype.IPV6 ? ICMPV6 : number;
    }

    private static void checkRange(Integer value, int min, int max, String what) {
        if (value != null && (value < min || value > max)) {
            throw new IllegalArgumentException(what + " " + value + " is out of range " + min + "-" + max);
        }
    }

    /** The IP protocol number, null for any. */
    public Integer protocolNumber() {
        return resolve(protocol, ethertype);
    }

    public boolean anyRemote() {
        return remotePrefixes == null;
    }

    /** The remote prefixes of this rule's IP version (empty with {@link #anyRemote()}). */
    public List<IpPrefix> remotes() {
        return remotePrefixes == null ? List.of()
                : remotePrefixes.stream().map(IpPrefix::parse).filter(p -> p.version() == ethertype.version())
                        .distinct().toList();
    }

    /** False when the rule names remotes but none of its IP version: it can match nothing. */
    public boolean canMatch() {
        return anyRemote() || !remotes().isEmpty();
    }
}
