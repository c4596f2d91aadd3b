package dev.stratus.scheduler.service;

import dev.stratus.common.compute.InstanceBuild;
import java.util.List;
import java.util.UUID;

/**
 * Where one instance of a decision goes.
 *
 * @param existing the instance was already allocated on {@code host} (a redelivered request): nothing reserved
 */
public record Placement(InstanceBuild instance, UUID consumer, HostState host, List<String> alternates,
        boolean existing) {
}
