package dev.stratus.compute.node.libvirt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link DiskImages} with {@code qemu-img}. Cached base images do not change once written, so what
 * {@code qemu-img info} said about one is kept, keyed by path, size and modification time.
 */
@ApplicationScoped
public class QemuImg implements DiskImages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final String command;

    private final Map<Path, Known> inspected = new ConcurrentHashMap<>();

    private record Known(long size, long modified, ImageInfo info) {
    }

    @Inject
    public QemuImg(LibvirtSettings settings) {
        this(settings.qemuImgCommand());
    }

    QemuImg(String command) {
        this.command = command;
    }

    @Override
    public ImageInfo inspect(Path image) throws IOException {
        Path path = image.toAbsolutePath();
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        Known known = inspected.get(path);
        if (known != null && known.size() == attributes.size()
                && known.modified() == attributes.lastModifiedTime().toMillis()) {
            return known.info();
        }
        // -U: the base may be open read-only by running guests, which hold a shared lock on it
        JsonNode info = JSON.readTree(CommandRunner.run(
                List.of(command, "info", "-U", "--output=json", path.toString()), TIMEOUT));
        String backing = info.hasNonNull("backing-filename") ? info.get("backing-filename").asText()
                : info.path("format-specific").path("data").hasNonNull("data-file")
                        ? info.path("format-specific").path("data").get("data-file").asText() : null;
        ImageInfo result = new ImageInfo(info.path("format").asText(), info.path("virtual-size").asLong(), backing);
        if (result.format().isEmpty() || result.virtualSizeBytes() <= 0) {
            throw new IOException("qemu-img could not read " + path);
        }
        inspected.put(path, new Known(attributes.size(), attributes.lastModifiedTime().toMillis(), result));
        return result;
    }

    @Override
    public void createOverlay(Path base, String baseFormat, Path overlay, long sizeBytes) throws IOException {
        CommandRunner.run(List.of(command, "create", "-q", "-f", "qcow2", "-F", baseFormat, "-b",
                base.toAbsolutePath().toString(), overlay.toString(), Long.toString(sizeBytes)), TIMEOUT);
    }

    /** Without {@code --shrink}, qemu-img refuses to make the image smaller. */
    @Override
    public void resize(Path image, long sizeBytes) throws IOException {
        Path path = image.toAbsolutePath();
        try {
            CommandRunner.run(List.of(command, "resize", "-q", "-f", "qcow2", path.toString(),
                    Long.toString(sizeBytes)), TIMEOUT);
        } finally {
            // what qemu-img info said no longer holds, even when the file's size and time look the same
            inspected.remove(path);
        }
    }

    @Override
    public void flatten(Path source, Path target) throws IOException {
        // -U: a paused guest's QEMU still holds its write lock on the disk
        CommandRunner.run(List.of(command, "convert", "-U", "-q", "-O", "qcow2", source.toAbsolutePath().toString(),
                target.toAbsolutePath().toString()), TIMEOUT);
    }
}
