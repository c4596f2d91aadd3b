package dev.stratus.compute.node.network.linux;

import dev.stratus.compute.node.network.PlumbingNames;
import dev.stratus.compute.node.network.linux.NftTables.Table;
import dev.stratus.compute.node.network.plan.ExternalGateway;
import dev.stratus.compute.node.network.plan.FloatingIpNat;
import dev.stratus.compute.node.network.plan.IpPrefix;
import dev.stratus.compute.node.network.plan.RouterInterface;
import dev.stratus.compute.node.network.plan.RouterPlumbing;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The NAT of a router, as Neutron's L3 agent does it, in {@code table ip stratus_router} of the router's
 * namespace: a floating IP is DNATed to its fixed IP on the way in and its fixed IP SNATed to it on the way
 * out; with SNAT on, the rest of the tenant traffic leaving through the gateway takes the gateway's address.
 * Traffic between the router's own subnets is not NATed, except when it reached a floating IP ("hairpin"),
 * so that the answer comes back through the router.
 */
public final class RouterNatRuleset {

    public static final Table TABLE = new Table("ip", "stratus_router");

    private RouterNatRuleset() {
    }

    /** The table's definition, or an empty string when the router NATs nothing. */
    public static String render(RouterPlumbing router, String comment) {
        ExternalGateway gateway = router.gateway();
        if (gateway == null || (!gateway.snat() && router.floatingIps().isEmpty())) {
            return "";
        }
        String external = "\"" + PlumbingNames.gatewayInterfaceName(gateway.portId()) + "\"";
        String gatewayAddress = gateway.prefix().address();
        PortFilterRuleset.Text t = new PortFilterRuleset.Text();
        t.open("table " + TABLE + " {");
        if (comment != null) {
            t.line("comment \"" + comment + "\"");
            t.blank();
        }
        t.open("chain floating_ip_arrivals {");
        t.line("type nat hook prerouting priority dstnat; policy accept;");
        for (FloatingIpNat nat : router.floatingIps()) {
            t.line("ip daddr " + nat.floatingIp() + " dnat to " + nat.fixedIp());
        }
        t.close();
        t.blank();
        t.open("chain source_nat {");
        t.line("type nat hook postrouting priority srcnat; policy accept;");
        t.line("oifname != " + external + " ct status & dnat == 0 accept");
        for (FloatingIpNat nat : router.floatingIps()) {
            t.line("ip saddr " + nat.fixedIp() + " snat to " + nat.floatingIp());
        }
        if (gateway.snat()) {
            t.line("oifname " + external + " snat to " + gatewayAddress);
            List<String> inside = internalSubnets(router);
            if (!inside.isEmpty()) {
                t.line("ip saddr { " + String.join(", ", inside) + " } ct status dnat snat to " + gatewayAddress);
            }
        }
        t.close();
        t.close();
        return t.toString();
    }

    private static List<String> internalSubnets(RouterPlumbing router) {
        Set<IpPrefix> subnets = new LinkedHashSet<>();
        for (RouterInterface leg : router.interfaces()) {
            if (leg.prefix().version() == 4) {
                subnets.add(leg.prefix().network());
            }
        }
        return PortFilterRuleset.outermost(List.copyOf(subnets)).stream().map(IpPrefix::toString).toList();
    }
}
