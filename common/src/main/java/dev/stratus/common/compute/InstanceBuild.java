package dev.stratus.common.compute;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One server to build, as compute-api accepted it. {@code userData} stays base64 as the client sent it;
 * {@code keyData} is the public key of {@code keyName}.
 */
public record InstanceBuild(String instanceId, String name, String hostname, String projectId,
        String userId, FlavorSpec flavor, ImageSpec image, String keyName, String keyData, String userData,
        Map<String, String> metadata, List<NetworkRequest> networks, boolean configDrive,
        String availabilityZone, int launchIndex, String reservationId, String adminPass, Instant createdAt) {

    public InstanceBuild {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        networks = networks == null ? List.of() : List.copyOf(networks);
    }

    /** The same instance with another flavor (a resize, or its revert). */
    public InstanceBuild withFlavor(FlavorSpec newFlavor) {
        return new InstanceBuild(instanceId, name, hostname, projectId, userId, newFlavor, image, keyName, keyData,
                userData, metadata, networks, configDrive, availabilityZone, launchIndex, reservationId, adminPass,
                createdAt);
    }
}
