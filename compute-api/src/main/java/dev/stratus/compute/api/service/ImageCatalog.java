package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.compute.ImageSpec;
import java.util.Optional;

/** The images a caller may boot from, as image-service (Glance v2) describes them. */
public interface ImageCatalog {

    /** An image as the caller sees it, with its status ({@code active}, {@code queued}, ...). */
    record Image(ImageSpec spec, String status) {
    }

    /** Empty when the image does not exist or the caller may not see it. */
    Optional<Image> find(AuthContext caller, String imageId);
}
