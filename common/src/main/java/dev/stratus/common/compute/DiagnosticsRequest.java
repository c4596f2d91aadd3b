package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;
import java.time.Instant;

/**
 * compute-api to {@code compute.<host>} (a call, as Nova's {@code get_instance_diagnostics}): what the hypervisor
 * measures of a guest. The answer is a {@link DiagnosticsResult}; the API shows it in the microversion's format.
 *
 * @param launchedAt when the server was last launched, as compute-api records it; the guest's uptime counts from
 *        it, as Nova's does (null: no uptime)
 */
public record DiagnosticsRequest(String instanceId, Instant launchedAt) {

    public static final MessageType<DiagnosticsRequest> TYPE =
            MessageType.of("get_instance_diagnostics", "1.0", DiagnosticsRequest.class);
}
