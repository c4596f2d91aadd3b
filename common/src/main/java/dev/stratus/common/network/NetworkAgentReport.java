package dev.stratus.common.network;

import dev.stratus.common.messaging.MessageType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A host to network-service, on topic {@link NetworkTopics#NETWORK} every report interval: the network agents that
 * run on it (Neutron's agent {@code report_state}), each with what it serves now. The first report of an agent
 * registers it; its heartbeat is the time network-service receives a report, and an agent that stops reporting
 * for {@code agent_down_time} is shown not alive.
 */
public record NetworkAgentReport(String host, Instant reportedAt, List<Agent> agents) {

    public static final MessageType<NetworkAgentReport> TYPE =
            MessageType.of("network_agent_report", "1.0", NetworkAgentReport.class);

    public static final String LINUX_BRIDGE = "Linux bridge agent";
    public static final String DHCP = "DHCP agent";
    public static final String L3 = "L3 agent";
    public static final String METERING = "Metering agent";

    public NetworkAgentReport {
        agents = agents == null ? List.of() : List.copyOf(agents);
    }

    /**
     * One agent of the host: Neutron's {@code agent_type}, {@code binary}, {@code topic}, when it started and its
     * {@code configurations} (what Neutron's agent of that type reports: counts of what it serves, its drivers).
     */
    public record Agent(String agentType, String binary, String topic, Instant startedAt,
            Map<String, Object> configurations) {

        public Agent {
            configurations = configurations == null ? Map.of() : Map.copyOf(configurations);
        }
    }
}
