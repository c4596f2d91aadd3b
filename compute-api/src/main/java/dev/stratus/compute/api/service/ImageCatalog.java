package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.compute.ImageSpec;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The images a caller may boot from, as image-service (Glance v2) describes them. */
public interface ImageCatalog {

    /** An image as the caller sees it, with its status ({@code active}, {@code queued}, ...). */
    record Image(ImageSpec spec, String status) {
    }

    /** Empty when the image does not exist or the caller may not see it. */
    Optional<Image> find(AuthContext caller, String imageId);

    /**
     * The same answer, started now and read later, so that a caller can do its own work meanwhile. Fails with
     * the {@link dev.stratus.common.fault.ApiException} that {@link #find} would throw.
     */
    default CompletableFuture<Optional<Image>> findAsync(AuthContext caller, String imageId) {
        try {
            return CompletableFuture.completedFuture(find(caller, imageId));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Waits for a {@link #findAsync} answer; its failure is thrown as it was raised. */
    static Optional<Image> await(CompletableFuture<Optional<Image>> lookup) {
        try {
            return lookup.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
