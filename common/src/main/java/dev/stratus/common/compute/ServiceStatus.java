package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/** compute-api to the scheduler: an operator enabled, disabled, forced down or deleted a compute service. */
public record ServiceStatus(String host, boolean disabled, String disabledReason, boolean forcedDown,
        boolean deleted) {

    public static final MessageType<ServiceStatus> TYPE =
            MessageType.of("service_status", "1.0", ServiceStatus.class);
}
