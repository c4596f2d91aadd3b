package dev.stratus.identity.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * A JSON value as Python's {@code repr} prints it once decoded, which is how Keystone's JSON-schema errors (from
 * {@code jsonschema}) quote the value they refuse: {@code 'yes'}, {@code True}, {@code None}, {@code ['a', 1]}.
 */
public final class PythonRepr {

    private PythonRepr() {
    }

    public static String of(JsonNode node) {
        if (node == null || node.isNull()) {
            return "None";
        }
        if (node.isTextual()) {
            return "'" + node.asText().replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (node.isBoolean()) {
            return node.asBoolean() ? "True" : "False";
        }
        if (node.isArray()) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(of(node.get(i)));
            }
            return out.append(']').toString();
        }
        if (node.isObject()) {
            StringBuilder out = new StringBuilder("{");
            String sep = "";
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                out.append(sep).append('\'').append(field.getKey()).append("': ").append(of(field.getValue()));
                sep = ", ";
            }
            return out.append('}').toString();
        }
        return node.asText();
    }
}
