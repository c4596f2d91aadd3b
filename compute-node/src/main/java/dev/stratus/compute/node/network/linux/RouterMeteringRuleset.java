package dev.stratus.compute.node.network.linux;

import dev.stratus.compute.node.network.PlumbingNames;
import dev.stratus.compute.node.network.linux.NftTables.Table;
import dev.stratus.compute.node.network.plan.IpPrefix;
import dev.stratus.compute.node.network.plan.MeteringLabel;
import dev.stratus.compute.node.network.plan.MeteringRule;
import dev.stratus.compute.node.network.plan.RouterPlumbing;
import java.util.ArrayList;
import java.util.List;

/**
 * The metering labels of a router, as Neutron's iptables metering driver counts them, in
 * {@code table inet stratus_metering} of the router's namespace: one named counter per label, and per label
 * and direction a chain the forward hook jumps to for the traffic crossing the external gateway (ingress:
 * arriving on it, after the floating IPs' DNAT; egress: leaving by it, before SNAT). In a chain the excluded
 * rules come first and return uncounted; the first other rule that matches counts the packet once and
 * returns.
 */
public final class RouterMeteringRuleset {

    public static final Table TABLE = new Table("inet", "stratus_metering");
    static final String COUNTER_PREFIX = "label_";

    private RouterMeteringRuleset() {
    }

    /** The table's definition, or an empty string when the router counts nothing (no gateway or no label). */
    public static String render(RouterPlumbing router, String comment) {
        if (router.gateway() == null || router.meteringLabels().isEmpty()) {
            return "";
        }
        String external = "\"" + PlumbingNames.gatewayInterfaceName(router.gateway().portId()) + "\"";
        PortFilterRuleset.Text t = new PortFilterRuleset.Text();
        t.open("table " + TABLE + " {");
        if (comment != null) {
            t.line("comment \"" + comment + "\"");
            t.blank();
        }
        for (MeteringLabel label : router.meteringLabels()) {
            t.open("counter " + counterName(label.labelId()) + " {");
            t.close();
            t.blank();
        }
        t.open("chain forward {");
        t.line("type filter hook forward priority filter; policy accept;");
        for (MeteringRule.Direction direction : MeteringRule.Direction.values()) {
            for (MeteringLabel label : router.meteringLabels()) {
                if (!rules(label, direction).isEmpty()) {
                    t.line((direction == MeteringRule.Direction.INGRESS ? "iifname " : "oifname ") + external
                            + " jump " + chainName(label.labelId(), direction));
                }
            }
        }
        t.close();
        for (MeteringRule.Direction direction : MeteringRule.Direction.values()) {
            for (MeteringLabel label : router.meteringLabels()) {
                List<MeteringRule> rules = rules(label, direction);
                if (rules.isEmpty()) {
                    continue;
                }
                t.blank();
                t.open("chain " + chainName(label.labelId(), direction) + " {");
                for (MeteringRule rule : rules) {
                    t.line(match(rule) + (rule.excluded() ? "return"
                            : "counter name \"" + counterName(label.labelId()) + "\" return"));
                }
                t.close();
            }
        }
        t.close();
        return t.toString();
    }

    /** The counter of a label: {@code label_} and the id without dashes. */
    public static String counterName(String labelId) {
        return COUNTER_PREFIX + labelId.replace("-", "");
    }

    /** The label id of a counter name (the dashes of a UUID put back). */
    public static String labelId(String counterName) {
        String hex = counterName.substring(COUNTER_PREFIX.length());
        if (hex.length() == 32 && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                    + hex.substring(16, 20) + "-" + hex.substring(20);
        }
        return hex;
    }

    static String chainName(String labelId, MeteringRule.Direction direction) {
        return (direction == MeteringRule.Direction.INGRESS ? "in_" : "out_") + labelId.replace("-", "");
    }

    /** The label's rules of a direction that can match, the excluded ones first. */
    private static List<MeteringRule> rules(MeteringLabel label, MeteringRule.Direction direction) {
        List<MeteringRule> out = new ArrayList<>();
        for (boolean excluded : new boolean[] {true, false}) {
            for (MeteringRule rule : label.rules()) {
                if (rule.direction() == direction && rule.excluded() == excluded && rule.canMatch()) {
                    out.add(rule);
                }
            }
        }
        return out;
    }

    private static String match(MeteringRule rule) {
        StringBuilder m = new StringBuilder();
        if (rule.source() != null) {
            m.append(family(rule.source())).append(" saddr ").append(rule.source()).append(' ');
        }
        if (rule.destination() != null) {
            m.append(family(rule.destination())).append(" daddr ").append(rule.destination()).append(' ');
        }
        return m.toString();
    }

    private static String family(IpPrefix prefix) {
        return prefix.version() == 4 ? "ip" : "ip6";
    }
}
