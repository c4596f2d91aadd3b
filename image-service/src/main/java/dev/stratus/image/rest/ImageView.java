package dev.stratus.image.rest;

import dev.stratus.image.persistence.ImageEntity;
import dev.stratus.image.service.ImageDetails;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** Glance's image body: core attributes, then custom properties at the top level. */
final class ImageView {

    private ImageView() {
    }

    static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    static Map<String, Object> render(ImageDetails details) {
        ImageEntity i = details.image();
        Map<String, Object> m = new LinkedHashMap<>();
        details.properties().forEach(m::put);
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
        m.put("created_at", time(i.createdAt));
        m.put("updated_at", time(i.updatedAt));
        m.put("self", "/v2/images/" + i.id);
        m.put("file", "/v2/images/" + i.id + "/file");
        m.put("schema", "/v2/schemas/image");
        return m;
    }
}
