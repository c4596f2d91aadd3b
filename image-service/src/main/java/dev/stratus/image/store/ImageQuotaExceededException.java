package dev.stratus.image.store;

/**
 * The image would not fit in the room the caller granted (per-project storage quota or a global image size
 * cap). Glance answers 413 for this; nothing was stored and the body was not read past the limit.
 */
public class ImageQuotaExceededException extends ImageStoreException {
    private final long maxBytes;
    private final long attemptedBytes;

    ImageQuotaExceededException(long maxBytes, long attemptedBytes, boolean announced) {
        super(announced
                ? "image of " + attemptedBytes + " bytes exceeds the " + maxBytes + " bytes of quota room"
                : "image data exceeds the " + maxBytes + " bytes of quota room (stopped reading after "
                        + attemptedBytes + " bytes)");
        this.maxBytes = maxBytes;
        this.attemptedBytes = attemptedBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** The announced size if it was known in advance, otherwise the bytes read when the limit was crossed. */
    public long attemptedBytes() {
        return attemptedBytes;
    }
}
