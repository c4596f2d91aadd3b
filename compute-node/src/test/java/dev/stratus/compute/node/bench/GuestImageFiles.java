package dev.stratus.compute.node.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.common.compute.ImageSpec;
import dev.stratus.compute.node.build.GuestPreparation;
import dev.stratus.compute.node.image.ImageSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The project's test guest ({@code deploy/guest-image/out}: kernel, ramdisk and machine image with their
 * md5s in {@code manifest.json}) served as image-service would serve the uploaded uec triple.
 */
final class GuestImageFiles implements ImageSource {

    static final String KERNEL_ID = "be4c0000-0000-4000-8000-00000000000a";
    static final String RAMDISK_ID = "be4c0000-0000-4000-8000-00000000000b";
    static final String MACHINE_ID = "be4c0000-0000-4000-8000-00000000000c";

    private record File(Path path, String md5, long size) {
    }

    private final Map<String, File> files;

    GuestImageFiles(Path directory) throws IOException {
        Path manifest = directory.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) {
            throw new IOException("no test guest in " + directory + ": run deploy/guest-image/build first");
        }
        JsonNode all = new ObjectMapper().readTree(manifest.toFile()).path("files");
        files = Map.of(KERNEL_ID, file(directory, all.path("kernel")), RAMDISK_ID, file(directory, all.path("ramdisk")),
                MACHINE_ID, file(directory, all.path("machine")));
    }

    private static File file(Path directory, JsonNode entry) {
        return new File(directory.resolve(entry.path("name").asText()), entry.path("md5").asText(),
                entry.path("size").asLong());
    }

    /** The machine image as the cloud uploads it (README of deploy/guest-image, "How the cloud uses it"). */
    ImageSpec machineImage() {
        File machine = files.get(MACHINE_ID);
        return new ImageSpec(MACHINE_ID, "stratus-guest", "ami", "ami", machine.size(), machine.md5(), 1, 128,
                Map.of(GuestPreparation.KERNEL_ID, KERNEL_ID, GuestPreparation.RAMDISK_ID, RAMDISK_ID,
                        GuestPreparation.COMMAND_LINE, "console=ttyS0", "hw_vif_model", "virtio",
                        "hw_disk_bus", "virtio", "architecture", "x86_64"));
    }

    @Override
    public Download open(String imageId) throws IOException {
        File file = require(imageId);
        return new Download(Files.newInputStream(file.path()), file.md5());
    }

    @Override
    public String checksum(String imageId) throws IOException {
        return require(imageId).md5();
    }

    private File require(String imageId) throws IOException {
        File file = files.get(imageId);
        if (file == null) {
            throw new IOException("no image " + imageId);
        }
        return file;
    }
}
