package dev.stratus.image.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Publishing complete files under their final name, atomically and never over existing data. */
final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Makes {@code source} (complete and already fsync'ed) appear as {@code target} in one step. A hard link
     * fails if the target exists, which a rename would silently replace: two racing uploads of one image
     * cannot both "succeed" with different data. File systems without hard links fall back to an atomic
     * rename after an existence check (the REST layer's image status already serialises uploads).
     *
     * @throws FileAlreadyExistsException {@code target} exists; {@code source} is left in place
     */
    static void publish(Path source, Path target) throws IOException {
        boolean linked;
        try {
            Files.createLink(target, source);
            linked = true;
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            linked = false;
        }
        if (linked) {
            Files.delete(source);
        } else {
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            try {
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the image store needs a file system with atomic renames", e);
            }
        }
        syncDirectory(target.getParent());
    }

    /**
     * Makes the new directory entry durable: without it a power cut right after we reported success could
     * lose the name (the data itself was fsync'ed before). Best effort where directories cannot be opened.
     */
    static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported on this platform (e.g. Windows); the rename is still atomic.
        }
    }
}
