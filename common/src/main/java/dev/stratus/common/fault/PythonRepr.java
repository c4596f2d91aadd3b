package dev.stratus.common.fault;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON values as Python's {@code repr()} writes the decoded values ({@code 'text'}, {@code True},
 * {@code None}, {@code [1, 2]}, {@code {'a': 1}}), the form Glance's and Keystone's validation messages (Python's
 * {@code jsonschema}) quote them in.
 */
public final class PythonRepr {

    private PythonRepr() {
    }

    public static String of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "None";
        }
        if (node.isTextual()) {
            return string(node.textValue());
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? "True" : "False";
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
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            boolean first = true;
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.append(first ? "" : ", ").append(string(field.getKey())).append(": ").append(of(field.getValue()));
                first = false;
            }
            return out.append('}').toString();
        }
        return node.asText();
    }

    /** A schema value: a string, a number, a boolean, null or a list of them. */
    public static String ofSchemaValue(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof String s) {
            return string(s);
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(ofSchemaValue(list.get(i)));
            }
            return out.append(']').toString();
        }
        return value.toString();
    }

    public static String string(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == quote) {
                        out.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append(quote).toString();
    }
}
