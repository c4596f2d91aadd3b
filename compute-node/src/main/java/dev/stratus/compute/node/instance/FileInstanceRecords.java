package dev.stratus.compute.node.instance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/** One {@code instance.json} in each guest directory, written atomically. */
public class FileInstanceRecords implements InstanceRecords {

    private static final Logger LOG = Logger.getLogger(FileInstanceRecords.class);
    static final String FILE = "instance.json";

    private final GuestDirectories directories;

    public FileInstanceRecords(GuestDirectories directories) {
        this.directories = directories;
    }

    @Override
    public void save(TrackedInstance instance) {
        try {
            Path dir = directories.create(instance.instanceId());
            Path temp = Files.createTempFile(dir, FILE, ".tmp");
            NodeJson.MAPPER.writeValue(temp.toFile(), instance);
            Files.move(temp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record instance " + instance.instanceId(), e);
        }
    }

    @Override
    public void remove(String instanceId) {
        try {
            Files.deleteIfExists(directories.of(instanceId).resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the record of instance " + instanceId, e);
        }
    }

    @Override
    public List<TrackedInstance> loadAll() {
        List<TrackedInstance> loaded = new ArrayList<>();
        if (!Files.isDirectory(directories.root())) {
            return loaded;
        }
        try (Stream<Path> dirs = Files.list(directories.root())) {
            for (Path dir : dirs.toList()) {
                Path file = dir.resolve(FILE);
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                try {
                    loaded.add(NodeJson.MAPPER.readValue(file.toFile(), TrackedInstance.class));
                } catch (IOException e) {
                    LOG.warnf("Ignoring unreadable instance record %s: %s", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directories.root(), e);
        }
        return loaded;
    }
}
