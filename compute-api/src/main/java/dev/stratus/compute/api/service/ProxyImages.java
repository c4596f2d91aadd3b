package dev.stratus.compute.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.view.Links;
import dev.stratus.compute.api.view.ProxyImageView;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What Nova's deprecated {@code /images} proxy does with Glance: lists with Nova's filters (name, status,
 * changes-since, server, type, minRam, minDisk) and paging, shows, deletes, and reads and writes an image's
 * properties as its metadata, under the metadata_items quota.
 */
@ApplicationScoped
public class ProxyImages {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GLANCE_PAGE = 500;

    private final ImageService images;
    private final QuotaService quotas;

    public ProxyImages(ImageService images, QuotaService quotas) {
        this.images = images;
        this.quotas = quotas;
    }

    /** One page of the caller's images that pass the filters, after {@code marker}; {@code limit + 1} at most. */
    public List<JsonNode> list(AuthContext caller, Map<String, String> filters, int limit, String marker) {
        Predicate<JsonNode> wanted = filter(filters);
        List<JsonNode> all = new ArrayList<>();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", Integer.toString(GLANCE_PAGE));
        while (true) {
            ImageService.Page page = images.list(caller, query);
            page.images().stream().filter(wanted).forEach(all::add);
            if (page.nextMarker() == null || page.images().isEmpty()) {
                break;
            }
            query.put("marker", page.nextMarker());
        }
        int start = 0;
        if (marker != null) {
            start = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).path("id").asText().equals(marker)) {
                    start = i + 1;
                    break;
                }
            }
            if (start < 0) {
                throw ApiException.badRequest("marker [" + marker + "] not found");
            }
        }
        return all.subList(start, Math.min(all.size(), start + limit + 1));
    }

    private static Predicate<JsonNode> filter(Map<String, String> f) {
        Predicate<JsonNode> p = i -> true;
        if (f.containsKey("name")) {
            p = p.and(i -> f.get("name").equals(i.path("name").asText(null)));
        }
        if (f.containsKey("status")) {
            p = p.and(i -> ProxyImageView.status(i.path("status").asText()).equalsIgnoreCase(f.get("status")));
        }
        if (f.containsKey("server")) {
            String server = Links.idOf(f.get("server"));
            p = p.and(i -> server.equals(i.path("instance_uuid").asText(null)));
        }
        if (f.containsKey("type")) {
            p = p.and(i -> f.get("type").equals(i.path("image_type").asText(null)));
        }
        if (f.containsKey("minRam")) {
            int min = integer(f.get("minRam"), "minRam");
            p = p.and(i -> i.path("min_ram").asInt(0) >= min);
        }
        if (f.containsKey("minDisk")) {
            int min = integer(f.get("minDisk"), "minDisk");
            p = p.and(i -> i.path("min_disk").asInt(0) >= min);
        }
        if (f.containsKey("changes-since")) {
            Instant since = time(f.get("changes-since"));
            p = p.and(i -> !Instant.parse(i.path("updated_at").asText()).isBefore(since));
        }
        return p;
    }

    private static int integer(String value, String name) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid " + name + " filter [" + value + "]");
        }
    }

    private static Instant time(String value) {
        try {
            return OffsetDateTime.parse(value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$") ? value
                    : value + "Z").toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("Invalid changes-since value");
        }
    }

    public JsonNode show(AuthContext caller, String id) {
        return images.get(caller, id).orElseThrow(() -> ApiException.notFound("Image not found."));
    }

    public void delete(AuthContext caller, String id) {
        show(caller, id);
        images.delete(caller, id);
    }

    public Map<String, String> metadata(AuthContext caller, String id) {
        return GlanceAttributes.properties(show(caller, id));
    }

    /** POST merges ({@code replace} false) or PUT replaces all ({@code replace} true); returns all metadata. */
    public Map<String, String> update(AuthContext caller, String id, Map<String, String> items, boolean replace) {
        Map<String, String> current = metadata(caller, id);
        Map<String, String> result = replace ? new TreeMap<>(items) : new TreeMap<>(current);
        result.putAll(items);
        checkQuota(caller, result.size());
        ArrayNode patch = JSON.createArrayNode();
        if (replace) {
            current.keySet().stream().filter(k -> !items.containsKey(k))
                    .forEach(k -> patch.addObject().put("op", "remove").put("path", "/" + pointer(k)));
        }
        items.forEach((k, v) -> patch.addObject().put("op", current.containsKey(k) ? "replace" : "add")
                .put("path", "/" + pointer(k)).put("value", v));
        return patch.isEmpty() ? result : GlanceAttributes.properties(images.patch(caller, id, patch));
    }

    public Optional<String> item(AuthContext caller, String id, String key) {
        return Optional.ofNullable(metadata(caller, id).get(key));
    }

    public void setItem(AuthContext caller, String id, String key, String value) {
        Map<String, String> current = metadata(caller, id);
        if (!current.containsKey(key)) {
            checkQuota(caller, current.size() + 1);
        }
        ArrayNode patch = JSON.createArrayNode();
        patch.addObject().put("op", current.containsKey(key) ? "replace" : "add").put("path", "/" + pointer(key))
                .put("value", value);
        images.patch(caller, id, patch);
    }

    public void deleteItem(AuthContext caller, String id, String key) {
        if (!metadata(caller, id).containsKey(key)) {
            throw ApiException.notFound("Image metadata item " + key + " not found.");
        }
        ArrayNode patch = JSON.createArrayNode();
        patch.addObject().put("op", "remove").put("path", "/" + pointer(key));
        images.patch(caller, id, patch);
    }

    private void checkQuota(AuthContext caller, int items) {
        int limit = quotas.limits(caller.projectId(), null).get("metadata_items");
        if (limit >= 0 && items > limit) {
            throw ApiException.forbidden("Image metadata limit exceeded");
        }
    }

    /** A JSON pointer segment (RFC 6901). */
    private static String pointer(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
