package dev.stratus.image.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where image bytes live: a file store, or the read-only http store serving data the cloud did not write
 * ({@link #isReadOnly()}). Writes are streamed (memory stays bounded whatever the image size), digested on the
 * way, and atomic: a location returned here always names complete data, and a failed write leaves nothing.
 * Locations are opaque strings to the caller (persist them as given; pass them back as given).
 */
public interface ImageStore {

    /** Pass as {@code expectedSize} when the length is not known in advance (chunked upload). */
    long UNKNOWN_SIZE = -1;

    /** Pass as {@code maxBytes} when no quota applies. */
    long NO_LIMIT = Long.MAX_VALUE;

    /**
     * Streams {@code data} into the store as image {@code imageId}. The stream is read until its end, but never
     * more than one byte beyond {@code min(expectedSize, maxBytes)}, and is not closed.
     *
     * @param expectedSize announced length, or {@link #UNKNOWN_SIZE}
     * @param maxBytes     quota room, or {@link #NO_LIMIT}
     * @throws ImageSizeMismatchException  the data was shorter or longer than {@code expectedSize}
     * @throws ImageQuotaExceededException the data (or the announced size) exceeds {@code maxBytes}
     * @throws java.nio.file.FileAlreadyExistsException the image already has data (it is never overwritten)
     * @throws IllegalArgumentException    {@code imageId} is not a safe file name
     * @throws IOException                 the stream or the disk failed; nothing was left behind
     */
    StoredImage write(String imageId, InputStream data, long expectedSize, long maxBytes) throws IOException;

    /**
     * Same as {@link #write} but into the staging area (Glance {@code PUT /v2/images/{id}/stage}); the data is
     * not part of the store until {@link #promote}d.
     */
    StoredImage stage(String imageId, InputStream data, long expectedSize, long maxBytes) throws IOException;

    /**
     * Moves staged data into the store as image {@code imageId} (Glance {@code glance-direct} import), atomically
     * and without copying. Digests and size computed by {@link #stage} remain valid.
     *
     * @return the image's new location
     * @throws java.nio.file.NoSuchFileException        nothing is staged at {@code stagedLocation}
     * @throws java.nio.file.FileAlreadyExistsException the image already has data
     */
    String promote(String stagedLocation, String imageId) throws IOException;

    /**
     * The file behind a location, for zero-copy downloads ({@code FileChannel.transferTo}/sendfile). Pure
     * mapping: it does not check that the file exists.
     *
     * @throws IllegalArgumentException the location is not one of this store's
     */
    Path path(String location);

    /** Size in bytes of the data at {@code location}; NoSuchFileException if there is none. */
    long size(String location) throws IOException;

    /** Removes the data; does nothing if it is already gone (deletes are retried by the REST layer). */
    void delete(String location) throws IOException;

    boolean exists(String location);

    /**
     * Streams {@code length} bytes of the data at {@code location} from {@code offset} (downloads that cannot use
     * {@link #path}). The caller closes the stream.
     */
    InputStream open(String location, long offset, long length) throws IOException;

    /** A read-only store serves data it did not write (Glance's http store): write, stage and promote refuse. */
    default boolean isReadOnly() {
        return false;
    }
}
