package dev.stratus.compute.node.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link QemuImg} with the real qemu-img, where the host has one: the resize of a root disk. */
class QemuImgTest {

    private static final long MIB = 1L << 20;

    @TempDir
    Path dir;

    private static boolean hasQemuImg() {
        try {
            CommandRunner.run(List.of("qemu-img", "--version"), Duration.ofSeconds(20));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aRootDiskGrowsOnItsBaseAndNeverShrinks() throws Exception {
        assumeTrue(hasQemuImg(), "qemu-img is not installed");
        QemuImg qemuImg = new QemuImg("qemu-img");
        Path base = dir.resolve("base.qcow2");
        CommandRunner.run(List.of("qemu-img", "create", "-q", "-f", "qcow2", base.toString(), "16M"),
                Duration.ofSeconds(20));
        Path disk = dir.resolve("disk");
        qemuImg.createOverlay(base, "qcow2", disk, 32 * MIB);
        assertEquals(32 * MIB, qemuImg.inspect(disk).virtualSizeBytes());

        qemuImg.resize(disk, 64 * MIB);
        DiskImages.ImageInfo grown = qemuImg.inspect(disk);
        assertEquals(64 * MIB, grown.virtualSizeBytes(), "not an answer remembered from before the resize");
        assertEquals(base.toAbsolutePath().toString(), grown.backingFile(), "still on its base");

        IOException shrink = assertThrows(IOException.class, () -> qemuImg.resize(disk, 32 * MIB));
        assertTrue(shrink.getMessage().contains("shrink"), shrink.getMessage());
        assertEquals(64 * MIB, qemuImg.inspect(disk).virtualSizeBytes());
        assertTrue(Files.isRegularFile(disk));
    }
}
