package dev.stratus.compute.node.network.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stratus.common.network.NetworkAgentReport;
import dev.stratus.compute.node.network.SamplePlans;
import dev.stratus.compute.node.network.plan.HostNetworkPlan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A host's network agents as it reports them to network-service: Neutron's types, binaries and topics, the start
 * time of the node, and configurations counted from the plan the host last applied.
 */
class NetworkAgentReporterTest {

    private final AtomicReference<HostNetworkPlan> applied = new AtomicReference<>(HostNetworkPlan.EMPTY);
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T09:00:00Z"), ZoneOffset.UTC);

    private NetworkAgentReporter reporter(boolean metering) {
        return new NetworkAgentReporter(null, "host-a", applied::get, new NetworkAgentReporter.Settings(
                Map.of("public", "br-ex"), metering, Duration.ofSeconds(30), Duration.ofSeconds(300)), clock);
    }

    private static NetworkAgentReport.Agent agent(NetworkAgentReport report, String type) {
        return report.agents().stream().filter(a -> a.agentType().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void everyHostReportsItsFourAgentsAsNeutronNamesThem() {
        NetworkAgentReport report = reporter(true).report();
        assertEquals("host-a", report.host());
        assertEquals(Instant.parse("2026-12-07T09:00:00Z"), report.reportedAt());
        assertEquals(List.of("Linux bridge agent/neutron-linuxbridge-agent/N/A", "DHCP agent/neutron-dhcp-agent/dhcp_agent",
                "L3 agent/neutron-l3-agent/l3_agent", "Metering agent/neutron-metering-agent/metering_agent"),
                report.agents().stream().map(a -> a.agentType() + "/" + a.binary() + "/" + a.topic()).toList());
        report.agents().forEach(a -> assertEquals(clock.instant(), a.startedAt()));
        assertEquals(Map.of("metering_driver", "nftables", "measure_interval", 30L, "report_interval", 300L),
                agent(report, NetworkAgentReport.METERING).configurations());
        assertEquals(0, agent(report, NetworkAgentReport.DHCP).configurations().get("networks"));
        assertEquals(Map.of("public", "br-ex"),
                agent(report, NetworkAgentReport.LINUX_BRIDGE).configurations().get("bridge_mappings"));
    }

    @Test
    void aHostWithoutMeteringHasNoMeteringAgent() {
        assertEquals(3, reporter(false).report().agents().size());
    }

    @Test
    void configurationsCountWhatTheAppliedPlanServes() {
        NetworkAgentReporter reporter = reporter(true);
        HostNetworkPlan plan = SamplePlans.plan();
        applied.set(plan);
        NetworkAgentReport report = reporter.report();
        Map<String, Object> dhcp = agent(report, NetworkAgentReport.DHCP).configurations();
        assertEquals(1, dhcp.get("networks"), "the tenant network serves DHCP, the provider one does not");
        assertEquals(plan.network(SamplePlans.TENANT_NET).orElseThrow().dhcpSubnets().size(), dhcp.get("subnets"));
        assertEquals(4, dhcp.get("ports"), "three guests and the DHCP port");
        assertEquals(86400, dhcp.get("dhcp_lease_duration"));
        assertEquals(4, agent(report, NetworkAgentReport.LINUX_BRIDGE).configurations().get("devices"));
        Map<String, Object> l3 = agent(report, NetworkAgentReport.L3).configurations();
        assertEquals(1, l3.get("routers"));
        assertEquals(1, l3.get("ex_gw_ports"));
        assertEquals(1, l3.get("interfaces"));
        assertEquals(1, l3.get("floating_ips"));
        assertEquals("legacy", l3.get("agent_mode"));
        applied.set(HostNetworkPlan.EMPTY);
        assertEquals(0, agent(reporter.report(), NetworkAgentReport.L3).configurations().get("routers"),
                "each report reads the plan again");
    }
}
