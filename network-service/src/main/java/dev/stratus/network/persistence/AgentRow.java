package dev.stratus.network.persistence;

import java.time.Instant;

/**
 * A network agent a host reported: one per type and host. {@code configurations} is the JSON object the agent
 * last reported; {@code heartbeatTimestamp} the time of its last report.
 */
public record AgentRow(String id, String agentType, String binary, String topic, String host, boolean adminStateUp,
        String description, String configurations, Instant createdAt, Instant startedAt,
        Instant heartbeatTimestamp) {
}
