package dev.stratus.compute.node.network.linux;

import dev.stratus.compute.node.network.plan.SubnetPlumbing;
import java.util.ArrayList;
import java.util.List;

/**
 * How dnsmasq serves an IPv6 subnet, so that guests see what Neutron's dnsmasq driver (DHCPv6) and its routers'
 * radvd (router advertisements, by {@code ipv6_ra_mode}) give them together:
 *
 * <ul>
 * <li>RA mode {@code slaac}: {@code ra-only}, advertisements with the A flag (addresses by SLAAC), no DHCPv6;
 * <li>RA mode {@code dhcpv6-stateless}: {@code ra-stateless}, the A and O flags and DHCPv6 for options only;
 * <li>RA mode {@code dhcpv6-stateful}: {@code static} with {@code --enable-ra}, the M and O flags and DHCPv6
 * leases for the ports' addresses;
 * <li>no RA mode (address mode {@code dhcpv6-stateful}, {@code dhcpv6-stateless} or none): {@code static},
 * DHCPv6 without advertisements, as Neutron's driver (leases only when not stateless).
 * </ul>
 *
 * Advertisements carry the network's MTU and a router lifetime of zero: the DHCP namespace announces prefixes
 * and flags but routes nothing, so guests take no default route through it. {@code --enable-ra} is global to
 * dnsmasq: with a stateful RA subnet on the network, a mode-less DHCPv6 subnet of it is advertised too (M flag).
 */
final class Dhcpv6Ranges {

    private Dhcpv6Ranges() {
    }

    /** The {@code --dhcp-range} mode keyword of a served IPv6 subnet. */
    static String mode(SubnetPlumbing subnet) {
        if (SubnetPlumbing.SLAAC.equals(subnet.ipv6RaMode())) {
            return "ra-only";
        }
        if (SubnetPlumbing.DHCPV6_STATELESS.equals(subnet.ipv6RaMode())) {
            return "ra-stateless";
        }
        return "static";
    }

    /** Whether dnsmasq answers DHCPv6 for the subnet, so its options (name servers, the ports') reach guests. */
    static boolean handsOutOptions(SubnetPlumbing subnet) {
        return subnet.ipVersion() == 6 && subnet.servedByDhcp() && !"ra-only".equals(mode(subnet));
    }

    /** {@code --enable-ra}, {@code --ra-param} and quieter logs, as the served subnets need them. */
    static List<String> advertisementArguments(List<SubnetPlumbing> subnets, String interfaceName, int mtu) {
        List<String> args = new ArrayList<>();
        List<SubnetPlumbing> v6 = subnets.stream().filter(s -> s.ipVersion() == 6).toList();
        if (v6.isEmpty()) {
            return args;
        }
        args.add("--quiet-dhcp6");
        if (v6.stream().noneMatch(s -> s.ipv6RaMode() != null)) {
            return args;
        }
        if (v6.stream().anyMatch(s -> SubnetPlumbing.DHCPV6_STATEFUL.equals(s.ipv6RaMode()))) {
            args.add("--enable-ra");
        }
        args.add("--quiet-ra");
        // IPv6 needs at least 1280; a smaller MTU is left out, as Neutron's radvd leaves it out
        args.add("--ra-param=" + interfaceName + "," + (mtu >= 1280 ? "mtu:" + mtu + "," : "") + "0,0");
        return args;
    }
}
