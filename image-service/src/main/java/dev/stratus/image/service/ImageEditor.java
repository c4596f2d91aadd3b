package dev.stratus.image.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.fault.ApiException;
import dev.stratus.image.config.ImageSettings;
import dev.stratus.image.persistence.ImageEntity;
import dev.stratus.image.persistence.ImageLocationEntity;
import dev.stratus.image.persistence.ImagePropertyEntity;
import dev.stratus.image.persistence.ImageTagEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Creates images and applies JSON patches to them (Glance's create and update). */
@ApplicationScoped
public class ImageEditor {

    private final ImageRecords records;
    private final ImageQuotas quotas;
    private final ImageSettings settings;

    public ImageEditor(ImageRecords records, ImageQuotas quotas, ImageSettings settings) {
        this.records = records;
        this.quotas = quotas;
        this.settings = settings;
    }

    /** A patched image, and the locations the patch removed (copies whose data goes once the change commits). */
    public record Patched(ImageDetails details, List<String> removedLocations) {
    }

    /** Needs a transaction. */
    public Uni<ImageDetails> create(AuthContext caller, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object.");
        }
        ImageEntity image = new ImageEntity();
        image.id = newId(body.get("id"));
        image.status = null;
        image.visibility = "shared";
        image.owner = caller.projectId();
        image.createdAt = Instant.now();
        image.updatedAt = image.createdAt;
        Set<String> tags = new LinkedHashSet<>();
        List<ImagePropertyEntity> properties = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (name.equals("id")) {
                continue;
            }
            if (name.equals("tags")) {
                tags.addAll(tagList(field.getValue()));
            } else if (ImageAttributes.SETTABLE.contains(name)) {
                ImageAttributes.set(caller, image, name, field.getValue());
            } else if (ImageAttributes.READ_ONLY.contains(name)) {
                throw ImageAttributes.readOnly(name);
            } else {
                properties.add(ImagePropertyEntity.of(image.id, name,
                        ImageAttributes.propertyValue(name, field.getValue())));
            }
        }
        image.status = ImageStatus.QUEUED;
        return quotas.checkImageCount(image.owner).chain(() -> ImageEntity.findById(image.id)).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(ApiException.conflict("An image with identifier " + image.id
                        + " already exists"));
            }
            return image.persist();
        }).chain(() -> persistAll(properties))
                .chain(() -> persistAll(tags.stream().map(t -> ImageTagEntity.of(image.id, t)).toList()))
                .chain(() -> records.details(image));
    }

    /**
     * Applies an {@code application/openstack-images-v2.1-json-patch} document. {@code locationSizes}: the sizes
     * of the external locations it adds ({@link LocationProbe}). Needs a transaction.
     */
    public Uni<Patched> patch(AuthContext caller, ImageEntity image, JsonNode operations,
            Map<String, Long> locationSizes) {
        ImageAccess.requireModify(caller, image, "modify");
        if (operations == null || !operations.isArray()) {
            throw ApiException.badRequest("The request body must be a JSON-patch list of operations.");
        }
        List<String> removed = new ArrayList<>();
        return ImagePropertyEntity.<ImagePropertyEntity>list("imageId", image.id)
                .chain(propertyRows -> ImageTagEntity.<ImageTagEntity>list("imageId", image.id)
                        .chain(tagRows -> ImageLocationEntity.<ImageLocationEntity>list(
                                "imageId = ?1 order by position", image.id).chain(locationRows -> {
                            Map<String, String> properties = new java.util.TreeMap<>();
                            propertyRows.forEach(p -> properties.put(p.name, p.value));
                            List<String> tags = new ArrayList<>(tagRows.stream().map(t -> t.value).toList());
                            List<ImageLocation> before = locationRows.stream().map(records::location).toList();
                            LocationPatch locations = new LocationPatch(image, before, locationSizes,
                                    settings.showMultipleLocations(), settings.maxImageSize());
                            for (JsonNode op : operations) {
                                apply(caller, image, properties, tags, locations, PatchOperation.parse(op));
                            }
                            image.updatedAt = Instant.now();
                            Uni<Void> written = store(image.id, propertyRows, properties, tagRows,
                                    new LinkedHashSet<>(tags));
                            if (locations.locations().equals(before)) {
                                return written;
                            }
                            return written.chain(() -> LocationRows.write(image.id, locationRows,
                                    locations.locations())).invoke(removed::addAll).replaceWithVoid();
                        })))
                .call(() -> io.quarkus.hibernate.reactive.panache.Panache.flush())
                .chain(() -> records.details(image))
                .map(details -> new Patched(details, List.copyOf(removed)));
    }

    /** Writes the patched properties and tags as changes to the rows the session already holds. */
    private static Uni<Void> store(String imageId, List<ImagePropertyEntity> propertyRows, Map<String, String> properties,
            List<ImageTagEntity> tagRows, Set<String> tags) {
        Uni<Void> work = Uni.createFrom().voidItem();
        Set<String> existingNames = new java.util.HashSet<>();
        for (ImagePropertyEntity row : propertyRows) {
            existingNames.add(row.name);
            if (properties.containsKey(row.name)) {
                row.value = properties.get(row.name);
            } else {
                work = work.call(row::deleteRow);
            }
        }
        List<ImagePropertyEntity> added = properties.entrySet().stream()
                .filter(e -> !existingNames.contains(e.getKey()))
                .map(e -> ImagePropertyEntity.of(imageId, e.getKey(), e.getValue())).toList();
        Set<String> existingTags = new java.util.HashSet<>();
        for (ImageTagEntity row : tagRows) {
            existingTags.add(row.value);
            if (!tags.contains(row.value)) {
                work = work.call(row::deleteRow);
            }
        }
        List<ImageTagEntity> addedTags = tags.stream().filter(t -> !existingTags.contains(t))
                .map(t -> ImageTagEntity.of(imageId, t)).toList();
        return work.chain(() -> persistAll(added)).chain(() -> persistAll(addedTags));
    }

    private static void apply(AuthContext caller, ImageEntity image, Map<String, String> properties,
            List<String> tags, LocationPatch locations, PatchOperation op) {
        String kind = op.kind();
        String name = op.name();
        JsonNode value = op.value();
        if (LocationPatch.isLocationPath(name)) {
            locations.apply(kind, name, value);
            return;
        }
        switch (kind) {
            case "add", "replace" -> {
                if (name.equals("tags")) {
                    tags.clear();
                    tags.addAll(tagList(value));
                } else if (ImageAttributes.isCore(name)) {
                    ImageAttributes.set(caller, image, name, value);
                } else {
                    if (kind.equals("replace") && !properties.containsKey(name)) {
                        throw ApiException.conflict("Property " + name + " does not exist.");
                    }
                    properties.put(name, ImageAttributes.propertyValue(name, value));
                }
            }
            case "remove" -> {
                ImageAttributes.requireUnreserved(name);
                if (ImageAttributes.isCore(name)) {
                    throw ApiException.forbidden("Attribute '" + name + "' is reserved and cannot be removed.");
                }
                if (properties.remove(name) == null) {
                    throw ApiException.conflict("Property " + name + " does not exist.");
                }
            }
            default -> throw ApiException.badRequest("Invalid operation: `" + kind + "`: not supported.");
        }
    }

    private static List<String> tagList(JsonNode value) {
        if (value == null || !value.isArray()) {
            throw ApiException.badRequest("Invalid value for 'tags': it must be a list of strings.");
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : value) {
            if (!tag.isTextual() || tag.asText().length() > 255) {
                throw ApiException.badRequest("Invalid tag: tags are strings of at most 255 characters.");
            }
            tags.add(tag.asText());
        }
        return tags;
    }

    private static String newId(JsonNode requested) {
        if (requested == null || requested.isNull()) {
            return UUID.randomUUID().toString();
        }
        try {
            return UUID.fromString(requested.asText()).toString();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Invalid value for 'id': it must be a UUID.");
        }
    }

    /** Panache refuses to persist an empty list; nothing to write is not an error here. */
    private static Uni<Void> persistAll(List<? extends io.quarkus.hibernate.reactive.panache.PanacheEntityBase> rows) {
        return rows.isEmpty() ? Uni.createFrom().voidItem()
                : io.quarkus.hibernate.reactive.panache.PanacheEntityBase.persist(rows);
    }
}
