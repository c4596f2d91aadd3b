package dev.stratus.compute.node.libvirt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** {@code stratus.compute.libvirt.*}: how the libvirt driver reaches the hypervisor and lays out guests. */
@ConfigMapping(prefix = "stratus.compute.libvirt")
public interface LibvirtSettings {

    /** libvirt connection URI. */
    @WithDefault("qemu:///system")
    String uri();

    /** {@code auto} probes for working KVM and falls back to {@code qemu} (TCG software emulation). */
    @WithDefault("auto")
    VirtType virtType();

    /** One directory per instance below this: its disk, config drive, kernel, ramdisk and console log. */
    @WithDefault("/var/lib/stratus/instances")
    Path instancesDirectory();

    /** The bus of the root and config drive disks. */
    @WithDefault("virtio")
    String diskBus();

    /** The host cache mode of the disks ({@code none}, {@code writeback}, ...); libvirt's default when absent. */
    Optional<String> diskCacheMode();

    /** The guest NIC model. */
    @WithDefault("virtio")
    String nicModel();

    /** The kernel command line of a kernel+ramdisk guest whose image names none. */
    @WithDefault("console=ttyS0")
    String kernelCommandLine();

    /** The machine type ({@code pc}, {@code q35}); the emulator's default when absent. */
    Optional<String> machineType();

    /**
     * The CPU the guest sees: {@code host-model} or {@code host-passthrough} (KVM only), or a named model
     * such as {@code qemu64}; when absent, host-model under KVM and libvirt's default under TCG.
     */
    Optional<String> cpuMode();

    /** {@code pty} (virsh console works, virtlogd keeps the log) or {@code file} (written straight to the log). */
    @WithDefault("pty")
    SerialMode serialConsole();

    /** How long a graceful power off waits for the guest before forcing it off. */
    @WithDefault("60s")
    Duration shutdownTimeout();

    /** How often the ACPI power-off request is repeated while waiting (guests ignore it early in boot). */
    @WithDefault("10s")
    Duration shutdownRetryInterval();

    /** How long a soft reboot waits for the guest to shut down before it becomes a hard reboot. */
    @WithDefault("120s")
    Duration rebootTimeout();

    /** How long spawn and power on wait for libvirt to report the guest running. */
    @WithDefault("60s")
    Duration startTimeout();

    /** How long the KVM probe guest may take to report; longer means KVM does not work on this host. */
    @WithDefault("20s")
    Duration kvmProbeTimeout();

    /** The largest console output returned, in bytes, from the end of the log. */
    @WithDefault("102400")
    int consoleMaxBytes();

    @WithDefault("qemu-img")
    String qemuImgCommand();

    @WithDefault("genisoimage")
    String genisoimageCommand();

    enum VirtType {
        AUTO, KVM, QEMU;

        /** The libvirt domain type. */
        public String domainType() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    enum SerialMode {
        PTY, FILE
    }
}
