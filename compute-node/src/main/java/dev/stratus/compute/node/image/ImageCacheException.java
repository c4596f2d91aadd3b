package dev.stratus.compute.node.image;

/** An image could not be put in the cache; the message is fit for the server's fault. */
public class ImageCacheException extends Exception {

    public ImageCacheException(String message) {
        super(message);
    }

    public ImageCacheException(String message, Throwable cause) {
        super(message, cause);
    }
}
