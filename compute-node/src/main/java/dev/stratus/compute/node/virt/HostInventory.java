package dev.stratus.compute.node.virt;

/**
 * The host as a driver sees it, before the node subtracts its reservations.
 *
 * @param hypervisorType as Nova names it: {@code QEMU} (TCG or KVM through libvirt) or {@code fake}
 * @param hypervisorVersion libvirt's encoding, major*1000000 + minor*1000 + release
 * @param cpuInfo JSON describing the CPU (arch, model, vendor, topology), shown by os-hypervisors
 */
public record HostInventory(String hypervisorHostname, String hypervisorType, long hypervisorVersion,
        int vcpus, long memoryMb, long localGb, String cpuInfo) {
}
