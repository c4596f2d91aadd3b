package dev.stratus.compute.api.servers;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.compute.ImageSpec;
import dev.stratus.compute.api.service.ImageCatalog;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Map;
import java.util.Optional;

/**
 * The images of the test app, in place of image-service: two active images any project may boot, one still
 * queued, one private to project p-img, and one that needs more memory than any test flavor has; and the
 * images made through {@link TestImageService}.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestImages implements ImageCatalog {

    public static final String ACTIVE = "70a599e0-31e7-49b7-b260-868f441e862b";
    public static final String QUEUED = "1f1e0a5c-2b7d-4c7e-9c55-5f1f2c3d4e5f";
    public static final String PRIVATE = "9d0b4c1e-6a3f-4b2d-8e7f-0a1b2c3d4e5f";
    public static final String ALT = "3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b0a";
    public static final String HUNGRY = "5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c";

    private static final Map<String, String> STATUS = Map.of(ACTIVE, "active", QUEUED, "queued", PRIVATE, "active",
            ALT, "active", HUNGRY, "active");

    @Override
    public Optional<Image> find(AuthContext caller, String imageId) {
        String status = STATUS.get(imageId);
        if (status == null && TestImageService.IMAGES.containsKey(imageId)) {
            // made through the test image service (a snapshot, a shelved disk)
            status = TestImageService.IMAGES.get(imageId).path("status").asText();
        }
        if (status == null || (imageId.equals(PRIVATE) && !"p-img".equals(caller.projectId()))) {
            return Optional.empty();
        }
        int minRamMb = imageId.equals(HUNGRY) ? 1 << 20 : 0;
        return Optional.of(new Image(new ImageSpec(imageId, "cirros", "qcow2", "bare", 16L << 20, "abc123",
                0, minRamMb, Map.of("architecture", "x86_64")), status));
    }
}
