package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.fault.ApiException;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Request-body rules of Nova's schemas beyond {@link Bodies}: the whole-body shape, required properties
 * named under their parent as Nova's validator names them, names and enumerations.
 */
final class BodyRules {

    private BodyRules() {
    }

    /** The object under {@code key}, which must be the body's only property. */
    static JsonNode root(JsonNode body, String key) {
        JsonNode node = Bodies.root(body, key);
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals(key)) {
                throw ApiException.badRequest("Additional properties are not allowed ('" + name + "' was unexpected)");
            }
        }
        return node;
    }

    static ApiException missing(String parent, JsonNode object, String field) {
        return ApiException.badRequest("Invalid input for field/attribute " + parent + ". Value: " + object + ". '"
                + field + "' is a required property");
    }

    static JsonNode required(String parent, JsonNode object, String field) {
        JsonNode v = object.get(field);
        if (v == null) {
            throw missing(parent, object, field);
        }
        return v;
    }

    /** A string property, or null when absent. */
    static String string(JsonNode object, String field) {
        JsonNode v = object.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw Bodies.invalid(field, v, "is not of type 'string'");
        }
        return v.asText();
    }

    /**
     * Nova's parameter_types.name: a string of 1 to 255 printable characters that neither starts nor ends
     * with whitespace; the format failure is Nova's InvalidName message.
     */
    static String name(JsonNode v, String field) {
        String s = Bodies.string(v, field, 1, 255);
        boolean printable = s.codePoints().noneMatch(c -> Character.isISOControl(c)
                || Character.getType(c) == Character.UNASSIGNED || Character.getType(c) == Character.SURROGATE);
        if (!printable || Character.isWhitespace(s.codePointAt(0))
                || Character.isWhitespace(s.codePointBefore(s.length()))) {
            throw ApiException.badRequest("An invalid 'name' value was provided. The name must be: printable "
                    + "characters. Can not start or end with whitespace.");
        }
        return s;
    }

    /** A string that must be one of {@code allowed}, worded as jsonschema's enum failure. */
    static String oneOf(JsonNode v, String field, List<String> allowed) {
        if (v.isTextual() && allowed.contains(v.asText())) {
            return v.asText();
        }
        throw Bodies.invalid(field, v, "is not one of " + allowed.stream().map(a -> "'" + a + "'")
                .collect(Collectors.joining(", ", "[", "]")));
    }
}
