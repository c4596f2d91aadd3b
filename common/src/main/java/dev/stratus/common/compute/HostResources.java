package dev.stratus.common.compute;

import java.util.List;

/**
 * What a compute host offers and uses, as its node measures it. Totals are the host's (or the fake
 * driver's configured) capacity; reservations and allocation ratios are the node's configuration; the
 * used figures come from the instances the node runs.
 */
public record HostResources(String hypervisorHostname, String hypervisorType, long hypervisorVersion,
        String hostIp, int vcpus, long memoryMb, long localGb, int reservedVcpus, long reservedMemoryMb,
        long reservedDiskGb, double cpuAllocationRatio, double ramAllocationRatio, double diskAllocationRatio,
        int vcpusUsed, long memoryMbUsed, long localGbUsed, int runningVms, String cpuInfo,
        List<String> traits) {

    /**
     * The host's driver can take a guest's disks to another host in a cold move; a host without it only resizes
     * its guests in place.
     */
    public static final String TRAIT_MOVES_BETWEEN_HOSTS = "CUSTOM_STRATUS_MOVES_BETWEEN_HOSTS";

    public HostResources {
        traits = traits == null ? List.of() : List.copyOf(traits);
    }
}
