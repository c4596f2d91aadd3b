package dev.stratus.compute.api.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.compute.api.service.GlanceAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Glance v2 image as Nova's deprecated {@code /images} proxy shows it (nova/api/openstack/compute/views/images.py). */
public final class ProxyImageView {

    private static final Map<String, String> STATUS = Map.of("queued", "SAVING", "saving", "SAVING",
            "importing", "SAVING", "uploading", "SAVING", "active", "ACTIVE", "killed", "ERROR",
            "deleted", "DELETED", "pending_delete", "DELETED", "deactivated", "ACTIVE");
    private static final Map<String, Integer> PROGRESS = Map.of("queued", 25, "saving", 50, "importing", 50,
            "uploading", 50, "active", 100, "deactivated", 100);

    private ProxyImageView() {
    }

    /** Nova's status of a Glance status; UNKNOWN for the others. */
    public static String status(String glanceStatus) {
        return STATUS.getOrDefault(glanceStatus, "UNKNOWN");
    }

    public static Map<String, Object> summary(JsonNode image, String base, String imageServiceUrl) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", image.path("id").asText());
        m.put("name", image.path("name").asText(null));
        m.put("links", links(image.path("id").asText(), base, imageServiceUrl));
        return m;
    }

    public static Map<String, Object> detail(JsonNode image, String base, String imageServiceUrl) {
        String id = image.path("id").asText();
        String glanceStatus = image.path("status").asText();
        Map<String, String> metadata = GlanceAttributes.properties(image);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", image.path("name").asText(null));
        m.put("minRam", image.path("min_ram").asInt(0));
        m.put("minDisk", image.path("min_disk").asInt(0));
        m.put("metadata", metadata);
        m.put("created", zulu(image.path("created_at").asText(null)));
        m.put("updated", zulu(image.path("updated_at").asText(null)));
        m.put("status", status(glanceStatus));
        m.put("progress", PROGRESS.getOrDefault(glanceStatus, 0));
        m.put("links", links(id, base, imageServiceUrl));
        String server = metadata.get("instance_uuid");
        if (server != null) {
            m.put("server", Map.of("id", server, "links", Links.of(base, "servers", server)));
        }
        m.put("OS-EXT-IMG-SIZE:size", image.hasNonNull("size") ? image.path("size").asLong() : null);
        return m;
    }

    private static List<Object> links(String id, String base, String imageServiceUrl) {
        List<Object> links = new ArrayList<>(Links.of(base, "images", id));
        if (imageServiceUrl != null) {
            Map<String, String> alternate = new LinkedHashMap<>();
            alternate.put("rel", "alternate");
            alternate.put("type", "application/vnd.openstack.image");
            alternate.put("href", imageServiceUrl.replaceAll("/+$", "") + "/images/" + id);
            links.add(alternate);
        }
        return links;
    }

    /** Glance's ISO time as Nova's {@code %Y-%m-%dT%H:%M:%SZ}. */
    static String zulu(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return Times.zulu(Instant.parse(iso));
        } catch (RuntimeException e) {
            return iso;
        }
    }
}
