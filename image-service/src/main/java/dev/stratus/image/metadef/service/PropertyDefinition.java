package dev.stratus.image.metadef.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A property definition as Glance keeps it: the attributes of its {@code PropertyType} model, in the model's
 * order, anything else in the request dropped (a validated request may carry {@code required}, which the model
 * does not keep). The name is kept when the request gave one, as Glance stores it.
 */
public final class PropertyDefinition {

    private static final List<String> ATTRIBUTES = List.of("name", "type", "title", "description", "operators",
            "default", "readonly", "minimum", "maximum", "enum", "pattern", "minLength", "maxLength", "confidential",
            "items", "uniqueItems", "minItems", "maxItems", "additionalItems");
    private static final List<String> ITEM_ATTRIBUTES = List.of("type", "enum");

    private PropertyDefinition() {
    }

    public static ObjectNode of(JsonNode request) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String attribute : ATTRIBUTES) {
            JsonNode value = request.get(attribute);
            if (value == null) {
                continue;
            }
            if (attribute.equals("items") && value.isObject()) {
                ObjectNode items = out.putObject("items");
                ITEM_ATTRIBUTES.stream().filter(value::has).forEach(a -> items.set(a, value.get(a)));
            } else {
                out.set(attribute, value);
            }
        }
        return out;
    }

    /** A map of definitions by name (an object's or a namespace's {@code properties}), each normalised. */
    public static ObjectNode map(JsonNode properties) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (properties != null && properties.isObject()) {
            properties.fields().forEachRemaining(e -> out.set(e.getKey(), of(e.getValue())));
        }
        return out;
    }
}
