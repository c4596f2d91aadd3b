package dev.stratus.compute.node.libvirt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Disk and config drive writers that record what they were asked and write marker files. An overlay's marker
 * names its base and its virtual size ({@code virtual-size N}), which {@link #inspect} reads back and
 * {@link #resize} changes; other files inspect as {@link #info}.
 */
final class FakeMedia implements DiskImages, ConfigDriveWriter {

    private static final Pattern VIRTUAL_SIZE = Pattern.compile("virtual-size (\\d+)");

    final List<String> overlays = new ArrayList<>();

    final List<Map<String, byte[]>> drives = new ArrayList<>();

    final List<String> resizes = new ArrayList<>();

    ImageInfo info = new ImageInfo("qcow2", 100L << 20, null);

    IOException failOverlay;

    @Override
    public ImageInfo inspect(Path image) throws IOException {
        Long size = virtualSize(image);
        return size == null ? info : new ImageInfo("qcow2", size, "base");
    }

    private static Long virtualSize(Path image) throws IOException {
        if (!Files.isRegularFile(image)) {
            return null;
        }
        Matcher matcher = VIRTUAL_SIZE.matcher(Files.readString(image, StandardCharsets.ISO_8859_1));
        return matcher.find() ? Long.valueOf(matcher.group(1)) : null;
    }

    /** Like qemu-img without --shrink: a smaller size fails. */
    @Override
    public void resize(Path image, long sizeBytes) throws IOException {
        Long size = virtualSize(image);
        if (size == null) {
            throw new IOException("qemu-img: Could not open '" + image + "'");
        }
        if (sizeBytes < size) {
            throw new IOException("qemu-img: Use the --shrink option to perform a shrink operation.");
        }
        resizes.add(image.getFileName() + " " + sizeBytes);
        String text = Files.readString(image, StandardCharsets.UTF_8);
        Files.writeString(image, VIRTUAL_SIZE.matcher(text).replaceFirst("virtual-size " + sizeBytes),
                StandardCharsets.UTF_8);
    }

    @Override
    public void createOverlay(Path base, String baseFormat, Path overlay, long sizeBytes) throws IOException {
        if (failOverlay != null) {
            throw failOverlay;
        }
        overlays.add(baseFormat + " " + base + " " + sizeBytes);
        Files.writeString(overlay, "overlay of " + base + "\nvirtual-size " + sizeBytes + "\n",
                StandardCharsets.UTF_8);
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
