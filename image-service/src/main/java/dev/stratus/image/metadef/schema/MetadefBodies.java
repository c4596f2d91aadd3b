package dev.stratus.image.metadef.schema;

import dev.stratus.common.fault.PythonRepr;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.common.fault.ApiException;
import java.util.List;
import java.util.Map;

/**
 * Reads a request body of the catalog as Glance's deserializers do, before anything else is checked: a body
 * is required (400), read-only attributes are refused (403), and the body must match its schema (400).
 */
public final class MetadefBodies {

    /** Read-only attributes of namespaces and objects. */
    public static final List<String> GENERATED = List.of("self", "schema", "created_at", "updated_at");
    /** Read-only attributes of properties, tags and resource type associations. */
    public static final List<String> TIMESTAMPS = List.of("created_at", "updated_at");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MetadefBodies() {
    }

    /** The body, checked against {@code schema} after refusing the {@code readOnly} attributes. */
    public static JsonNode read(String body, Map<String, Object> schema, List<String> readOnly) {
        JsonNode json = parse(body);
        if (json.isObject()) {
            for (String key : readOnly) {
                if (json.has(key)) {
                    throw ApiException.forbidden("Attribute '" + key + "' is read-only.");
                }
            }
        }
        validate(schema, json);
        return json;
    }

    /** A 400 in Glance's words unless {@code value} matches {@code schema}. */
    public static void validate(Map<String, Object> schema, JsonNode value) {
        String name = (String) schema.get("name");
        String problem = value.isObject() ? SchemaValidator.firstError(schema, value).orElse(null)
                : PythonRepr.of(value) + " is not of type 'object'";
        if (problem != null) {
            throw ApiException.badRequest("Provided object does not match schema '" + name + "': " + problem);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("Body expected in request.");
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("Malformed JSON in request body.");
        }
    }
}
