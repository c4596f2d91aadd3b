package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * The scheduler to the destination of an evacuation ({@code compute.<dest>}): the instance's source host is down;
 * build the instance anew here from its image, its ports bound to this host, with {@code move.instance().adminPass()}
 * when set, and stopped afterwards when {@code move.wasStopped()}. The destination's claim is already held by the
 * migration's consumer. Reports go as {@link MoveReport}s: {@code pre-migrating}, then {@code done} (the instance
 * on this host) or {@code failed}. Idempotent on redelivery: a guest already here is reported again.
 */
public record EvacuateInstance(InstanceMove move) {

    public static final MessageType<EvacuateInstance> TYPE =
            MessageType.of("evacuate_instance", "1.0", EvacuateInstance.class);
}
