package dev.stratus.compute.node.network.ports;

import dev.stratus.common.messaging.Messaging;
import dev.stratus.common.network.NetworkAgentReport;
import dev.stratus.common.network.NetworkTopics;
import dev.stratus.compute.node.network.plan.HostNetworkPlan;
import dev.stratus.compute.node.network.plan.NetworkPlumbing;
import dev.stratus.compute.node.network.plan.RouterPlumbing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One host's network agents as Neutron's agents report their state to neutron-server: the host's plumbing is
 * the Linux bridge agent's, its dnsmasq servers the DHCP agent's, its router namespaces the L3 agent's and (when the
 * host meters its routers) its counters the metering agent's. Each report carries what the host's last applied
 * plan serves, in the {@code configurations} keys of Neutron's agents; it is cast to network-service, which records
 * the heartbeat (see its README).
 */
public class NetworkAgentReporter {

    static final String LINUX_BRIDGE_BINARY = "neutron-linuxbridge-agent";
    static final String DHCP_BINARY = "neutron-dhcp-agent";
    static final String L3_BINARY = "neutron-l3-agent";
    static final String METERING_BINARY = "neutron-metering-agent";
    /** dnsmasq's lease time on this host (Neutron's default {@code dhcp_lease_duration}). */
    static final int DHCP_LEASE_SECONDS = 86400;

    /** What the host runs besides its plan: its physical bridges and whether (and how often) it meters. */
    public record Settings(Map<String, String> physicalBridges, boolean metering, Duration measureInterval,
            Duration meterReportInterval) {
    }

    private final Messaging messaging;
    private final String host;
    private final Supplier<HostNetworkPlan> applied;
    private final Settings settings;
    private final Clock clock;
    private final Instant startedAt;

    public NetworkAgentReporter(Messaging messaging, String host, Supplier<HostNetworkPlan> applied, Settings settings,
            Clock clock) {
        this.messaging = messaging;
        this.host = host;
        this.applied = applied;
        this.settings = settings;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    public String host() {
        return host;
    }

    /** The report as it would be sent now. */
    public NetworkAgentReport report() {
        HostNetworkPlan plan = applied.get();
        List<NetworkAgentReport.Agent> agents = new ArrayList<>();
        agents.add(new NetworkAgentReport.Agent(NetworkAgentReport.LINUX_BRIDGE, LINUX_BRIDGE_BINARY, "N/A", startedAt,
                linuxBridge(plan)));
        agents.add(new NetworkAgentReport.Agent(NetworkAgentReport.DHCP, DHCP_BINARY, "dhcp_agent", startedAt,
                dhcp(plan)));
        agents.add(new NetworkAgentReport.Agent(NetworkAgentReport.L3, L3_BINARY, "l3_agent", startedAt, l3(plan)));
        if (settings.metering()) {
            agents.add(new NetworkAgentReport.Agent(NetworkAgentReport.METERING, METERING_BINARY, "metering_agent",
                    startedAt, metering()));
        }
        return new NetworkAgentReport(host, clock.instant(), agents);
    }

    public CompletableFuture<Void> send() {
        return messaging.cast(NetworkTopics.NETWORK, NetworkAgentReport.TYPE, report());
    }

    private Map<String, Object> linuxBridge(HostNetworkPlan plan) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("bridge_mappings", Map.copyOf(settings.physicalBridges()));
        c.put("interface_mappings", Map.of());
        c.put("devices", plan.ports().size());
        c.put("extensions", List.of());
        c.put("tunnel_types", List.of());
        c.put("l2_population", false);
        return c;
    }

    private static Map<String, Object> dhcp(HostNetworkPlan plan) {
        int networks = 0;
        int subnets = 0;
        int ports = 0;
        for (NetworkPlumbing n : plan.networks()) {
            if (n.servesDhcp()) {
                networks++;
                subnets += n.dhcpSubnets().size();
                ports += plan.dhcpClientsOn(n.networkId()).size() + 1;
            }
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("dhcp_driver", "dnsmasq");
        c.put("dhcp_lease_duration", DHCP_LEASE_SECONDS);
        c.put("networks", networks);
        c.put("subnets", subnets);
        c.put("ports", ports);
        c.put("log_agent_heartbeats", false);
        return c;
    }

    private static Map<String, Object> l3(HostNetworkPlan plan) {
        int gateways = 0;
        int interfaces = 0;
        int floatingIps = 0;
        for (RouterPlumbing r : plan.routers()) {
            gateways += r.gateway() == null ? 0 : 1;
            interfaces += r.interfaces().size();
            floatingIps += r.floatingIps().size();
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("agent_mode", "legacy");
        c.put("interface_driver", "linuxbridge");
        c.put("handle_internal_only_routers", true);
        c.put("routers", plan.routers().size());
        c.put("ex_gw_ports", gateways);
        c.put("interfaces", interfaces);
        c.put("floating_ips", floatingIps);
        c.put("log_agent_heartbeats", false);
        return c;
    }

    private Map<String, Object> metering() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("metering_driver", "nftables");
        c.put("measure_interval", settings.measureInterval().toSeconds());
        c.put("report_interval", settings.meterReportInterval().toSeconds());
        return c;
    }
}
