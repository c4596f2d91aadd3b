package dev.stratus.compute.node.libvirt.domain;

/**
 * {@code <disk type='file'>}: an image file the guest sees as a block device.
 *
 * @param device {@code disk} or {@code cdrom}
 * @param format the image format of the file: {@code qcow2} or {@code raw}
 * @param cache the host cache mode ({@code none}, {@code writeback}, ...), null for libvirt's default
 * @param targetDev the name in the guest's bus order: {@code vda}, {@code vdb}, ...
 * @param bus {@code virtio}, {@code sata}, {@code ide}, {@code scsi}
 */
public record Disk(String device, String format, String cache, String sourceFile, String targetDev, String bus,
        boolean readOnly) {

    public Disk {
        DomainDefinition.require(device, "disk device");
        DomainDefinition.require(format, "disk format");
        DomainDefinition.require(sourceFile, "disk source");
        DomainDefinition.require(targetDev, "disk target");
        DomainDefinition.require(bus, "disk bus");
    }

    public static Disk file(String format, String sourceFile, String targetDev, String bus) {
        return new Disk("disk", format, null, sourceFile, targetDev, bus, false);
    }

    public Disk asReadOnly() {
        return new Disk(device, format, cache, sourceFile, targetDev, bus, true);
    }

    public Disk withCache(String mode) {
        return new Disk(device, format, mode, sourceFile, targetDev, bus, readOnly);
    }
}
