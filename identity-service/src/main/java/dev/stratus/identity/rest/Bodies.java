package dev.stratus.identity.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.fault.ApiException;

/** Reading Keystone request bodies: one wrapper object per resource, fields checked with clear 400s. */
final class Bodies {

    private Bodies() {
    }

    /** The {@code {"<resource>": {...}}} wrapper's content. */
    static JsonNode member(JsonNode body, String resource) {
        JsonNode node = body == null ? null : body.get(resource);
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("Expecting to find " + resource + " in request body. The server could not"
                    + " comply with the request since it is either malformed or otherwise incorrect. The client is"
                    + " assumed to be in error.");
        }
        return node;
    }

    static String text(JsonNode node, String field) {
        JsonNode child = node.get(field);
        if (child == null || child.isNull()) {
            return null;
        }
        if (!child.isTextual()) {
            throw invalid(field, "must be a string");
        }
        return child.asText();
    }

    static String requiredText(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw ApiException.badRequest("Invalid input for field '" + field + "': '" + field + "' is a required"
                    + " property.");
        }
        return value;
    }

    static String requiredName(JsonNode node, int maxLength) {
        String name = text(node, "name");
        if (name == null || name.isBlank()) {
            throw invalid("name", "is required and must not be empty");
        }
        if (name.length() > maxLength) {
            throw invalid("name", "is longer than " + maxLength + " characters");
        }
        return name;
    }

    static Boolean bool(JsonNode node, String field) {
        JsonNode child = node.get(field);
        if (child == null || child.isNull()) {
            return null;
        }
        if (!child.isBoolean()) {
            throw invalid(field, "must be a boolean");
        }
        return child.asBoolean();
    }

    static boolean has(JsonNode node, String field) {
        return node.has(field);
    }

    static ApiException invalid(String field, String problem) {
        return ApiException.badRequest("Invalid input for field '" + field + "': the value " + problem + ".");
    }

    /** Query filter {@code enabled=true|false}, Keystone-style tolerant of 0/1. */
    static Boolean enabledFilter(String value) {
        return booleanFilter("enabled", value);
    }

    /** A boolean query filter ({@code true|false}, Keystone-style tolerant of 0/1); null when absent. */
    static Boolean booleanFilter(String field, String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase()) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw invalid(field, "must be a boolean");
        };
    }
}
