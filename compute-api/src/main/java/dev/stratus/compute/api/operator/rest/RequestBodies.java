package dev.stratus.compute.api.operator.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.common.fault.ApiException;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks JSON request bodies, answering bad ones with a 400 that names the problem. */
final class RequestBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HOST = Pattern.compile("^[a-zA-Z0-9-._]*$");
    private static final Pattern NO_EDGE_SPACES = Pattern.compile("^\\S(.*\\S)?$", Pattern.DOTALL);

    private RequestBodies() {
    }

    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("The request body is missing: a JSON object is expected.");
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("The request body must be a JSON object.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("Malformed request body: " + e.getOriginalMessage());
        }
    }

    /** The object under {@code key}, which must be there. */
    static JsonNode object(JsonNode parent, String key) {
        JsonNode node = parent.get(key);
        if (node == null) {
            throw invalid(key, "'" + key + "' is a required property");
        }
        if (!node.isObject()) {
            throw invalid(key, node + " is not of type 'object'");
        }
        return node;
    }

    /** {@code where} names the object checked; null for the body itself (Nova then gives the bare reason). */
    static void onlyKeys(JsonNode object, String where, Set<String> allowed) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw invalidIn(where, "Additional properties are not allowed ('" + name + "' was unexpected)");
            }
        }
    }

    static void required(JsonNode object, String where, String key) {
        if (!object.has(key)) {
            throw invalidIn(where, "'" + key + "' is a required property");
        }
    }

    private static ApiException invalidIn(String where, String reason) {
        return where == null ? ApiException.badRequest(reason) : invalid(where, reason);
    }

    /** A string of 1 to 255 characters, or null when absent; {@code nullable} also allows JSON null. */
    static String string(JsonNode object, String key, boolean nullable) {
        JsonNode node = object.get(key);
        if (node == null || (nullable && node.isNull())) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid(key, node + " is not of type 'string'");
        }
        String value = node.asText();
        if (value.isEmpty() || value.length() > 255) {
            throw invalid(key, "'" + value + "' must be 1 to 255 characters long");
        }
        return value;
    }

    /** A name: a string of 1 to 255 characters without leading or trailing white space. */
    static String name(JsonNode object, String key, boolean nullable) {
        String value = string(object, key, nullable);
        if (value != null && !NO_EDGE_SPACES.matcher(value).matches()) {
            throw invalid(key, "'" + value + "' has leading or trailing white space");
        }
        return value;
    }

    /** A name that may have leading or trailing spaces but not only spaces; returned without them. */
    static String trimmedName(JsonNode object, String key) {
        String value = string(object, key, false);
        if (value != null && value.isBlank()) {
            throw invalid(key, "'" + value + "' must have at least one non space character");
        }
        return value == null ? null : value.strip();
    }

    /** A host name as Nova's {@code fqdn} type takes it: 1 to 255 letters, digits, '-', '.' or '_'. */
    static String host(JsonNode object, String key) {
        String value = string(object, key, false);
        if (value != null && !HOST.matcher(value).matches()) {
            throw invalid(key, "'" + value + "' does not match '^[a-zA-Z0-9-._]*$'");
        }
        return value;
    }

    /** An availability zone name: a name without ':' (that character separates zone, host and node). */
    static String zoneName(JsonNode object, String key) {
        String value = name(object, key, true);
        if (value != null && value.contains(":")) {
            throw invalid(key, "'" + value + "' must not contain ':'");
        }
        return value;
    }

    static Boolean bool(JsonNode object, String key) {
        JsonNode node = object.get(key);
        if (node == null) {
            return null;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isTextual()) {
            return QueryParameters.parseBoolean(key, node.asText());
        }
        throw invalid(key, node + " is not of type 'boolean'");
    }

    static ApiException invalid(String field, String reason) {
        return ApiException.badRequest("Invalid input for field/attribute " + field + ". " + reason + ".");
    }
}
