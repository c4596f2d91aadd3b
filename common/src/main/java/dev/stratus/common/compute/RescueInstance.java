package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * compute-api to {@code compute.<host>}: boot the instance from a rescue disk. {@code instance} is the instance
 * as built, with the rescue image in place of its own and the rescue password; the host boots a fresh disk of
 * that image with the instance's own root disk attached second, on the same ports. {@code unrescue} (an
 * {@link InstanceAction}) boots the instance from its own disk again.
 *
 * @param actionRequestId the request id of the API call, which names the instance action
 */
public record RescueInstance(InstanceBuild instance, String actionRequestId) {

    public static final MessageType<RescueInstance> TYPE =
            MessageType.of("rescue_instance", "1.0", RescueInstance.class);
}
