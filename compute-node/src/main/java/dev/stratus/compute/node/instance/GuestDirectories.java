package dev.stratus.compute.node.instance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** {@code <instances-directory>/<instance uuid>/}: the files of one guest on this host. */
public final class GuestDirectories {

    private static final Pattern INSTANCE_ID = Pattern.compile("[0-9a-fA-F-]{1,64}");

    private final Path root;

    public GuestDirectories(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path of(String instanceId) {
        if (!INSTANCE_ID.matcher(instanceId).matches()) {
            throw new IllegalArgumentException("not an instance id: " + instanceId);
        }
        return root.resolve(instanceId);
    }

    public Path create(String instanceId) throws IOException {
        return Files.createDirectories(of(instanceId));
    }

    /** Removes the guest's directory and everything in it; nothing when it does not exist. */
    public void remove(String instanceId) throws IOException {
        Path dir = of(instanceId);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
