package dev.stratus.scheduler.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.fault.ApiException;
import java.util.UUID;

/** Validation of request bodies, with Placement's 400 wording ("JSON does not validate: ..."). */
final class Bodies {

    private Bodies() {
    }

    static JsonNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid("the body must be a JSON object");
        }
        return body;
    }

    static JsonNode required(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null) {
            throw invalid("'" + field + "' is a required property");
        }
        return value;
    }

    static String string(JsonNode body, String field, int maxLength, boolean required) {
        JsonNode value = required ? required(body, field) : body.get(field);
        if (value == null || (!required && value.isNull())) {
            return null;
        }
        if (!value.isTextual() || value.asText().isEmpty() || value.asText().length() > maxLength) {
            throw invalid("'" + field + "' must be a non-empty string of at most " + maxLength + " characters");
        }
        return value.asText();
    }

    static UUID uuid(JsonNode body, String field, boolean required) {
        JsonNode value = required ? required(body, field) : body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid("'" + field + "' is not a 'uuid'");
        }
        return parseUuid(value.asText(), field);
    }

    static UUID parseUuid(String text, String what) {
        try {
            UUID uuid = UUID.fromString(text);
            if (!uuid.toString().equalsIgnoreCase(text)) {
                throw new IllegalArgumentException("not canonical");
            }
            return uuid;
        } catch (IllegalArgumentException e) {
            throw invalid("'" + text + "' is not a 'uuid' (" + what + ")");
        }
    }

    static long integer(JsonNode body, String field, long min, Long dflt) {
        JsonNode value = body.get(field);
        if (value == null) {
            if (dflt == null) {
                throw invalid("'" + field + "' is a required property");
            }
            return dflt;
        }
        if (!value.isIntegralNumber()) {
            throw invalid("'" + field + "' must be an integer");
        }
        long v = value.asLong();
        if (v < min || v > Integer.MAX_VALUE) {
            throw invalid("'" + field + "' must be between " + min + " and " + Integer.MAX_VALUE + " (got " + v + ")");
        }
        return v;
    }

    static Integer generation(JsonNode body, String field) {
        JsonNode value = required(body, field);
        if (!value.isIntegralNumber()) {
            throw invalid("'" + field + "' must be an integer");
        }
        return value.asInt();
    }

    static ApiException invalid(String why) {
        return ApiException.badRequest("JSON does not validate: " + why);
    }
}
