package dev.stratus.compute.node.network.metering;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code l3.meter} report of Neutron's metering agent: what a label counted on a host since the previous
 * report. Times are Unix seconds; {@code time} is the seconds between the measurements added up.
 */
public record MeterReport(String labelId, String tenantId, long pkts, long bytes, long time, long firstUpdate,
        long lastUpdate, String host) {

    public static final String EVENT_TYPE = "l3.meter";

    /** The notification payload, with the agent's keys. */
    public Map<String, Object> payload() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("label_id", labelId);
        body.put("tenant_id", tenantId);
        body.put("pkts", pkts);
        body.put("bytes", bytes);
        body.put("time", time);
        body.put("first_update", firstUpdate);
        body.put("last_update", lastUpdate);
        body.put("host", host);
        return body;
    }
}
