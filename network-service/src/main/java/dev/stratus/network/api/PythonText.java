package dev.stratus.network.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A request value as Neutron's messages show it: Python's {@code str()} of the decoded JSON (strings bare,
 * {@code True}/{@code False}/{@code None}, lists and dicts in Python's own notation).
 */
public final class PythonText {

    private PythonText() {
    }

    public static String of(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "None";
        }
        if (value.isTextual()) {
            return value.asText();
        }
        return repr(value);
    }

    static String repr(JsonNode value) {
        if (value == null || value.isNull()) {
            return "None";
        }
        if (value.isTextual()) {
            return "'" + value.asText().replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")
                    .replace("\r", "\\r").replace("\t", "\\t") + "'";
        }
        if (value.isBoolean()) {
            return value.asBoolean() ? "True" : "False";
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(repr(v)));
            return "[" + String.join(", ", items) + "]";
        }
        if (value.isObject()) {
            List<String> items = new ArrayList<>();
            value.fields().forEachRemaining(e -> items.add("'" + e.getKey() + "': " + repr(e.getValue())));
            return "{" + String.join(", ", items) + "}";
        }
        return value.asText();
    }
}
