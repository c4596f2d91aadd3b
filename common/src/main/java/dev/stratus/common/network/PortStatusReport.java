package dev.stratus.common.network;

import dev.stratus.common.messaging.MessageType;

/**
 * A host to network-service: the device of a port bound to it is plugged and up ({@code ACTIVE}) or no longer
 * is ({@code DOWN}). Applied only while the port is still bound to that host, so a late report from a host the
 * port has left changes nothing.
 */
public record PortStatusReport(String portId, String host, String status) {

    public static final MessageType<PortStatusReport> TYPE =
            MessageType.of("port_status_report", "1.0", PortStatusReport.class);

    public static final String ACTIVE = "ACTIVE";
    public static final String DOWN = "DOWN";
}
