package dev.stratus.image.service;

import dev.stratus.common.fault.ApiException;
import java.util.Set;

/** The disk and container formats Glance accepts by default. */
public final class ImageFormats {

    public static final Set<String> DISK = Set.of("ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2",
            "vdi", "iso", "ploop");
    public static final Set<String> CONTAINER = Set.of("ami", "ari", "aki", "bare", "ovf", "ova", "docker",
            "compressed");
    public static final Set<String> VISIBILITY = Set.of("public", "private", "shared", "community");

    private ImageFormats() {
    }

    public static String disk(String value) {
        if (value != null && !DISK.contains(value)) {
            throw ApiException.badRequest("Invalid disk format '" + value + "' for image. Valid formats are: "
                    + String.join(", ", DISK.stream().sorted().toList()) + ".");
        }
        return value;
    }

    public static String container(String value) {
        if (value != null && !CONTAINER.contains(value)) {
            throw ApiException.badRequest("Invalid container format '" + value + "' for image. Valid formats are: "
                    + String.join(", ", CONTAINER.stream().sorted().toList()) + ".");
        }
        return value;
    }

    public static String visibility(String value) {
        if (!VISIBILITY.contains(value)) {
            throw ApiException.badRequest("Invalid visibility value: " + value);
        }
        return value;
    }
}
