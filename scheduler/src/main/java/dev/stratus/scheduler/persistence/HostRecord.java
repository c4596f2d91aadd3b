package dev.stratus.scheduler.persistence;

import dev.stratus.common.compute.HostAggregates;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The scheduler's stored view of one compute host. */
public record HostRecord(String host, UUID providerUuid, String hypervisorType, String cpuArch,
        Instant lastHeartbeat, boolean disabled, String disabledReason, boolean forcedDown, String availabilityZone,
        List<HostAggregates.Aggregate> aggregates) {

    public HostRecord {
        aggregates = aggregates == null ? List.of() : List.copyOf(aggregates);
    }
}
