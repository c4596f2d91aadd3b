package dev.stratus.image.store;

/**
 * The body did not have the announced length (Content-Length or the image's declared size). Glance
 * answers 400 for this; nothing was stored.
 */
public class ImageSizeMismatchException extends ImageStoreException {
    private final long expectedSize;
    private final long actualSize;
    private final boolean longer;

    ImageSizeMismatchException(long expectedSize, long actualSize, boolean longer) {
        super(longer
                ? "image data is longer than the expected " + expectedSize + " bytes (stopped reading after "
                        + actualSize + " bytes)"
                : "image data ended after " + actualSize + " bytes, expected " + expectedSize + " bytes");
        this.expectedSize = expectedSize;
        this.actualSize = actualSize;
        this.longer = longer;
    }

    public long expectedSize() {
        return expectedSize;
    }

    /** Bytes read when the mismatch was detected: the full length when short, expected + 1 when too long. */
    public long actualSize() {
        return actualSize;
    }

    /** True when the body had more bytes than expected (it was not read to its end). */
    public boolean longer() {
        return longer;
    }
}
