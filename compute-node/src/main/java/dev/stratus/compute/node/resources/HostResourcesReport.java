package dev.stratus.compute.node.resources;

import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.HostResources;
import dev.stratus.compute.node.config.ComputeNodeConfig;
import dev.stratus.compute.node.instance.TrackedInstance;
import dev.stratus.compute.node.virt.DriverCapabilities;
import dev.stratus.compute.node.virt.HostInventory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A host's {@link HostResources}: the driver's totals, the node's reservations and allocation ratios, and
 * what its instances use.
 */
public final class HostResourcesReport {

    private HostResourcesReport() {
    }

    /** The node's settings that shape what it offers. */
    public record Offer(int reservedVcpus, long reservedMemoryMb, long reservedDiskGb, double cpuAllocationRatio,
            double ramAllocationRatio, double diskAllocationRatio, List<String> extraTraits) {

        public static Offer of(ComputeNodeConfig config) {
            return new Offer(config.reservedHostCpus(), config.reservedHostMemoryMb(),
                    (config.reservedHostDiskMb() + 1023) / 1024, config.cpuAllocationRatio(),
                    config.ramAllocationRatio(), config.diskAllocationRatio(),
                    config.extraTraits().orElse(List.of()));
        }
    }

    public static HostResources build(HostInventory inventory, DriverCapabilities capabilities, String hostIp,
            Offer offer, Collection<TrackedInstance> instances) {
        int vcpusUsed = 0;
        long memoryUsed = 0;
        long diskUsed = 0;
        for (TrackedInstance instance : instances) {
            FlavorSpec flavor = instance.build().flavor();
            if (flavor != null) {
                vcpusUsed += flavor.vcpus();
                memoryUsed += flavor.memoryMb();
                diskUsed += flavor.diskGb();
            }
        }
        // Like Nova, "used" includes the host's reservation.
        return new HostResources(inventory.hypervisorHostname(), inventory.hypervisorType(),
                inventory.hypervisorVersion(), hostIp, inventory.vcpus(), inventory.memoryMb(), inventory.localGb(),
                offer.reservedVcpus(), offer.reservedMemoryMb(), offer.reservedDiskGb(), offer.cpuAllocationRatio(),
                offer.ramAllocationRatio(), offer.diskAllocationRatio(), vcpusUsed + offer.reservedVcpus(),
                memoryUsed + offer.reservedMemoryMb(), diskUsed + offer.reservedDiskGb(), instances.size(),
                inventory.cpuInfo(), traits(capabilities, offer.extraTraits()));
    }

    /**
     * Traits the node can back: it is a compute node, guests get virtio NICs, and the image formats it
     * boots (the libvirt driver converts raw and qcow2 and boots kernel/ramdisk images). Whether the
     * service is disabled (COMPUTE_STATUS_DISABLED) is compute-api's to say, not the node's.
     */
    static List<String> traits(DriverCapabilities capabilities, List<String> extra) {
        TreeSet<String> traits = new TreeSet<>(List.of("COMPUTE_NODE", "COMPUTE_NET_VIF_MODEL_VIRTIO",
                "COMPUTE_IMAGE_TYPE_RAW", "COMPUTE_IMAGE_TYPE_QCOW2", "COMPUTE_IMAGE_TYPE_AKI",
                "COMPUTE_IMAGE_TYPE_ARI", "COMPUTE_IMAGE_TYPE_AMI"));
        String arch = System.getProperty("os.arch", "");
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            traits.add("HW_ARCH_X86_64");
        } else if (arch.equals("aarch64")) {
            traits.add("HW_ARCH_AARCH64");
        }
        if (capabilities.movesBetweenHosts()) {
            traits.add(HostResources.TRAIT_MOVES_BETWEEN_HOSTS);
        }
        traits.addAll(extra);
        return new ArrayList<>(traits);
    }
}
