package dev.stratus.scheduler.service;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Standard traits known from the start (a subset of os-traits: what compute hosts report and images
 * ask for); a standard trait a node reports that is not listed is added when first seen.
 */
public final class StandardTraits {

    public static final List<String> NAMES = List.of(
            "COMPUTE_ACCELERATORS", "COMPUTE_ARCH_AARCH64", "COMPUTE_ARCH_X86_64", "COMPUTE_DEVICE_TAGGING",
            "COMPUTE_EPHEMERAL_ENCRYPTION", "COMPUTE_IMAGE_TYPE_AKI", "COMPUTE_IMAGE_TYPE_AMI",
            "COMPUTE_IMAGE_TYPE_ARI", "COMPUTE_IMAGE_TYPE_ISO", "COMPUTE_IMAGE_TYPE_QCOW2", "COMPUTE_IMAGE_TYPE_RAW",
            "COMPUTE_IMAGE_TYPE_VDI", "COMPUTE_IMAGE_TYPE_VHD", "COMPUTE_IMAGE_TYPE_VHDX", "COMPUTE_IMAGE_TYPE_VMDK",
            "COMPUTE_NET_ATTACH_INTERFACE", "COMPUTE_NET_ATTACH_INTERFACE_WITH_TAG", "COMPUTE_NET_VIF_MODEL_E1000",
            "COMPUTE_NET_VIF_MODEL_VIRTIO", "COMPUTE_NODE", "COMPUTE_RESCUE_BFV", "COMPUTE_SECURITY_UEFI_SECURE_BOOT",
            "COMPUTE_SOCKET_PCI_NUMA_AFFINITY", "COMPUTE_STATUS_DISABLED", "COMPUTE_STORAGE_BUS_IDE",
            "COMPUTE_STORAGE_BUS_SATA", "COMPUTE_STORAGE_BUS_SCSI", "COMPUTE_STORAGE_BUS_USB",
            "COMPUTE_STORAGE_BUS_VIRTIO", "COMPUTE_TRUSTED_CERTS", "COMPUTE_VOLUME_ATTACH_WITH_TAG",
            "COMPUTE_VOLUME_EXTEND", "COMPUTE_VOLUME_MULTI_ATTACH", "HW_CPU_AARCH64_ASIMD", "HW_CPU_HYPERTHREADING",
            "HW_CPU_X86_AESNI", "HW_CPU_X86_AVX", "HW_CPU_X86_AVX2", "HW_CPU_X86_AVX512F", "HW_CPU_X86_F16C",
            "HW_CPU_X86_FMA3", "HW_CPU_X86_MMX", "HW_CPU_X86_SSE", "HW_CPU_X86_SSE2", "HW_CPU_X86_SSE41",
            "HW_CPU_X86_SSE42", "HW_CPU_X86_SSSE3", "HW_CPU_X86_SVM", "HW_CPU_X86_VMX", "HW_GPU_API_VULKAN",
            "HW_NIC_SRIOV", "MISC_SHARES_VIA_AGGREGATE", "STORAGE_DISK_HDD", "STORAGE_DISK_SSD");

    private static final Pattern VALID = Pattern.compile("^[A-Z0-9_]+$");

    private StandardTraits() {
    }

    /** Placement's rule for a trait name: upper-case letters, digits and underscores, at most 255. */
    public static boolean isValidName(String name) {
        return name != null && !name.isEmpty() && name.length() <= 255 && VALID.matcher(name).matches();
    }

    public static boolean isValidCustom(String name) {
        return isValidName(name) && name.startsWith("CUSTOM_") && name.length() > "CUSTOM_".length();
    }
}
