package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * The answer to {@link SetAdminPassword}: the password is set, or why not, as Nova tells them apart (the API
 * answers 409 when the guest cannot take it now, 501 when the host's driver cannot set passwords at all).
 */
public record AdminPasswordResult(Outcome outcome, String message) {

    public static final MessageType<AdminPasswordResult> TYPE =
            MessageType.of("admin_password_result", "1.0", AdminPasswordResult.class);

    public enum Outcome {
        SET,
        /** The guest has no agent to set it through (Nova's InstanceAgentNotEnabled). */
        AGENT_NOT_ENABLED,
        /** The driver cannot set passwords. */
        NOT_SUPPORTED,
        /** The guest or host refused it. */
        FAILED
    }
}
