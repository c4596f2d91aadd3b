package dev.stratus.compute.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Glance v2's own image attributes; everything else in an image body is an extra property. */
public final class GlanceAttributes {

    public static final Set<String> CORE = Set.of("id", "name", "status", "visibility", "protected", "checksum",
            "owner", "size", "virtual_size", "min_ram", "min_disk", "created_at", "updated_at", "tags",
            "disk_format", "container_format", "self", "file", "schema", "os_hash_algo", "os_hash_value",
            "os_hidden", "direct_url", "locations", "stores");

    private GlanceAttributes() {
    }

    /** The image's extra properties with a scalar value, as text. */
    public static Map<String, String> properties(JsonNode image) {
        Map<String, String> properties = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = image.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!CORE.contains(e.getKey()) && e.getValue().isValueNode() && !e.getValue().isNull()) {
                properties.put(e.getKey(), e.getValue().asText());
            }
        }
        return properties;
    }
}
