package dev.stratus.compute.node.libvirt;

import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.VirtException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Lays out an instance's directory before its domain is defined: the copy-on-write root disk over the cached
 * image, the config drive, and copies of the kernel and ramdisk. Files already there from an earlier attempt
 * are kept, so a repeated spawn does not lose what the guest wrote.
 */
final class InstancePreparer {

    private static final long GIB = 1L << 30;

    private final DiskImages disks;

    private final ConfigDriveWriter configDrives;

    InstancePreparer(DiskImages disks, ConfigDriveWriter configDrives) {
        this.disks = disks;
        this.configDrives = configDrives;
    }

    void prepare(GuestSpec guest, InstanceFiles files) throws VirtException {
        try {
            createDirectory(files.directory());
        } catch (IOException e) {
            throw new VirtException("The host could not store the server's files", e);
        }
        rootDisk(guest, files.rootDisk());
        if (!guest.configDrive().isEmpty()) {
            try {
                configDrives.write(guest.configDrive(), files.configDrive());
            } catch (IOException e) {
                throw new VirtException("The server's config drive could not be written", e);
            }
        }
        copy(guest.kernel(), files.kernel(), "kernel");
        copy(guest.ramdisk(), files.ramdisk(), "ramdisk");
    }

    /**
     * World-readable, and the instances directory above it traversable, so QEMU, which runs as its own user,
     * can reach the files below whatever umask the node was started with.
     */
    private static void createDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path instances = directory.toAbsolutePath().getParent();
        if (instances != null) {
            FileTrees.makeTraversable(instances);
        }
    }

    private void rootDisk(GuestSpec guest, Path disk) throws VirtException {
        if (Files.exists(disk)) {
            return;
        }
        if (guest.bootImage() == null || !Files.isRegularFile(guest.bootImage())) {
            throw new VirtException("The server's image is not available on this host");
        }
        DiskImages.ImageInfo image;
        try {
            image = disks.inspect(guest.bootImage());
        } catch (IOException e) {
            throw new VirtException("The server's image is not a disk image this host can read", e);
        }
        if (image.backingFile() != null) {
            throw new VirtException("The server's image refers to another file (" + image.format()
                    + " backing or data file), which this host does not allow");
        }
        long flavorBytes = guest.instance().flavor().rootGb() * GIB;
        if (flavorBytes > 0 && image.virtualSizeBytes() > flavorBytes) {
            throw new VirtException("The flavor's root disk (" + guest.instance().flavor().rootGb()
                    + " GiB) is smaller than the image's virtual size (" + image.virtualSizeBytes() + " bytes)");
        }
        Path partial = disk.resolveSibling(disk.getFileName() + ".part");
        try {
            Files.deleteIfExists(partial);
            disks.createOverlay(guest.bootImage(), image.format(), partial,
                    Math.max(flavorBytes, image.virtualSizeBytes()));
            Files.move(partial, disk, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new VirtException("The server's root disk could not be created from its image", e);
        }
    }

    private static void copy(Path source, Path target, String what) throws VirtException {
        if (source == null) {
            return;
        }
        try {
            if (Files.exists(target) && Files.size(target) == Files.size(source)) {
                return;
            }
            Path partial = target.resolveSibling(target.getFileName() + ".part");
            Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new VirtException("The server's " + what + " image is not available on this host", e);
        }
    }
}
