package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * compute-api to {@code compute.<host>} (a call, as Nova's {@code attach_interface}): plug one more NIC into the
 * guest. compute-api made or claimed the port already ({@code network} names it, with its MAC); the host binds it,
 * plumbs it and hot-plugs the NIC. The answer is an {@link InterfaceResult}.
 */
public record AttachInterface(String instanceId, NetworkRequest network, String actionRequestId) {

    public static final MessageType<AttachInterface> TYPE =
            MessageType.of("attach_interface", "1.0", AttachInterface.class);
}
