package dev.stratus.compute.node.libvirt;

import dev.stratus.common.compute.ImageSpec;
import dev.stratus.compute.node.libvirt.domain.Disk;
import dev.stratus.compute.node.libvirt.domain.OsBoot;
import dev.stratus.compute.node.virt.VirtException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A stable device rescue, as Nova's libvirt driver makes it when the rescue image has {@code hw_rescue_device} or
 * {@code hw_rescue_bus}: the guest keeps every disk of its own under the same target, and the rescue image is one
 * more device, of that type on that bus, that the firmware boots first. The device's name is the first one free
 * for the bus's prefix (Nova's blockinfo): {@code vdc} on virtio beside {@code vda} and {@code vdb}, {@code sda}
 * on scsi, usb or sata, {@code hda} on ide, {@code fda} on fdc.
 *
 * @param device {@code disk} (the default), {@code cdrom} or {@code floppy}
 * @param bus the image's {@code hw_rescue_bus}; null lets {@link #bus} pick the device type's default
 * @param virtType the libvirt domain type, {@code qemu} or {@code kvm}, named in refusals
 */
record StableDeviceRescue(String device, String bus, ImageSpec image, String virtType) {

    /** What Nova's libvirt driver accepts for the qemu and kvm virt types ({@code SUPPORTED_DEVICE_BUSES}). */
    static final List<String> BUSES = List.of("virtio", "scsi", "ide", "usb", "fdc", "sata");

    static final List<String> DEVICES = List.of("disk", "cdrom", "floppy");

    /** Four IDE devices (two channels of two); other buses are limited by the 26 letters here. */
    private static final int IDE_DEVICES = 4;

    /**
     * The stable device rescue the rescue image asks for, none for a legacy rescue. An unknown device or bus
     * is refused with Nova's words before anything on the host changes.
     */
    static Optional<StableDeviceRescue> requested(ImageSpec image, String virtType) throws VirtException {
        String device = property(image, "hw_rescue_device");
        String bus = property(image, "hw_rescue_bus");
        if (device == null && bus == null) {
            return Optional.empty();
        }
        // lun is Nova's too, but libvirt takes it only on a block device, never on an image file
        if (device != null && !DEVICES.contains(device)) {
            throw new VirtException("Requested rescue device '" + device + "' is not supported");
        }
        if (bus != null && !BUSES.contains(bus)) {
            throw new VirtException("Requested rescue bus '" + bus + "' is not supported by the '" + virtType
                    + "' virt driver");
        }
        return Optional.of(new StableDeviceRescue(device == null ? "disk" : device, bus, image, virtType));
    }

    /**
     * The bus the rescue device goes on: {@code hw_rescue_bus}, else the image's bus for the device type
     * ({@code hw_disk_bus}, {@code hw_cdrom_bus}, {@code hw_floppy_bus}), else Nova's default for it: virtio for
     * a disk, fdc for a floppy, and for a cdrom ide, sata on a q35 machine (which has no IDE), scsi on
     * architectures without IDE.
     *
     * @param own the guest's own boot section, for its architecture and machine type
     */
    String bus(OsBoot own) throws VirtException {
        if (bus != null) {
            return bus;
        }
        String imageBus = property(image, "hw_" + device + "_bus");
        if (imageBus != null) {
            if (!BUSES.contains(imageBus)) {
                throw new VirtException("Requested hardware '" + imageBus + "' is not supported by the '"
                        + virtType + "' virt driver");
            }
            return imageBus;
        }
        return switch (device) {
            case "cdrom" -> cdromBus(own);
            case "floppy" -> "fdc";
            default -> "virtio";
        };
    }

    private static String cdromBus(OsBoot own) {
        String arch = own.arch();
        if (arch.startsWith("ppc") || arch.startsWith("s390") || arch.equals("aarch64")) {
            return "scsi";
        }
        return own.machine() != null && own.machine().contains("q35") ? "sata" : "ide";
    }

    /** The first name of the bus's prefix that none of {@code disks} has. */
    static String freeTarget(String bus, List<Disk> disks) throws VirtException {
        Set<String> taken = new HashSet<>();
        for (Disk disk : disks) {
            taken.add(disk.targetDev());
        }
        int limit = "ide".equals(bus) ? IDE_DEVICES : 26;
        for (int index = 0; index < limit; index++) {
            String name = prefix(bus) + (char) ('a' + index);
            if (!taken.contains(name)) {
                return name;
            }
        }
        throw new VirtException("The maximum allowed number of disk devices (" + limit
                + ") to attach to a single instance has been exceeded.");
    }

    private static String prefix(String bus) {
        return switch (bus) {
            case "virtio" -> "vd";
            case "ide" -> "hd";
            case "fdc" -> "fd";
            default -> "sd";
        };
    }

    private static String property(ImageSpec image, String key) {
        String value = image == null ? null : image.property(key);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
