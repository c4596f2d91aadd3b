package dev.stratus.compute.node.libvirt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Disk and config drive writers that record what they were asked and write marker files. */
final class FakeMedia implements DiskImages, ConfigDriveWriter {

    final List<String> overlays = new ArrayList<>();

    final List<Map<String, byte[]>> drives = new ArrayList<>();

    ImageInfo info = new ImageInfo("qcow2", 100L << 20, null);

    IOException failOverlay;

    @Override
    public ImageInfo inspect(Path image) {
        return info;
    }

    @Override
    public void createOverlay(Path base, String baseFormat, Path overlay, long sizeBytes) throws IOException {
        if (failOverlay != null) {
            throw failOverlay;
        }
        overlays.add(baseFormat + " " + base + " " + sizeBytes);
        Files.writeString(overlay, "overlay of " + base, StandardCharsets.UTF_8);
    }

    @Override
    public void flatten(Path source, Path target) throws IOException {
        Files.writeString(target, "flattened " + Files.readString(source, StandardCharsets.UTF_8),
                StandardCharsets.UTF_8);
    }

    @Override
    public void write(Map<String, byte[]> files, Path image) throws IOException {
        drives.add(files);
        Files.writeString(image, "iso", StandardCharsets.UTF_8);
    }
}
