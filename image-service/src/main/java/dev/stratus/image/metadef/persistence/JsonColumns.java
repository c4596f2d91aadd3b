package dev.stratus.image.metadef.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads and writes the {@code json} columns of the catalog (property definitions) as Jackson objects. */
final class JsonColumns {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonColumns() {
    }

    static ObjectNode read(String text) {
        if (text == null || text.isBlank()) {
            return MAPPER.createObjectNode();
        }
        try {
            return (ObjectNode) MAPPER.readTree(text);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("A metadata definition column holds no JSON object: " + text, e);
        }
    }

    static String write(ObjectNode node) {
        return node == null ? "{}" : node.toString();
    }
}
