package dev.stratus.compute.node.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Where snapshots go (image-service); a seam for tests. */
public interface ImageSink {

    /** Uploads the file as the data of the image, which compute-api created and left queued. */
    void upload(String imageId, Path file) throws IOException, InterruptedException;

    /** Deletes the image (a snapshot that failed); an image already gone is not an error. */
    void delete(String imageId) throws IOException, InterruptedException;

    /** The ids of the instance's backups of the type ({@code image_type=backup}), the newest first. */
    List<String> backups(String instanceId, String backupType) throws IOException, InterruptedException;
}
