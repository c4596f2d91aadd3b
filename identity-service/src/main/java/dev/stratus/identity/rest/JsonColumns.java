package dev.stratus.identity.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.common.fault.ApiException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The JSON kept in text columns: users' extra attributes and projects' tags. */
final class JsonColumns {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TAGS = 80;
    private static final int MAX_TAG_LENGTH = 255;

    private JsonColumns() {
    }

    static Map<String, Object> extra(String column) {
        if (column == null || column.isEmpty()) {
            return Map.of();
        }
        try {
            return JSON.readValue(column, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored extra attributes are not JSON", e);
        }
    }

    /** Merges the body's fields that are not in {@code modelled} into the stored extra attributes. */
    static String mergeExtra(String column, JsonNode body, Set<String> modelled) {
        Map<String, Object> extra = new LinkedHashMap<>(extra(column));
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!modelled.contains(field.getKey())) {
                extra.put(field.getKey(), JSON.convertValue(field.getValue(), Object.class));
            }
        }
        return write(extra.isEmpty() ? null : extra);
    }

    static List<String> tags(String column) {
        if (column == null || column.isEmpty()) {
            return List.of();
        }
        try {
            return JSON.readValue(column, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored tags are not JSON", e);
        }
    }

    /** Validates a {@code tags} array as Keystone does (at most 80 strings, no commas or slashes). */
    static String tagsFrom(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray() || node.size() > MAX_TAGS) {
            throw Bodies.invalid("tags", "must be a list of at most " + MAX_TAGS + " strings");
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : node) {
            String value = tag.asText();
            if (!tag.isTextual() || value.isEmpty() || value.length() > MAX_TAG_LENGTH || value.contains(",")
                    || value.contains("/")) {
                throw Bodies.invalid("tags", "must be non-empty strings without ',' or '/'");
            }
            if (!tags.contains(value)) {
                tags.add(value);
            }
        }
        return write(tags);
    }

    /** One tag of {@code PUT /projects/{id}/tags/{tag}}, checked as {@link #tagsFrom} checks each. */
    static String tag(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_TAG_LENGTH || value.contains(",")
                || value.contains("/")) {
            throw Bodies.invalid("tags", "must be non-empty strings without ',' or '/'");
        }
        return value;
    }

    /** The stored form of tags already checked, adding {@code tag} at the end; 400 beyond 80 tags. */
    static String withTag(String column, String tag) {
        List<String> tags = new ArrayList<>(tags(column));
        if (!tags.contains(tag)) {
            tags.add(tag);
        }
        if (tags.size() > MAX_TAGS) {
            throw Bodies.invalid("tags", "must be a list of at most " + MAX_TAGS + " strings");
        }
        return write(tags);
    }

    /** The stored form of the tags without {@code tag}. */
    static String withoutTag(String column, String tag) {
        List<String> tags = new ArrayList<>(tags(column));
        tags.remove(tag);
        return write(tags);
    }

    private static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("Unserialisable attributes: " + e.getOriginalMessage());
        }
    }
}
