package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * compute-api to {@code compute.<host>}: shelve the instance. The node stops the guest, uploads its root disk into
 * the image {@code imageId} (which compute-api created queued, named {@code <server>-shelved}) and reports it
 * SHELVED; when {@code offload}, it then removes the guest and its files from the host and reports it
 * SHELVED_OFFLOADED without a host, so that compute-api returns its claim. An unshelve boots it again from that
 * image on a host the scheduler chooses.
 */
public record ShelveInstance(String instanceId, String imageId, boolean offload, String actionRequestId) {

    public static final MessageType<ShelveInstance> TYPE =
            MessageType.of("shelve_instance", "1.0", ShelveInstance.class);
}
