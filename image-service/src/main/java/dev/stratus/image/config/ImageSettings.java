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
}
