package dev.stratus.compute.node.network.linux;

import static dev.stratus.compute.node.network.Golden.assertGolden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.compute.node.network.SamplePlans;
import dev.stratus.compute.node.network.plan.ExternalGateway;
import dev.stratus.compute.node.network.plan.HostNetworkPlan;
import dev.stratus.compute.node.network.plan.NetworkPlumbing;
import dev.stratus.compute.node.network.plan.PortPlumbing;
import dev.stratus.compute.node.network.plan.RouterPlumbing;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The nft rulesets and dnsmasq files rendered from {@link SamplePlans#plan()}, against golden files. */
class RenderedRulesGoldenTest {

    private final HostNetworkPlan plan = SamplePlans.plan();

    @Test
    void portFilters() throws IOException {
        assertGolden("port-filters.nft", PortFilterRuleset.render(plan, "stratus golden"));
    }

    @Test
    void routerNat() throws IOException {
        assertGolden("router-nat.nft", RouterNatRuleset.render(plan.routers().get(0), "stratus golden"));
    }

    @Test
    void dnsmasq() throws IOException {
        NetworkPlumbing network = plan.network(SamplePlans.TENANT_NET).orElseThrow();
        DnsmasqConfig config = DnsmasqConfig.of(network, plan.portsOn(SamplePlans.TENANT_NET), "ns-55555555-aa",
                Path.of("/var/lib/stratus/network/dhcp", SamplePlans.TENANT_NET));
        assertGolden("dnsmasq-host", config.hosts());
        assertGolden("dnsmasq-opts", config.options());
        assertGolden("dnsmasq-arguments", String.join("\n", config.arguments()) + "\n");
    }

    @Test
    void noPortSecurityNoRules() {
        List<PortPlumbing> open = plan.ports().stream().filter(p -> !p.portSecurityEnabled()).toList();
        assertEquals("", PortFilterRuleset.render(new HostNetworkPlan(plan.networks(), open, List.of()), "x"));
        assertEquals("", PortFilterRuleset.render(HostNetworkPlan.EMPTY, null));
    }

    @Test
    void aRouterWithoutNatHasNoTable() {
        RouterPlumbing router = plan.routers().get(0);
        ExternalGateway gateway = router.gateway();
        RouterPlumbing noSnat = new RouterPlumbing(router.routerId(), new ExternalGateway(gateway.networkId(),
                gateway.portId(), gateway.mac(), gateway.address(), gateway.gatewayIp(), false), router.interfaces(),
                List.of());
        assertEquals("", RouterNatRuleset.render(noSnat, null));
        assertEquals("", RouterNatRuleset.render(new RouterPlumbing(router.routerId(), null, router.interfaces(),
                List.of()), null));
    }

    @Test
    void theDigestFollowsTheRules() {
        String before = NftTables.digest(PortFilterRuleset.render(plan, null));
        assertEquals(before, NftTables.digest(PortFilterRuleset.render(SamplePlans.plan(), null)));
        HostNetworkPlan fewer = new HostNetworkPlan(plan.networks(), plan.ports().subList(1, plan.ports().size()),
                plan.routers());
        assertNotEquals(before, NftTables.digest(PortFilterRuleset.render(fewer, null)));
    }

    @Test
    void zonesStayPutWhenNetworksComeAndGo() {
        var three = ConntrackZones.of(List.of("net-a", "net-b", "net-c"));
        var two = ConntrackZones.of(List.of("net-c", "net-a"));
        assertEquals(three.get("net-a"), two.get("net-a"));
        assertEquals(three.get("net-c"), two.get("net-c"));
        assertEquals(3, three.values().stream().distinct().count());
        assertTrue(three.values().stream().allMatch(z -> z >= 1 && z <= 65000));
    }

    @Test
    void linkLocalFromMac() {
        assertEquals("fe80::f816:3eff:fe11:1111", PortFilterRuleset.linkLocal("fa:16:3e:11:11:11"));
        assertEquals("fe80::202:3ff:fe04:506", PortFilterRuleset.linkLocal("00:02:03:04:05:06"));
        assertFalse(PortFilterRuleset.linkLocal("fa:16:3e:00:00:01").contains("fa16"));
    }
}
