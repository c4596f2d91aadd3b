package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * compute-api to {@code compute.<host>} (a call here; Nova casts {@code detach_interface}): unplug the NIC of
 * {@code portId} from the guest. compute-api gives the port back to network-service once the host answered
 * {@link InterfaceResult.Outcome#DONE}.
 */
public record DetachInterface(String instanceId, String portId, String actionRequestId) {

    public static final MessageType<DetachInterface> TYPE =
            MessageType.of("detach_interface", "1.0", DetachInterface.class);
}
