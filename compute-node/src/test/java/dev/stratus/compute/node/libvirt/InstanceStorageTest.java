package dev.stratus.compute.node.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.compute.node.virt.VirtException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The instances' files on {@link FakeMedia}: measured, copied and removed. */
class InstanceStorageTest {

    private static final String ID = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d";

    @TempDir
    Path dir;

    private final FakeMedia media = new FakeMedia();

    private InstanceStorage storage(Path instances) {
        return new InstanceStorage(instances, media, new InstancePreparer(media, media));
    }

    @Test
    void aDirectoryNotMadeYetIsMeasuredOnTheFileSystemItWillBeOn() throws Exception {
        long expected = Files.getFileStore(dir).getTotalSpace() >> 30;
        assertEquals(expected, storage(dir.resolve("not/made/yet")).totalGb());
        assertFalse(Files.exists(dir.resolve("not")), "measuring makes nothing");
    }

    @Test
    void theRootDiskIsCopiedWithItsBackingChain() throws Exception {
        InstanceStorage storage = storage(dir.resolve("instances"));
        Path disk = storage.files(ID).rootDisk();
        Files.createDirectories(disk.getParent());
        Files.writeString(disk, "overlay", StandardCharsets.UTF_8);
        Path target = dir.resolve("snapshot.qcow2");
        storage.copyRootDisk(ID, target);
        assertEquals("flattened overlay", Files.readString(target, StandardCharsets.UTF_8));

        VirtException missing = assertThrows(VirtException.class,
                () -> storage.copyRootDisk("9f8e7d6c", dir.resolve("other.qcow2")));
        assertTrue(missing.getMessage().startsWith("The server's disk could not be copied: "), missing.getMessage());
    }

    @Test
    void removalTakesTheWholeDirectoryAndIsANoOpWithoutOne() throws Exception {
        InstanceStorage storage = storage(dir.resolve("instances"));
        InstanceFiles files = storage.files(ID);
        Files.createDirectories(files.directory());
        Files.writeString(files.consoleLog(), "boot", StandardCharsets.UTF_8);
        Files.writeString(files.rootDisk(), "disk", StandardCharsets.UTF_8);
        storage.remove(ID);
        assertFalse(Files.exists(files.directory()));
        storage.remove(ID);

        Files.createDirectories(files.directory());
        storage.removeAfterFailedSpawn(ID, files);
        assertFalse(Files.exists(files.directory()));
        storage.removeAfterFailedSpawn(ID, files);
    }
}
