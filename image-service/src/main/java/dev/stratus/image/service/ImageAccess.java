package dev.stratus.image.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.image.persistence.ImageEntity;

/**
 * Glance's visibility rules: who sees an image (owner, admin, everyone for public and community,
 * members for shared) and who may change it (owner or admin). An image the caller cannot see is a 404,
 * never a 403, so its existence does not leak.
 */
public final class ImageAccess {

    private ImageAccess() {
    }

    public static boolean isAdmin(AuthContext caller) {
        return Policy.admin().test(caller);
    }

    public static boolean owns(AuthContext caller, ImageEntity image) {
        return caller.projectId() != null && caller.projectId().equals(image.owner);
    }

    /** @param member whether the caller's project is a member of the image (any member status) */
    public static boolean canSee(AuthContext caller, ImageEntity image, boolean member) {
        return isAdmin(caller) || owns(caller, image)
                || "public".equals(image.visibility) || "community".equals(image.visibility)
                || ("shared".equals(image.visibility) && member);
    }

    public static void requireModify(AuthContext caller, ImageEntity image, String action) {
        if (!isAdmin(caller) && !owns(caller, image)) {
            throw ApiException.forbidden("You are not authorized to " + action + " image " + image.id + ".");
        }
    }

    public static ApiException notFound(String id) {
        return ApiException.notFound("No image found with ID " + id);
    }
}
