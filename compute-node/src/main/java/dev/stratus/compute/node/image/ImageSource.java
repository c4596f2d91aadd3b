package dev.stratus.compute.node.image;

import java.io.IOException;
import java.io.InputStream;

/** Where image data come from (image-service); a seam for tests. */
public interface ImageSource {

    /** The image's data as a stream, with the MD5 checksum image-service knows for it (may be null). */
    Download open(String imageId) throws IOException, InterruptedException;

    /** The image's MD5 checksum as image-service records it; null when it has none. */
    String checksum(String imageId) throws IOException, InterruptedException;

    record Download(InputStream data, String checksum) {
    }
}
