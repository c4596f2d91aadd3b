package dev.stratus.common.compute;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One server to build, as compute-api accepted it. {@code userData} stays base64 as the client sent it;
 * {@code keyData} is the public key of {@code keyName}; {@code files} are the personality files of this build or
 * rebuild (they are not kept: a later rebuild, unshelve or move does not write them again, as in Nova).
 */
public record InstanceBuild(String instanceId, String name, String hostname, String projectId,
        String userId, FlavorSpec flavor, ImageSpec image, String keyName, String keyData, String userData,
        Map<String, String> metadata, List<NetworkRequest> networks, boolean configDrive,
        String availabilityZone, int launchIndex, String reservationId, String adminPass, Instant createdAt,
        List<InjectedFile> files) {

    public InstanceBuild {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        networks = networks == null ? List.of() : List.copyOf(networks);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** An instance without personality files. */
    public InstanceBuild(String instanceId, String name, String hostname, String projectId,
            String userId, FlavorSpec flavor, ImageSpec image, String keyName, String keyData, String userData,
            Map<String, String> metadata, List<NetworkRequest> networks, boolean configDrive,
            String availabilityZone, int launchIndex, String reservationId, String adminPass, Instant createdAt) {
        this(instanceId, name, hostname, projectId, userId, flavor, image, keyName, keyData, userData, metadata,
                networks, configDrive, availabilityZone, launchIndex, reservationId, adminPass, createdAt, List.of());
    }

    /** The same instance with another flavor (a resize, or its revert). */
    public InstanceBuild withFlavor(FlavorSpec newFlavor) {
        return new InstanceBuild(instanceId, name, hostname, projectId, userId, newFlavor, image, keyName, keyData,
                userData, metadata, networks, configDrive, availabilityZone, launchIndex, reservationId, adminPass,
                createdAt, files);
    }

    /** The same instance with these NICs (an interface attached or detached). */
    public InstanceBuild withNetworks(List<NetworkRequest> newNetworks) {
        return new InstanceBuild(instanceId, name, hostname, projectId, userId, flavor, image, keyName, keyData,
                userData, metadata, newNetworks, configDrive, availabilityZone, launchIndex, reservationId, adminPass,
                createdAt, files);
    }

    /** The same instance with these personality files (a rebuild's). */
    public InstanceBuild withFiles(List<InjectedFile> newFiles) {
        return new InstanceBuild(instanceId, name, hostname, projectId, userId, flavor, image, keyName, keyData,
                userData, metadata, networks, configDrive, availabilityZone, launchIndex, reservationId, adminPass,
                createdAt, newFiles);
    }
}
