package dev.stratus.compute.node.network.linux;

import static dev.stratus.compute.node.network.Golden.assertGolden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stratus.compute.node.network.MeteredTraffic;
import dev.stratus.compute.node.network.SamplePlans;
import dev.stratus.compute.node.network.plan.MeteringLabel;
import dev.stratus.compute.node.network.plan.MeteringRule;
import dev.stratus.compute.node.network.plan.RouterPlumbing;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A router's metering table rendered from its labels, and the counters read back from nft's JSON. */
class RouterMeteringRulesetTest {

    static final String WEB = "aaaaaaaa-1111-4222-8333-444444444444";
    static final String ALL = "bbbbbbbb-1111-4222-8333-444444444444";

    static RouterPlumbing metered(List<MeteringLabel> labels) {
        RouterPlumbing r = SamplePlans.plan().routers().get(0);
        return new RouterPlumbing(r.routerId(), r.gateway(), r.interfaces(), r.floatingIps(), labels);
    }

    static List<MeteringLabel> labels() {
        return List.of(
                new MeteringLabel(WEB, "proj-a", false, List.of(
                        MeteringRule.of("ingress", false, "192.0.2.0/24", null, null),
                        MeteringRule.of("ingress", true, "192.0.2.7", null, null),
                        MeteringRule.of("egress", false, null, "10.0.0.0/24", "198.51.100.9/24"),
                        MeteringRule.of("egress", false, "2001:db8::/32", null, null),
                        // never matches: an IPv4 source with an IPv6 destination
                        MeteringRule.of("egress", false, null, "10.0.0.0/24", "2001:db8::/32"))),
                new MeteringLabel(ALL, "proj-b", true, List.of(
                        MeteringRule.of("egress", false, "0.0.0.0/0", null, null))));
    }

    @Test
    void labelsBecomeCountersAndChainsOnTheGateway() throws IOException {
        assertGolden("router-metering.nft", RouterMeteringRuleset.render(metered(labels()), "stratus golden"));
    }

    @Test
    void nothingToCountNoTable() {
        assertEquals("", RouterMeteringRuleset.render(metered(List.of()), null));
        RouterPlumbing r = metered(labels());
        assertEquals("", RouterMeteringRuleset.render(new RouterPlumbing(r.routerId(), null, r.interfaces(),
                List.of(), labels()), null), "no gateway, no traffic to count");
    }

    @Test
    void aRemotePrefixIsTheFarEnd() {
        MeteringRule in = MeteringRule.of("ingress", false, "203.0.113.5/24", null, null);
        assertEquals("203.0.113.0/24", in.source().toString());
        assertEquals(null, in.destination());
        MeteringRule out = MeteringRule.of("egress", false, "203.0.113.5/24", null, null);
        assertEquals("203.0.113.0/24", out.destination().toString());
        assertFalse(MeteringRule.of("egress", false, null, "10.0.0.0/8", "fd00::/8").canMatch());
        assertThrows(IllegalArgumentException.class, () -> MeteringRule.of("up", false, "10.0.0.0/8", null, null));
        assertThrows(IllegalArgumentException.class, () -> MeteringRule.of("egress", false, null, null, null));
    }

    @Test
    void countersAreReadBackPerLabel() throws Exception {
        String json = "{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\"}}, {\"counter\": {\"family\": \"inet\","
                + " \"name\": \"" + RouterMeteringRuleset.counterName(WEB) + "\", \"table\": \"stratus_metering\","
                + " \"handle\": 4, \"packets\": 12, \"bytes\": 3400}}, {\"counter\": {\"family\": \"inet\","
                + " \"name\": \"" + RouterMeteringRuleset.counterName(ALL) + "\", \"table\": \"stratus_metering\","
                + " \"handle\": 5, \"packets\": 0, \"bytes\": 0}}]}";
        assertEquals(Map.of(WEB, new MeteredTraffic(12, 3400), ALL, new MeteredTraffic(0, 0)),
                RouterMeters.parse(json));
        assertEquals("label_aaaaaaaa111142228333444444444444", RouterMeteringRuleset.counterName(WEB));
        assertEquals(WEB, RouterMeteringRuleset.labelId(RouterMeteringRuleset.counterName(WEB)));
    }
}
