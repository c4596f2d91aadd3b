package dev.stratus.network.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code fields=a&fields=b}: only those attributes of each item, in the item's order. */
public final class Fields {

    private Fields() {
    }

    public static Map<String, Object> select(Map<String, Object> item, List<String> fields) {
        if (fields == null || fields.isEmpty()) {
            return item;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        item.forEach((k, v) -> {
            if (fields.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The fields of a single-item GET ({@code ?fields=...}). */
    public static List<String> of(jakarta.ws.rs.core.UriInfo uri) {
        List<String> values = uri.getQueryParameters().get("fields");
        return values == null ? List.of() : values.stream().filter(v -> !v.isEmpty()).toList();
    }
}
