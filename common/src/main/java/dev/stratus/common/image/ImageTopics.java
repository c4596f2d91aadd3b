package dev.stratus.common.image;

/** Names on the broker between image-service and the services that read images. */
public final class ImageTopics {

    /** Fanout from image-service: {@link ImageChange}s, for compute-api's image cache. */
    public static final String CHANGES_FANOUT = "image.changes";

    private ImageTopics() {
    }
}
