package dev.stratus.compute.node.libvirt;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An ISO 9660 config drive with Rock Ridge and Joliet names, labelled {@code config-2}, made by
 * {@code genisoimage} from a staging directory next to the image, which is removed afterwards.
 */
@ApplicationScoped
public class GenisoimageConfigDrive implements ConfigDriveWriter {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    private final String command;

    @Inject
    public GenisoimageConfigDrive(LibvirtSettings settings) {
        this(settings.genisoimageCommand());
    }

    GenisoimageConfigDrive(String command) {
        this.command = command;
    }

    @Override
    public void write(Map<String, byte[]> files, Path image) throws IOException {
        Path staging = image.resolveSibling(image.getFileName() + ".d");
        FileTrees.delete(staging);
        Files.createDirectories(staging);
        try {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path target = insideDrive(staging, file.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
            Path partial = image.resolveSibling(image.getFileName() + ".part");
            CommandRunner.run(List.of(command, "-o", partial.toString(), "-V", LABEL, "-publisher", "Stratus",
                    "-input-charset", "utf-8", "-J", "-r", "-l", "-ldots", "-allow-lowercase", "-allow-multidot",
                    "-quiet", staging.toString()), TIMEOUT);
            Files.move(partial, image, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            FileTrees.delete(staging);
        }
    }

    private static Path insideDrive(Path staging, String name) throws IOException {
        Path target = staging.resolve(name).normalize();
        if (name.isBlank() || name.startsWith("/") || !target.startsWith(staging) || target.equals(staging)) {
            throw new IOException("config drive path '" + name + "' leaves the drive");
        }
        return target;
    }
}
