package dev.stratus.image.store;

import java.io.IOException;

/**
 * Base of the store's own refusals. It extends {@link IOException} because every refusal happens while
 * streaming the body: callers already handle IOException there, and the REST layer can map the subclasses
 * to precise HTTP answers (400/413) before falling back to a generic 5xx for other I/O failures.
 */
public class ImageStoreException extends IOException {
    public ImageStoreException(String message) {
        super(message);
    }
}
