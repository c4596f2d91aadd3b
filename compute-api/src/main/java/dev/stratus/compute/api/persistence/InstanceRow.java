package dev.stratus.compute.api.persistence;

import java.time.Instant;
import java.util.Map;

/** One row of {@code instances}. Related rows (metadata, tags, NICs, ...) are loaded by {@link InstanceDetails}. */
public record InstanceRow(long id, String uuid, String projectId, String userId, String displayName,
        String displayDescription, String hostname, String host, String node, String vmState, String taskState,
        int powerState, String flavorId, String flavorName, int vcpus, int memoryMb, int rootGb, int ephemeralGb,
        int swap, Map<String, String> flavorExtraSpecs, String imageRef, String keyName, String keyData,
        String userData, String availabilityZone, boolean configDrive, String accessIpV4, String accessIpV6,
        String reservationId, int launchIndex, String diskConfig, boolean locked, String lockedBy,
        String lockedReason, int progress, String rootDeviceName, long lastReportSequence, Instant launchedAt,
        Instant terminatedAt, Instant createdAt, Instant updatedAt, Instant deletedAt) {

    public boolean isDeleted() {
        return deletedAt != null;
    }
}
