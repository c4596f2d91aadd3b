package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.fault.ApiException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Reading request bodies as Nova's JSON schemas validate them, with the same 400 wording. */
public final class Bodies {

    private Bodies() {
    }

    /** The object under {@code key} of the body; 400 when the body or the key is missing. */
    public static JsonNode root(JsonNode body, String key) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The request body is missing or is not a JSON object.");
        }
        JsonNode node = body.get(key);
        if (node == null) {
            throw ApiException.badRequest("Invalid input for field/attribute " + key + ". Value: "
                    + body + ". '" + key + "' is a required property");
        }
        if (!node.isObject()) {
            throw invalid(key, node, "is not of type 'object'");
        }
        return node;
    }

    public static ApiException invalid(String field, JsonNode value, String why) {
        return ApiException.badRequest("Invalid input for field/attribute " + field + ". Value: "
                + (value == null ? "None" : value.isTextual() ? value.asText() : value.toString()) + ". "
                + (value == null ? "" : value.isTextual() ? "'" + value.asText() + "' " : value + " ") + why);
    }

    /** Refuses properties outside {@code allowed}, as Nova's additionalProperties: False does. */
    public static void onlyKnown(JsonNode object, Set<String> allowed) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("Additional properties are not allowed ('" + name + "' was unexpected)");
            }
        }
    }

    public static String requiredString(JsonNode object, String field, int min, int max) {
        JsonNode v = object.get(field);
        if (v == null) {
            throw ApiException.badRequest("Invalid input for field/attribute " + field + ". Value: "
                    + object + ". '" + field + "' is a required property");
        }
        return string(v, field, min, max);
    }

    public static String optionalString(JsonNode object, String field, int min, int max) {
        JsonNode v = object.get(field);
        return v == null || v.isNull() ? null : string(v, field, min, max);
    }

    public static String string(JsonNode v, String field, int min, int max) {
        if (!v.isTextual()) {
            throw invalid(field, v, "is not of type 'string'");
        }
        String s = v.asText();
        if (s.length() < min) {
            throw invalid(field, v, "is too short");
        }
        if (s.length() > max) {
            throw invalid(field, v, "is too long");
        }
        return s;
    }

    /** A name that Nova's name schema accepts: no leading or trailing whitespace, printable. */
    public static String name(JsonNode object, String field, int max, boolean required) {
        String s = required ? requiredString(object, field, 1, max) : optionalString(object, field, 1, max);
        if (s != null && (!s.equals(s.strip()) || s.chars().anyMatch(Character::isISOControl))) {
            throw invalid(field, object.get(field), "does not match the name pattern");
        }
        return s;
    }

    /** An integer given as a JSON number or a numeric string, within bounds. */
    public static Integer integer(JsonNode object, String field, int min, int max, boolean required) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw ApiException.badRequest("Invalid input for field/attribute " + field + ". Value: "
                        + object + ". '" + field + "' is a required property");
            }
            return null;
        }
        long n;
        if (v.isIntegralNumber()) {
            n = v.asLong();
        } else if (v.isTextual() && v.asText().strip().matches("-?\\d{1,12}")) {
            n = Long.parseLong(v.asText().strip());
        } else {
            throw invalid(field, v, "is not of type 'integer', 'string'");
        }
        if (n < min) {
            throw invalid(field, v, "is less than the minimum of " + min);
        }
        if (n > max) {
            throw invalid(field, v, "is greater than the maximum of " + max);
        }
        return (int) n;
    }

    /** A boolean as Nova's parameter_types.boolean accepts it (true/false, "yes", "1", ...). */
    public static Boolean bool(JsonNode object, String field) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isTextual()) {
            switch (v.asText().toLowerCase()) {
                case "true", "1", "t", "on", "y", "yes":
                    return true;
                case "false", "0", "f", "off", "n", "no":
                    return false;
                default:
                    break;
            }
        }
        throw invalid(field, v, "is not of type 'boolean', 'string'");
    }

    /** A string-to-string map (metadata, extra specs), keys 1..255 characters, values up to 255. */
    public static Map<String, String> stringMap(JsonNode v, String field) {
        if (v == null || v.isNull()) {
            return new LinkedHashMap<>();
        }
        if (!v.isObject()) {
            throw invalid(field, v, "is not of type 'object'");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().isEmpty() || e.getKey().length() > 255) {
                throw invalid(field, v, "has a key that is not 1 to 255 characters long");
            }
            JsonNode value = e.getValue();
            if (!value.isTextual()) {
                throw invalid(field, value, "is not of type 'string'");
            }
            if (value.asText().length() > 255) {
                throw invalid(field, value, "is too long");
            }
            out.put(e.getKey(), value.asText());
        }
        return out;
    }

    /**
     * A flavor reference as Nova's schemas take it (a non-empty string or an integer), required in
     * {@code object}, which is the value of {@code objectName} (for the message of a missing one).
     */
    public static String flavorRef(JsonNode object, String objectName) {
        JsonNode f = object.get("flavorRef");
        if (f == null) {
            throw ApiException.badRequest("Invalid input for field/attribute " + objectName + ". Value: " + object
                    + ". 'flavorRef' is a required property");
        }
        if (f.isIntegralNumber()) {
            return f.asText();
        }
        if (!f.isTextual() || f.asText().isEmpty()) {
            throw invalid("flavorRef", f, "is not of type 'string', 'integer'");
        }
        return f.asText();
    }

    /** {@code OS-DCF:diskConfig}: AUTO or MANUAL, null when absent. */
    public static String diskConfig(JsonNode object) {
        String disk = optionalString(object, "OS-DCF:diskConfig", 1, 10);
        if (disk != null && !disk.equals("AUTO") && !disk.equals("MANUAL")) {
            throw invalid("OS-DCF:diskConfig", object.get("OS-DCF:diskConfig"), "is not one of ['AUTO', 'MANUAL']");
        }
        return disk;
    }

    private static final java.util.regex.Pattern UUID = java.util.regex.Pattern.compile(
            "^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$");

    /** Whether the text is a UUID as Nova's 'uuid' format accepts it (dashes optional). */
    public static boolean isUuid(String text) {
        return text != null && UUID.matcher(text).matches();
    }
}
