package dev.stratus.compute.node.libvirt.domain;

import java.util.List;

/**
 * {@code <os>}: either a direct kernel boot ({@code kernel}, optional {@code initrd} and {@code cmdline}) or
 * a firmware boot from {@code bootDevices} ({@code hd}, {@code cdrom}, {@code network}).
 *
 * @param machine the machine type, null for the emulator's default
 */
public record OsBoot(String arch, String machine, String kernel, String initrd, String cmdline,
        List<String> bootDevices) {

    public OsBoot {
        DomainDefinition.require(arch, "os arch");
        bootDevices = bootDevices == null ? List.of() : List.copyOf(bootDevices);
        if (kernel == null && (initrd != null || cmdline != null)) {
            throw new IllegalArgumentException("an initrd or a command line needs a kernel");
        }
    }

    public static OsBoot fromDisk(String arch, String machine) {
        return new OsBoot(arch, machine, null, null, null, List.of("hd"));
    }

    /**
     * A firmware boot in the order the devices' own {@code <boot order>} gives (libvirt takes no {@code <boot dev>}
     * beside it).
     */
    public static OsBoot inDeviceOrder(String arch, String machine) {
        return new OsBoot(arch, machine, null, null, null, List.of());
    }

    public static OsBoot directKernel(String arch, String machine, String kernel, String initrd, String cmdline) {
        return new OsBoot(arch, machine, kernel, initrd, cmdline, List.of());
    }

    public boolean isDirectKernel() {
        return kernel != null;
    }
}
