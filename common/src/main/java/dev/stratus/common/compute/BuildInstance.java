package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;
import java.util.List;

/**
 * The scheduler to {@code compute.<host>}: build this instance here; its resources are already claimed
 * on this host. {@code alternates} are hosts that passed the filters for a reschedule; {@code attempt}
 * counts from 1.
 */
public record BuildInstance(InstanceBuild instance, RequestSpec spec, String host, String node,
        List<String> alternates, int attempt, int maxAttempts) {

    public static final MessageType<BuildInstance> TYPE =
            MessageType.of("build_instance", "1.0", BuildInstance.class);

    public BuildInstance {
        alternates = alternates == null ? List.of() : List.copyOf(alternates);
    }
}
