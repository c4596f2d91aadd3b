package dev.stratus.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Temporary directories a test and its Quarkus test profile both see: the two are loaded by different class
 * loaders, so a directory is made once and handed over through a system property.
 */
final class SharedTempDirectories {

    private SharedTempDirectories() {
    }

    /** The directory kept under {@code stratus.test.<name>}, made (prefixed {@code stratus-<name>}) the first time. */
    static synchronized Path of(String name) {
        String key = "stratus.test." + name;
        if (System.getProperty(key) == null) {
            try {
                System.setProperty(key, Files.createTempDirectory("stratus-" + name).toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Path.of(System.getProperty(key));
    }
}
