package dev.stratus.image.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The few qcow2 header fields Glance cares about. Layout (big-endian, from QEMU's docs/interop/qcow2.txt):
 * magic {@code QFI\xfb} at 0, u32 version at 4 (2 or 3), u64 backing_file_offset at 8, u32 backing_file_size
 * at 16, u32 cluster_bits at 20, u64 size (the virtual disk size in bytes) at 24.
 *
 * @param version        2 or 3
 * @param virtualSize    virtual disk size in bytes (Glance {@code virtual_size})
 * @param hasBackingFile true when the image names a backing file: Glance refuses such uploads because a
 *                       backing file path is read on the compute host when the image is used
 */
public record Qcow2Header(int version, long virtualSize, boolean hasBackingFile) {

    /** Bytes needed to parse the fields above. */
    public static final int LENGTH = 32;

    private static final int MAGIC = 0x514649fb; // "QFI\xfb"

    /** Parses the first {@code length} bytes of an image; empty if they are not a plausible qcow2 header. */
    public static Optional<Qcow2Header> parse(byte[] bytes, int length) {
        if (length < LENGTH || bytes.length < length) {
            return Optional.empty();
        }
        ByteBuffer header = ByteBuffer.wrap(bytes, 0, LENGTH); // big-endian by default, as qcow2
        if (header.getInt(0) != MAGIC) {
            return Optional.empty();
        }
        int version = header.getInt(4);
        long size = header.getLong(24);
        if ((version != 2 && version != 3) || size < 0) {
            return Optional.empty(); // unknown version or a size no disk can have: do not trust any field
        }
        return Optional.of(new Qcow2Header(version, size, header.getLong(8) != 0));
    }

    public static Optional<Qcow2Header> parse(byte[] bytes) {
        return parse(bytes, bytes.length);
    }

    /** Reads the header of a stored file. */
    public static Optional<Qcow2Header> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(LENGTH);
            return parse(bytes, bytes.length);
        }
    }
}
