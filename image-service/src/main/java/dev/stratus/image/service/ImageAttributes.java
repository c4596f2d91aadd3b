package dev.stratus.image.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.fault.ApiException;
import dev.stratus.image.persistence.ImageEntity;
import java.util.Set;

/** Glance's rules for setting one attribute of an image, shared by create and JSON patch. */
final class ImageAttributes {

    /** Core attributes a user may set. */
    static final Set<String> SETTABLE = Set.of("name", "visibility", "protected", "os_hidden", "disk_format",
            "container_format", "min_disk", "min_ram", "tags", "owner");
    /** Attributes only the service sets. */
    static final Set<String> READ_ONLY = Set.of("id", "status", "checksum", "size", "virtual_size", "os_hash_algo",
            "os_hash_value", "stores", "created_at", "updated_at", "self", "file", "schema", "locations",
            "direct_url", "deleted", "deleted_at");

    /** The property namespace Glance reserves for its own bookkeeping (import tasks, stores). */
    static final String RESERVED_NAMESPACE = "os_glance";

    private ImageAttributes() {
    }

    static boolean isCore(String name) {
        return SETTABLE.contains(name) || READ_ONLY.contains(name);
    }

    static ApiException readOnly(String name) {
        return ApiException.forbidden("Attribute '" + name + "' is read-only.");
    }

    /** Sets a core attribute (not tags) from a JSON value, validating it. */
    static void set(AuthContext caller, ImageEntity image, String name, JsonNode value) {
        switch (name) {
            case "name" -> image.name = string(name, value, 255, true);
            case "visibility" -> {
                String visibility = ImageFormats.visibility(string(name, value, 10, false));
                if ("public".equals(visibility) && !ImageAccess.isAdmin(caller)) {
                    throw ApiException.forbidden("You are not authorized to publicize images: only administrators"
                            + " may make an image public.");
                }
                image.visibility = visibility;
            }
            case "protected" -> image.isProtected = bool(name, value);
            case "os_hidden" -> image.osHidden = bool(name, value);
            case "disk_format" -> {
                requireQueued(image, name);
                image.diskFormat = ImageFormats.disk(string(name, value, 20, true));
            }
            case "container_format" -> {
                requireQueued(image, name);
                image.containerFormat = ImageFormats.container(string(name, value, 20, true));
            }
            case "min_disk" -> image.minDisk = nonNegative(name, value);
            case "min_ram" -> image.minRam = nonNegative(name, value);
            case "owner" -> {
                // Only administrators may hand an image to another project.
                if (!ImageAccess.isAdmin(caller)) {
                    throw readOnly(name);
                }
                image.owner = string(name, value, 255, true);
            }
            default -> throw readOnly(name);
        }
    }

    /** Glance keeps the {@code os_glance} namespace for itself: no user may set or remove such a property. */
    static void requireUnreserved(String name) {
        if (name.startsWith(RESERVED_NAMESPACE)) {
            throw ApiException.forbidden("Attribute '" + name + "' is reserved.");
        }
    }

    static String propertyValue(String name, JsonNode value) {
        requireUnreserved(name);
        if (name.length() > 255) {
            throw ApiException.badRequest("Property name is longer than 255 characters.");
        }
        if (value == null || !value.isTextual()) {
            throw ApiException.badRequest("Invalid value for property '" + name + "': it must be a string.");
        }
        return value.asText();
    }

    private static void requireQueued(ImageEntity image, String name) {
        if (image.status != null && !ImageStatus.QUEUED.equals(image.status)) {
            throw ApiException.forbidden("Attribute " + name + " can be only replaced for a queued image.");
        }
    }

    private static String string(String name, JsonNode value, int max, boolean nullable) {
        if (value == null || value.isNull()) {
            if (nullable) {
                return null;
            }
            throw ApiException.badRequest("Invalid value for '" + name + "': null is not allowed.");
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("Invalid value for '" + name + "': it must be a string.");
        }
        if (value.asText().length() > max) {
            throw ApiException.badRequest("Invalid value for '" + name + "': longer than " + max + " characters.");
        }
        return value.asText();
    }

    private static boolean bool(String name, JsonNode value) {
        if (value == null || !value.isBoolean()) {
            throw ApiException.badRequest("Invalid value for '" + name + "': it must be a boolean.");
        }
        return value.asBoolean();
    }

    private static int nonNegative(String name, JsonNode value) {
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
            throw ApiException.badRequest("Invalid value for '" + name + "': it must be an integer of 0 or more.");
        }
        return value.asInt();
    }
}
