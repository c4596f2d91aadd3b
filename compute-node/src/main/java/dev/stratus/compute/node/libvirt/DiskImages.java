package dev.stratus.compute.node.libvirt;

import java.io.IOException;
import java.nio.file.Path;

/** The disk image operations a spawn, snapshot and resize need; {@link QemuImg} does them with qemu-img. */
public interface DiskImages {

    /** The format QEMU detects in the file (never the one a tenant declared) and its virtual size. */
    ImageInfo inspect(Path image) throws IOException;

    /** Creates a qcow2 file on top of {@code base}, {@code sizeBytes} large (at least the base's size). */
    void createOverlay(Path base, String baseFormat, Path overlay, long sizeBytes) throws IOException;

    /** Writes {@code source} with its backing chain as one standalone qcow2 file at {@code target}. */
    void flatten(Path source, Path target) throws IOException;

    /**
     * Grows the qcow2 image {@code image} (a root disk; its backing file stays) to the virtual size
     * {@code sizeBytes}. It never shrinks an image: a smaller size fails. The image must not be in use.
     */
    void resize(Path image, long sizeBytes) throws IOException;

    /**
     * @param backingFile a backing file or external data file the image itself names, null when none: a
     *        tenant's image must never make QEMU open another host file
     */
    record ImageInfo(String format, long virtualSizeBytes, String backingFile) {
    }
}
