package dev.stratus.compute.node.libvirt.domain;

import java.time.Instant;

/**
 * The cloud's record of a guest inside its domain XML, under {@link #NAMESPACE}. Its presence marks the
 * domains this driver made, so an operator's own domains on the same host are never touched.
 */
public record InstanceMetadata(String instanceId, String name, Instant createdAt, Flavor flavor, String projectId,
        String userId, String imageId) {

    public static final String NAMESPACE = "http://stratus.dev/xmlns/libvirt/instance/1.0";

    public static final String PREFIX = "stratus";

    public InstanceMetadata {
        DomainDefinition.require(instanceId, "instance id");
    }

    /** The flavor as it was at boot, for an operator reading {@code virsh dumpxml}. */
    public record Flavor(String id, String name, int vcpus, int memoryMb, int rootGb, int ephemeralGb,
            int swapMb) {
    }
}
