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
 * queued, one private to project p-img, one that needs more memory than any test flavor has, two rescue images
 * with {@code hw_rescue_*} properties; and the images made through {@link TestImageService}.
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
    /** A rescue image asking for a stable device rescue: {@code hw_rescue_device=cdrom}, {@code hw_rescue_bus=ide}. */
    public static final String STABLE_RESCUE = "6a5b4c3d-2e1f-4a0b-8c9d-7e6f5a4b3c2d";
    /** A rescue image whose {@code hw_rescue_bus} is none of Nova's disk buses. */
    public static final String BAD_RESCUE_BUS = "7b6c5d4e-3f2a-4b1c-9d0e-8f7a6b5c4d3e";

    private static final Map<String, String> STATUS = Map.of(ACTIVE, "active", QUEUED, "queued", PRIVATE, "active",
            ALT, "active", HUNGRY, "active", STABLE_RESCUE, "active", BAD_RESCUE_BUS, "active");

    private static final Map<String, Map<String, String>> PROPERTIES = Map.of(
            STABLE_RESCUE, Map.of("architecture", "x86_64", "hw_rescue_device", "cdrom", "hw_rescue_bus", "ide"),
            BAD_RESCUE_BUS, Map.of("architecture", "x86_64", "hw_rescue_device", "disk", "hw_rescue_bus", "nvme"));

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
                0, minRamMb, PROPERTIES.getOrDefault(imageId, Map.of("architecture", "x86_64"))), status));
    }
}
