package dev.stratus.compute.node.libvirt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing a directory with everything below it; letting other users pass through a directory. */
final class FileTrees {

    private FileTrees() {
    }

    /** Deletes {@code dir} and its contents; nothing happens when it does not exist. */
    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (NoSuchFileException e) {
                    // removed concurrently: fine
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Adds search permission for group and others (QEMU's user must pass through to its files). */
    static void makeTraversable(Path dir) throws IOException {
        var permissions = java.util.EnumSet.copyOf(Files.getPosixFilePermissions(dir));
        if (permissions.addAll(java.util.List.of(java.nio.file.attribute.PosixFilePermission.GROUP_EXECUTE,
                java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE))) {
            Files.setPosixFilePermissions(dir, permissions);
        }
    }

    static void deleteQuietly(Path dir) {
        try {
            delete(dir);
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
