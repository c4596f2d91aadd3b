package dev.stratus.compute.node.libvirt.domain;

import java.util.List;

/**
 * A libvirt domain as this driver writes it: one record per element, written by {@link DomainXmlWriter} and
 * read back by {@link DomainXmlParser}. Elements libvirt adds on its own (controllers, addresses, aliases)
 * are not modelled; the parser skips them.
 *
 * @param type the libvirt domain type: {@code kvm} or {@code qemu} (TCG)
 * @param uuid the instance id, so libvirt and the cloud name the guest the same way; null lets libvirt pick
 * @param metadata the cloud's view of the guest, in the stratus namespace; null for foreign domains
 * @param memoryKib guest memory in KiB
 * @param cpu null leaves the choice to libvirt (qemu64 under TCG)
 */
public record DomainDefinition(String type, String name, String uuid, InstanceMetadata metadata, long memoryKib,
        int vcpus, OsBoot os, Features features, Cpu cpu, Clock clock, LifecycleActions actions,
        Devices devices) {

    public DomainDefinition {
        require(type, "type");
        require(name, "name");
        require(os, "os");
        features = features == null ? Features.NONE : features;
        actions = actions == null ? LifecycleActions.DEFAULT : actions;
        devices = devices == null ? Devices.NONE : devices;
        if (memoryKib <= 0 || vcpus <= 0) {
            throw new IllegalArgumentException("memory and vcpus must be positive");
        }
    }

    static void require(Object value, String what) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
    }

    /** The disks in the order of their target devices. */
    public List<Disk> disks() {
        return devices.disks();
    }

    /** {@code <features>}: the flags a PC guest needs to power off on ACPI and use its local APIC. */
    public record Features(boolean acpi, boolean apic) {
        public static final Features NONE = new Features(false, false);
    }

    /** What libvirt does when the guest powers off, reboots or crashes: destroy, restart, preserve, ... */
    public record LifecycleActions(String onPoweroff, String onReboot, String onCrash) {
        public static final LifecycleActions DEFAULT = new LifecycleActions("destroy", "restart", "destroy");
    }

    /** {@code <devices>}: only the devices this driver adds itself. */
    public record Devices(List<Disk> disks, List<NetInterface> interfaces, List<SerialPort> serials,
            List<Graphics> graphics, boolean virtioRng) {
        public static final Devices NONE = new Devices(List.of(), List.of(), List.of(), List.of(), false);

        public Devices {
            disks = disks == null ? List.of() : List.copyOf(disks);
            interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
            serials = serials == null ? List.of() : List.copyOf(serials);
            graphics = graphics == null ? List.of() : List.copyOf(graphics);
        }

        /** The VNC display, if the domain has one. */
        public java.util.Optional<Graphics> vnc() {
            return graphics.stream().filter(g -> Graphics.VNC.equals(g.type())).findFirst();
        }
    }
}
