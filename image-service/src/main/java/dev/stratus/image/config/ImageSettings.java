package dev.stratus.image.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "stratus.image")
public interface ImageSettings {

    /** Directory of the file-system store. */
    @WithDefault("/var/lib/stratus/images")
    String storeDirectory();

    /** Largest image accepted, in bytes (Glance's image_size_cap; 1 TiB by default). */
    @WithDefault("1099511627776")
    long maxImageSize();

    /** Per-project limits; -1 is unlimited (Glance enforces none unless configured). */
    Quota quota();

    interface Quota {
        /** Images a project may own. */
        @WithDefault("-1")
        long imageCount();

        /** Bytes of image data a project may store, staged data included. */
        @WithDefault("-1")
        long totalBytes();
    }
}
