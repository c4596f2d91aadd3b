package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * compute-api to {@code compute.<host>}: re-image the instance. The node destroys the guest with its disks
 * and config drive, keeps its ports, and spawns it again from {@code instance} (the new image, name,
 * metadata, key, user data and password). The instance stays on its host with its flavor, so nothing is
 * scheduled or claimed again.
 *
 * @param keepStopped the instance was stopped when asked: it is rebuilt and left stopped, as Nova does
 * @param actionRequestId the request id of the API call, which names the instance action
 */
public record RebuildInstance(InstanceBuild instance, boolean keepStopped, String actionRequestId) {

    public static final MessageType<RebuildInstance> TYPE =
            MessageType.of("rebuild_instance", "1.0", RebuildInstance.class);
}
