package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * compute-api to the scheduler (a call, answered with a {@link HostCheck}): may the instance be rebuilt with a new
 * image on the host it is on? As Nova's conductor asks the scheduler for the same host only with
 * {@code _nova_check_type=rebuild}, only the filters that depend on the image run (ImagePropertiesFilter); nothing is
 * claimed, as the instance keeps its host and flavor. A rebuild with the same image is not checked.
 *
 * @param spec the instance's request spec with the new image
 * @param host the instance's host, the only one considered
 */
public record CheckRebuildHost(String instanceId, RequestSpec spec, String host, String node) {

    public static final MessageType<CheckRebuildHost> TYPE =
            MessageType.of("check_rebuild_host", "1.0", CheckRebuildHost.class);
}
