package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;
import java.time.Instant;

/**
 * A compute node on the {@link ComputeTopics#SERVICES_FANOUT} fanout, every {@code reportIntervalSeconds}:
 * "I am up, and this is my capacity". The first one registers the service and its resource provider;
 * a host that stops sending for a few intervals is reported down and receives no new builds.
 *
 * <p>{@code hostUptime} (since 1.1, may be null): the host's uptime as the {@code uptime} command prints it
 * (e.g. {@code " 08:32:11 up 93 days, 18:25, 1 user, load average: 0.20, 0.12, 0.14"}), shown by
 * os-hypervisors; null when the node's driver cannot tell.
 */
public record ServiceHeartbeat(String host, String binary, String version, Instant startedAt,
        Instant reportedAt, int reportIntervalSeconds, HostResources resources, String hostUptime) {

    public static final MessageType<ServiceHeartbeat> TYPE =
            MessageType.of("service_heartbeat", "1.1", ServiceHeartbeat.class);

    /** A heartbeat without the host's uptime (version 1.0's fields). */
    public ServiceHeartbeat(String host, String binary, String version, Instant startedAt, Instant reportedAt,
            int reportIntervalSeconds, HostResources resources) {
        this(host, binary, version, startedAt, reportedAt, reportIntervalSeconds, resources, null);
    }
}
