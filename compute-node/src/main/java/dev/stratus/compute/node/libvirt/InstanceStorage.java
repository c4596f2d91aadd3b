package dev.stratus.compute.node.libvirt;

import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.VirtException;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * The instances' files on this host: laid out before a domain is defined ({@link InstancePreparer}), the root disk
 * copied for a snapshot, removed with the instance or after a failed spawn, and the size of the file system they
 * live on, which the host reports as its local disk.
 */
final class InstanceStorage {

    private static final Logger LOG = Logger.getLogger(InstanceStorage.class);

    private final Path instancesDirectory;

    private final DiskImages disks;

    private final InstancePreparer preparer;

    InstanceStorage(Path instancesDirectory, DiskImages disks, InstancePreparer preparer) {
        this.instancesDirectory = instancesDirectory;
        this.disks = disks;
        this.preparer = preparer;
    }

    InstanceFiles files(String instanceId) {
        return InstanceFiles.of(instancesDirectory, instanceId);
    }

    /**
     * GiB of the file system the instances directory is on (or would be on: its nearest existing parent's).
     *
     * @throws IllegalStateException when the file system cannot be measured
     */
    long totalGb() {
        Path dir = instancesDirectory.toAbsolutePath();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        try {
            FileStore store = Files.getFileStore(dir == null ? Path.of("/") : dir);
            return store.getTotalSpace() >> 30;
        } catch (IOException e) {
            throw new IllegalStateException("cannot measure the file system of " + instancesDirectory, e);
        }
    }

    /** The root disk, config drive, kernel and ramdisk a domain of {@code guest} boots from. */
    void prepare(GuestSpec guest, InstanceFiles files) throws VirtException {
        preparer.prepare(guest, files);
    }

    /** Writes the instance's root disk with its backing chain as one standalone file at {@code target}. */
    void copyRootDisk(String instanceId, Path target) throws VirtException {
        try {
            disks.flatten(files(instanceId).rootDisk(), target);
        } catch (IOException e) {
            throw new VirtException("The server's disk could not be copied: " + e.getMessage(), e);
        }
    }

    /** Removes the instance's directory with everything in it; nothing to do when there is none. */
    void remove(String instanceId) throws VirtException {
        try {
            FileTrees.delete(files(instanceId).directory());
        } catch (IOException e) {
            throw new VirtException("The server's disks could not be removed from the host", e);
        }
    }

    /** Removes what a failed spawn laid out; what cannot be removed is logged, the spawn's own failure reported. */
    void removeAfterFailedSpawn(String instanceId, InstanceFiles files) {
        try {
            FileTrees.delete(files.directory());
        } catch (IOException e) {
            LOG.warnf("instance %s: could not remove %s: %s", instanceId, files.directory(), e.getMessage());
        }
    }
}
