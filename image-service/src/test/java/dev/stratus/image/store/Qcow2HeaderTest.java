package dev.stratus.image.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Qcow2HeaderTest {

    /** A qcow2 header as QEMU writes it (fields after the ones we read are left zero). */
    static byte[] header(int version, long virtualSize, long backingFileOffset) {
        ByteBuffer b = ByteBuffer.allocate(version == 3 ? 104 : 72); // big-endian
        b.put(new byte[] {'Q', 'F', 'I', (byte) 0xfb});
        b.putInt(version);
        b.putLong(backingFileOffset);
        b.putInt(backingFileOffset == 0 ? 0 : 12); // backing_file_size
        b.putInt(16); // cluster_bits: 64 KiB clusters
        b.putLong(virtualSize);
        return b.array();
    }

    @Test
    void readsVersion3() {
        var header = Qcow2Header.parse(header(3, 10L << 30, 0)).orElseThrow();
        assertEquals(3, header.version());
        assertEquals(10L << 30, header.virtualSize());
        assertFalse(header.hasBackingFile());
    }

    @Test
    void readsVersion2AndAnOddSize() {
        var header = Qcow2Header.parse(header(2, 1_000_000_007L, 0)).orElseThrow();
        assertEquals(2, header.version());
        assertEquals(1_000_000_007L, header.virtualSize());
    }

    @Test
    void reportsABackingFile() {
        assertTrue(Qcow2Header.parse(header(3, 1L << 30, 0x200)).orElseThrow().hasBackingFile());
    }

    @Test
    void refusesWhatIsNotQcow2() {
        byte[] good = header(3, 1L << 30, 0);
        byte[] badMagic = good.clone();
        badMagic[3] = (byte) 0xfa;
        assertTrue(Qcow2Header.parse(badMagic).isEmpty());
        byte[] version4 = good.clone();
        version4[7] = 4;
        assertTrue(Qcow2Header.parse(version4).isEmpty());
        byte[] negative = good.clone();
        negative[24] = (byte) 0x80;
        assertTrue(Qcow2Header.parse(negative).isEmpty());
        assertTrue(Qcow2Header.parse(Arrays.copyOf(good, 31)).isEmpty(), "too short");
        assertTrue(Qcow2Header.parse(good, 31).isEmpty(), "only 31 bytes valid");
        assertTrue(Qcow2Header.parse(new byte[0]).isEmpty());
        assertTrue(Qcow2Header.parse(new byte[512]).isEmpty(), "raw zeros");
    }

    @Test
    void readsAFile(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("disk.qcow2"), header(3, 42L << 20, 0));
        assertEquals(42L << 20, Qcow2Header.read(file).orElseThrow().virtualSize());
        Path tiny = Files.write(dir.resolve("tiny"), new byte[] {'Q', 'F', 'I'});
        assertTrue(Qcow2Header.read(tiny).isEmpty());
    }
}
