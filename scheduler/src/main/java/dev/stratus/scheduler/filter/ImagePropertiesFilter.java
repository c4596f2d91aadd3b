package dev.stratus.scheduler.filter;

import dev.stratus.scheduler.service.HostState;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/**
 * The image's {@code architecture} and {@code hypervisor_type} properties must match the host's CPU
 * architecture and hypervisor. A KVM host also runs {@code qemu} images (TCG is always there); a host that
 * has not reported a value is not excluded by it.
 */
@ApplicationScoped
public class ImagePropertiesFilter implements HostFilter {

    @Override
    public String name() {
        return "ImagePropertiesFilter";
    }

    @Override
    public String reject(HostState host, SelectionContext request) {
        var image = request.spec().image();
        if (image == null) {
            return null;
        }
        String arch = normaliseArch(image.property("architecture"));
        if (arch != null && host.cpuArch() != null && !arch.equals(normaliseArch(host.cpuArch()))) {
            return "architecture " + arch + " not supported";
        }
        String hvType = lower(image.property("hypervisor_type"));
        String hostType = lower(host.hypervisorType());
        if (hvType != null && hostType != null && !hvType.equals(hostType)
                && !(hvType.equals("qemu") && hostType.equals("kvm"))
                && !(hvType.equals("kvm") && hostType.equals("qemu") && hasHardwareVirtualisation(host))) {
            return "hypervisor_type " + hvType + " not supported";
        }
        return null;
    }

    /** Also on a rebuild with a new image, on the server's own host, as Nova's {@code RUN_ON_REBUILD}. */
    @Override
    public boolean runsIn(FilterScope scope) {
        return scope == FilterScope.ALL || scope == FilterScope.REBUILD;
    }

    /** Nova's libvirt driver reports QEMU for KVM hosts too; the CPU traits tell them apart. */
    private static boolean hasHardwareVirtualisation(HostState host) {
        return host.traits().contains("HW_CPU_X86_VMX") || host.traits().contains("HW_CPU_X86_SVM");
    }

    private static String lower(String s) {
        return s == null || s.isBlank() ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    /** Canonical architecture names as Nova's fields.Architecture canonicalises them. */
    static String normaliseArch(String arch) {
        String a = lower(arch);
        if (a == null) {
            return null;
        }
        return switch (a) {
            case "amd64", "x64", "x86-64" -> "x86_64";
            case "i386", "i486", "i586", "i686", "x86_32", "ia32" -> "i686";
            case "arm64" -> "aarch64";
            default -> a;
        };
    }
}
