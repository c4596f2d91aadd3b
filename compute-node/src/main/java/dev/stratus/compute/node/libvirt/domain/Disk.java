package dev.stratus.compute.node.libvirt.domain;

/**
 * {@code <disk type='file'>}: an image file the guest sees as a block device.
 *
 * @param device {@code disk}, {@code cdrom}, {@code floppy} or {@code lun}
 * @param format the image format of the file: {@code qcow2} or {@code raw}
 * @param cache the host cache mode ({@code none}, {@code writeback}, ...), null for libvirt's default
 * @param targetDev the name in the guest's bus order: {@code vda}, {@code vdb}, ...
 * @param bus {@code virtio}, {@code sata}, {@code ide}, {@code scsi}, {@code usb}, {@code fdc}
 * @param bootOrder the device's place in the firmware's boot order ({@code <boot order='N'/>}), null for none;
 *        a domain whose devices carry one has no {@code <os><boot dev>}
 */
public record Disk(String device, String format, String cache, String sourceFile, String targetDev, String bus,
        boolean readOnly, Integer bootOrder) {

    public Disk {
        DomainDefinition.require(device, "disk device");
        DomainDefinition.require(format, "disk format");
        DomainDefinition.require(sourceFile, "disk source");
        DomainDefinition.require(targetDev, "disk target");
        DomainDefinition.require(bus, "disk bus");
        if (bootOrder != null && bootOrder < 1) {
            throw new IllegalArgumentException("a boot order starts at 1");
        }
    }

    public Disk(String device, String format, String cache, String sourceFile, String targetDev, String bus,
            boolean readOnly) {
        this(device, format, cache, sourceFile, targetDev, bus, readOnly, null);
    }

    public static Disk file(String format, String sourceFile, String targetDev, String bus) {
        return new Disk("disk", format, null, sourceFile, targetDev, bus, false, null);
    }

    public Disk asReadOnly() {
        return new Disk(device, format, cache, sourceFile, targetDev, bus, true, bootOrder);
    }

    public Disk withCache(String mode) {
        return new Disk(device, format, mode, sourceFile, targetDev, bus, readOnly, bootOrder);
    }

    /** The same file as another kind of device ({@code cdrom}, {@code floppy}, ...). */
    public Disk asDevice(String kind) {
        return new Disk(kind, format, cache, sourceFile, targetDev, bus, readOnly, bootOrder);
    }

    public Disk bootingAt(int order) {
        return new Disk(device, format, cache, sourceFile, targetDev, bus, readOnly, order);
    }
}
