package dev.stratus.compute.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.view.Links;
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

    private final ImageService images;
    private final QuotaService quotas;

    public ProxyImages(ImageService images, QuotaService quotas) {
        this.images = images;
        this.quotas = quotas;
    }

    /**
     * One page of the caller's images that pass the filters, after {@code marker}, {@code limit} at most. As Nova's
     * proxy does, the filters, the limit and the marker go to Glance, so that a page costs one Glance request:
     * {@code name}, {@code status} (lower-cased), {@code changes-since} (Glance's {@code updated_at=gte:}),
     * {@code server} ({@code instance_uuid}) and {@code type} ({@code image_type}). {@code minRam} and {@code minDisk}
     * (at least that much) are applied here, image-service having no such filters: with them, further Glance pages
     * are read only until the page is full. A marker Glance does not know is Glance's 400.
     */
    public List<JsonNode> list(AuthContext caller, Map<String, String> filters, int limit, String marker) {
        List<JsonNode> page = new ArrayList<>();
        if (limit <= 0) {
            return page;
        }
        Map<String, String> query = glanceQuery(filters);
        Predicate<JsonNode> wanted = localFilter(filters);
        String after = marker;
        while (true) {
            query.put("limit", Integer.toString(limit - page.size()));
            if (after != null) {
                query.put("marker", after);
            }
            ImageService.Page glance = images.list(caller, query);
            for (JsonNode image : glance.images()) {
                if (page.size() < limit && wanted.test(image)) {
                    page.add(image);
                }
            }
            // Glance's page was short of what was asked (its own cap) or some were filtered out here: read on
            // from its next marker until the page is full or Glance has no more.
            if (page.size() >= limit || glance.nextMarker() == null || glance.images().isEmpty()) {
                return page;
            }
            after = glance.nextMarker();
        }
    }

    /** Nova's filters as Glance v2 takes them (Nova's proxy maps them so). */
    private static Map<String, String> glanceQuery(Map<String, String> f) {
        Map<String, String> q = new LinkedHashMap<>();
        if (f.containsKey("name")) {
            q.put("name", f.get("name"));
        }
        if (f.containsKey("status")) {
            q.put("status", f.get("status").toLowerCase(java.util.Locale.ROOT));
        }
        if (f.containsKey("changes-since")) {
            q.put("updated_at", "gte:" + time(f.get("changes-since")));
        }
        if (f.containsKey("server")) {
            q.put("instance_uuid", Links.idOf(f.get("server")));
        }
        if (f.containsKey("type")) {
            q.put("image_type", f.get("type"));
        }
        return q;
    }

    /** What Glance cannot filter: a minimum RAM and disk. */
    private static Predicate<JsonNode> localFilter(Map<String, String> f) {
        Predicate<JsonNode> p = i -> true;
        if (f.containsKey("minRam")) {
            int min = integer(f.get("minRam"), "minRam");
            p = p.and(i -> i.path("min_ram").asInt(0) >= min);
        }
        if (f.containsKey("minDisk")) {
            int min = integer(f.get("minDisk"), "minDisk");
            p = p.and(i -> i.path("min_disk").asInt(0) >= min);
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
