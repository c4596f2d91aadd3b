package dev.stratus.compute.api.servers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.service.ImageService;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory Glance v2 for the API tests, in place of image-service: images are visible to their owner
 * project (and to everyone when public), created queued, patched with JSON patches, and shared by members.
 * It knows {@link TestImages#ACTIVE} as a public image with a kernel, a ramdisk and a command line.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestImageService implements ImageService {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Static: tests reach them through the bean's client proxy, which has fields of its own. */
    public static final Map<String, ObjectNode> IMAGES = new ConcurrentHashMap<>();
    public static final Map<String, List<String>> MEMBERS = new ConcurrentHashMap<>();

    public TestImageService() {
        ObjectNode base = JSON.createObjectNode().put("id", TestImages.ACTIVE).put("name", "cirros")
                .put("status", "active").put("visibility", "public").put("owner", "admin-project")
                .put("min_ram", 64).put("min_disk", 0).put("size", 16L << 20).put("disk_format", "ami")
                .put("container_format", "ami").put("created_at", "2026-11-01T10:00:00Z")
                .put("updated_at", "2026-11-01T10:00:00Z").put("kernel_id", "k-1").put("ramdisk_id", "r-1")
                .put("os_command_line", "console=ttyS0").put("image_type", "image")
                .put("img_signature", "not-inherited");
        IMAGES.put(TestImages.ACTIVE, base);
    }

    private boolean visible(AuthContext caller, JsonNode image) {
        return "public".equals(image.path("visibility").asText()) || caller.projectId().equals(image.path("owner").asText())
                || MEMBERS.getOrDefault(image.path("id").asText(), List.of()).contains(caller.projectId());
    }

    @Override
    public Optional<JsonNode> get(AuthContext caller, String imageId) {
        ObjectNode image = IMAGES.get(imageId);
        return image != null && visible(caller, image) ? Optional.of(image.deepCopy()) : Optional.empty();
    }

    /** The list requests received, with their query (the image proxy's tests count them). */
    public static final List<Map<String, String>> LIST_QUERIES = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Glance v2's list: exact filters on {@code name}, {@code status} and custom properties, {@code updated_at} with
     * Glance's {@code gte:}, then {@code marker} (400 when unknown) and {@code limit} (Glance's default 25), with a
     * next marker when the page is full.
     */
    @Override
    public Page list(AuthContext caller, Map<String, String> query) {
        LIST_QUERIES.add(Map.copyOf(query));
        List<JsonNode> out = new ArrayList<>();
        IMAGES.values().stream().filter(i -> visible(caller, i)).filter(i -> matches(i, query))
                .sorted((a, b) -> a.path("id").asText().compareTo(b.path("id").asText()))
                .forEach(i -> out.add(i.deepCopy()));
        int start = 0;
        String marker = query.get("marker");
        if (marker != null) {
            start = -1;
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i).path("id").asText().equals(marker)) {
                    start = i + 1;
                }
            }
            if (start < 0) {
                throw ApiException.badRequest("marker " + marker + " could not be found.");
            }
        }
        int limit = Integer.parseInt(query.getOrDefault("limit", "25"));
        List<JsonNode> page = out.subList(start, Math.min(out.size(), start + limit));
        String next = !page.isEmpty() && page.size() == limit ? page.get(page.size() - 1).path("id").asText() : null;
        return new Page(new ArrayList<>(page), next);
    }

    private static boolean matches(JsonNode image, Map<String, String> query) {
        for (Map.Entry<String, String> f : query.entrySet()) {
            String key = f.getKey();
            String value = f.getValue();
            if (key.equals("limit") || key.equals("marker")) {
                continue;
            }
            if (key.equals("updated_at")) {
                Instant since = Instant.parse(value.substring("gte:".length()));
                if (Instant.parse(image.path("updated_at").asText()).isBefore(since)) {
                    return false;
                }
            } else if (!value.equals(image.path(key).asText(null))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public JsonNode create(AuthContext caller, ObjectNode image) {
        ObjectNode created = image.deepCopy();
        String id = UUID.randomUUID().toString();
        String now = Instant.now().toString();
        created.put("id", id).put("status", "queued").put("owner", caller.projectId()).put("created_at", now)
                .put("updated_at", now);
        IMAGES.put(id, created);
        return created.deepCopy();
    }

    @Override
    public JsonNode patch(AuthContext caller, String imageId, ArrayNode operations) {
        ObjectNode image = owned(caller, imageId);
        for (JsonNode op : operations) {
            String key = op.path("path").asText().substring(1);
            if (op.path("op").asText().equals("remove")) {
                image.remove(key);
            } else {
                image.set(key, op.path("value"));
            }
        }
        image.put("updated_at", Instant.now().toString());
        return image.deepCopy();
    }

    @Override
    public void delete(AuthContext caller, String imageId) {
        owned(caller, imageId);
        IMAGES.remove(imageId);
    }

    @Override
    public void deleteOnBehalf(String imageId) {
        IMAGES.remove(imageId);
    }

    /** Whether the image exists (for tests of what compute-api deletes on a server's behalf). */
    public static boolean exists(String imageId) {
        return IMAGES.containsKey(imageId);
    }

    @Override
    public void addMember(AuthContext caller, String imageId, String projectId) {
        owned(caller, imageId);
        MEMBERS.computeIfAbsent(imageId, k -> new ArrayList<>()).add(projectId);
    }

    private ObjectNode owned(AuthContext caller, String imageId) {
        ObjectNode image = IMAGES.get(imageId);
        if (image == null || !visible(caller, image)) {
            throw ApiException.notFound("Image not found.");
        }
        if (!caller.projectId().equals(image.path("owner").asText()) && !caller.hasRole("admin")) {
            throw ApiException.forbidden("You are not permitted to modify this image.");
        }
        return image;
    }

    /** What the node does at the end of an upload. */
    public static void activate(String imageId) {
        IMAGES.get(imageId).put("status", "active").put("size", 1024);
    }
}
