package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * The scheduler's answer to a check of one host ({@link CheckRebuildHost}): it passes, or it does not and
 * {@code fault} says why in Nova's words ("No valid host was found. ..." with the filter that refused it).
 */
public record HostCheck(boolean passes, InstanceFault fault) {

    public static final MessageType<HostCheck> TYPE = MessageType.of("host_check", "1.0", HostCheck.class);

    public static final HostCheck PASSES = new HostCheck(true, null);

    public static HostCheck refused(InstanceFault fault) {
        return new HostCheck(false, fault);
    }
}
