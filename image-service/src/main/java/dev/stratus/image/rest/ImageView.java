package dev.stratus.image.rest;

import dev.stratus.image.persistence.ImageEntity;
import dev.stratus.image.service.ImageDetails;
import dev.stratus.image.service.ImageProperties;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Glance's image body: core attributes, then custom properties at the top level; with
 * {@code show_multiple_locations} the {@code locations}, with {@code show_image_direct_url} the first one's URL.
 */
final class ImageView {

    private final boolean showLocations;
    private final boolean showDirectUrl;

    ImageView(boolean showLocations, boolean showDirectUrl) {
        this.showLocations = showLocations;
        this.showDirectUrl = showDirectUrl;
    }

    static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    Map<String, Object> render(ImageDetails details) {
        ImageEntity i = details.image();
        Map<String, Object> m = new LinkedHashMap<>();
        details.properties().forEach((name, value) -> {
            if (!ImageProperties.STAGE_HOST.equals(name)) { // hidden, as Glance's serializer hides it
                m.put(name, value);
            }
        });
        m.put("id", i.id);
        m.put("name", i.name);
        m.put("status", i.status);
        m.put("visibility", i.visibility);
        m.put("protected", i.isProtected);
        m.put("os_hidden", i.osHidden);
        m.put("owner", i.owner);
        m.put("disk_format", i.diskFormat);
        m.put("container_format", i.containerFormat);
        m.put("size", i.size);
        m.put("virtual_size", i.virtualSize);
        m.put("checksum", i.checksum);
        m.put("os_hash_algo", i.osHashAlgo);
        m.put("os_hash_value", i.osHashValue);
        m.put("min_disk", i.minDisk);
        m.put("min_ram", i.minRam);
        m.put("tags", details.tags());
        if (!details.stores().isEmpty()) {
            // The stores holding the data, as Glance reports them where /v2/info/stores exists.
            m.put("stores", String.join(",", details.stores()));
        }
        if (showLocations) {
            m.put("locations", details.locations().stream()
                    .map(l -> Map.of("url", l.url(), "metadata", l.metadata())).toList());
        }
        if (showDirectUrl && !details.locations().isEmpty()) {
            m.put("direct_url", details.locations().get(0).url());
        }
        m.put("created_at", time(i.createdAt));
        m.put("updated_at", time(i.updatedAt));
        m.put("self", "/v2/images/" + i.id);
        m.put("file", "/v2/images/" + i.id + "/file");
        m.put("schema", "/v2/schemas/image");
        return m;
    }
}
