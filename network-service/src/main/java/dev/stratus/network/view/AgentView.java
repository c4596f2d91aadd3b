package dev.stratus.network.view;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.common.network.NetworkAgentReport;
import dev.stratus.network.persistence.AgentRow;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An agent's body with the attributes Neutron shows (its agent attribute map and the availability zone extension's
 * {@code availability_zone}, which DHCP and L3 agents have). Agents are not standard-attribute resources: their
 * times are written as Neutron writes a datetime, {@code 2017-09-12 19:39:56} (UTC, no zone).
 */
public final class AgentView {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private AgentView() {
    }

    public static Map<String, Object> of(AgentRow a, boolean alive, String availabilityZone) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", a.id());
        body.put("agent_type", a.agentType());
        body.put("binary", a.binary());
        body.put("topic", a.topic());
        body.put("host", a.host());
        body.put("admin_state_up", a.adminStateUp());
        body.put("created_at", time(a.createdAt()));
        body.put("started_at", time(a.startedAt()));
        body.put("heartbeat_timestamp", time(a.heartbeatTimestamp()));
        body.put("alive", alive);
        body.put("configurations", configurations(a.configurations()));
        body.put("description", a.description());
        boolean zoned = NetworkAgentReport.DHCP.equals(a.agentType()) || NetworkAgentReport.L3.equals(a.agentType());
        body.put("availability_zone", zoned ? availabilityZone : null);
        return body;
    }

    static String time(Instant t) {
        return t == null ? null : TIME.format(LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC));
    }

    private static Map<String, Object> configurations(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (IOException | IllegalArgumentException e) {
            return Map.of();
        }
    }
}
