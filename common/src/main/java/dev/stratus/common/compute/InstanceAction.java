package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * compute-api to {@code compute.<host>}: a power action on an existing instance. The node answers with
 * {@link InstanceStateReport}s carrying the action's events.
 *
 * @param action one of {@link Kind}
 * @param actionRequestId the request id of the API call, which names the instance action
 */
public record InstanceAction(String instanceId, Kind action, String actionRequestId) {

    public static final MessageType<InstanceAction> TYPE =
            MessageType.of("instance_action", "1.0", InstanceAction.class);

    public enum Kind { START, STOP, REBOOT_SOFT, REBOOT_HARD, PAUSE, UNPAUSE, SUSPEND, RESUME, UNRESCUE }
}
