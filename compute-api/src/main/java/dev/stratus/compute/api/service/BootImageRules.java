package dev.stratus.compute.api.service;

import dev.stratus.common.auth.Policy;
import dev.stratus.common.compute.ImageSpec;
import dev.stratus.common.fault.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Whether an image may boot a server of a flavor, as Nova checks it on create and rebuild: the image exists
 * and is active, and the flavor's memory and root disk hold it. A flavor without a root disk needs the
 * {@code zero_disk_flavor} rule.
 */
@ApplicationScoped
public class BootImageRules {

    private static final long GIB = 1024L * 1024 * 1024;

    private final Policy policy;

    public BootImageRules(Policy policy) {
        this.policy = policy;
    }

    /**
     * The image of a lookup, or the 400 that refuses it.
     *
     * @param notFound the 400's message when image-service does not show the image to the caller
     */
    public ImageSpec require(CompletableFuture<Optional<ImageCatalog.Image>> lookup, String id, int memoryMb,
            int rootGb, String notFound) {
        ImageCatalog.Image image = ImageCatalog.await(lookup).orElseThrow(() -> ApiException.badRequest(notFound));
        if (!"active".equals(image.status())) {
            throw ApiException.badRequest("Image " + id + " is not active.");
        }
        ImageSpec spec = image.spec();
        if (memoryMb < spec.minRamMb()) {
            throw ApiException.badRequest("Flavor's memory is too small for requested image.");
        }
        if (rootGb == 0) {
            policy.enforce("os_compute_api:servers:create:zero_disk_flavor", ComputeRules.admin());
        } else {
            long flavorBytes = rootGb * GIB;
            if (spec.size() > flavorBytes) {
                throw ApiException.badRequest("Flavor's disk is too small for requested image. Flavor disk is "
                        + flavorBytes + " bytes, image is " + spec.size() + " bytes.");
            }
            if (spec.minDiskGb() > rootGb) {
                throw ApiException.badRequest("Flavor's disk is too small for requested image. Flavor disk is "
                        + flavorBytes + " bytes, minimum required by image is " + spec.minDiskGb() * GIB + " bytes.");
            }
        }
        return spec;
    }
}
