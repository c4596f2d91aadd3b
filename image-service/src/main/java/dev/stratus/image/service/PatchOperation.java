package dev.stratus.image.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.fault.ApiException;
import java.util.List;

/**
 * One operation of an image JSON patch, in either dialect: v2.1 ({@code {"op": "add", "path": "/name"}}) or
 * v2.0 ({@code {"add": "/name"}}). {@code name} is the path without its leading slash, JSON-pointer escapes undone.
 */
record PatchOperation(String kind, String name, JsonNode value) {

    static PatchOperation parse(JsonNode op) {
        PatchOperation parsed = parseOrNull(op);
        if (parsed == null) {
            throw ApiException.badRequest("Unable to find 'op' or a valid 'path' in JSON Schema change.");
        }
        return parsed;
    }

    /** Null when the operation names no kind or no valid path. */
    static PatchOperation parseOrNull(JsonNode op) {
        String kind = op.path("op").asText(null);
        String path = op.path("path").asText(null);
        if (kind == null) {
            for (String candidate : List.of("add", "replace", "remove")) {
                if (op.has(candidate)) {
                    kind = candidate;
                    path = op.path(candidate).asText(null);
                }
            }
        }
        if (kind == null || path == null || !path.startsWith("/") || path.length() < 2) {
            return null;
        }
        return new PatchOperation(kind, path.substring(1).replace("~1", "/").replace("~0", "~"), op.get("value"));
    }
}
