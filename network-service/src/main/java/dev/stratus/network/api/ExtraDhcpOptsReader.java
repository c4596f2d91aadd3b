package dev.stratus.network.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a port's {@code extra_dhcp_opts} as neutron-lib's {@code type:list_of_any_key_specs_or_none} with the
 * extension's two key specs does: a list (or null) of distinct dicts, each matching one spec. The first spec
 * takes {@code router} and {@code classless-static-route} with any string (even empty) or null as value; the
 * second any one-line, non-blank name of at most 64 characters with a one-line, non-blank value of at most 255
 * or null. {@code ip_version} is optional, converted with Python's {@code int()} and must be 4 or 6. Failures
 * are Neutron's {@code InvalidInput} ("No valid key specs matched for: {...}"), raised by the validator itself
 * rather than the usual "Invalid input for extra_dhcp_opts".
 */
public final class ExtraDhcpOptsReader {

    public static final int NAME_MAX_LENGTH = 64;
    public static final int VALUE_MAX_LENGTH = 255;
    /** Options whose value may be empty (neutron-lib's VALID_BLANK_EXTRA_DHCP_OPTS). */
    public static final List<String> BLANK_ALLOWED = List.of("router", "classless-static-route");

    private static final List<String> KEYS = List.of("opt_name", "opt_value", "ip_version");
    private static final List<String> REQUIRED = List.of("opt_name", "opt_value");

    private ExtraDhcpOptsReader() {
    }

    /** The attribute's reader: null for null, else the options in request order. */
    public static ValueReader reader() {
        return v -> {
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isArray()) {
                throw Faults.invalidInput("'" + PythonText.of(v) + "' is not a list");
            }
            List<JsonNode> seen = new ArrayList<>();
            List<JsonNode> duplicates = new ArrayList<>();
            for (JsonNode item : v) {
                if (seen.contains(item) && !duplicates.contains(item)) {
                    duplicates.add(item);
                }
                seen.add(item);
            }
            if (!duplicates.isEmpty()) {
                throw Faults.invalidInput("Duplicate items in the list: '"
                        + String.join(", ", duplicates.stream().map(PythonText::of).toList()) + "'");
            }
            List<ExtraDhcpOpt> out = new ArrayList<>();
            for (JsonNode item : v) {
                out.add(option(item));
            }
            return out;
        };
    }

    /** One entry against the two specs in turn; the entry as the message shows it is converted as far as read. */
    static ExtraDhcpOpt option(JsonNode item) {
        if (item.isObject()) {
            ObjectNode data = ((ObjectNode) item).deepCopy();
            if (matches(data, true) || matches(data, false)) {
                return new ExtraDhcpOpt(data.get("opt_name").asText(),
                        data.get("opt_value").isNull() ? null : data.get("opt_value").asText(),
                        data.has("ip_version") ? data.get("ip_version").asInt() : 4);
            }
            item = data;
        }
        throw Faults.invalidInput("No valid key specs matched for: " + PythonText.of(item));
    }

    /** validate_dict with one spec: required keys, no other keys, then each key in the spec's order. */
    private static boolean matches(ObjectNode data, boolean blankSpec) {
        for (String key : REQUIRED) {
            if (!data.has(key)) {
                return false;
            }
        }
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) data::fields) {
            if (!KEYS.contains(field.getKey())) {
                return false;
            }
        }
        JsonNode name = data.get("opt_name");
        JsonNode value = data.get("opt_value");
        if (blankSpec) {
            if (!name.isTextual() || !BLANK_ALLOWED.contains(name.asText())) {
                return false;
            }
            if (!value.isNull() && (!value.isTextual() || value.asText().length() > VALUE_MAX_LENGTH)) {
                return false;
            }
        } else if (!onelineNotEmpty(name, NAME_MAX_LENGTH) || (!value.isNull()
                && !onelineNotEmpty(value, VALUE_MAX_LENGTH))) {
            return false;
        }
        if (data.has("ip_version")) {
            BigInteger version = pythonInt(data.get("ip_version"));
            data.set("ip_version", BigIntegerNode.valueOf(version));
            return version.equals(BigInteger.valueOf(4)) || version.equals(BigInteger.valueOf(6));
        }
        return true;
    }

    /** validate_oneline_not_empty_string: a string, not too long, not blank, at most one line. */
    private static boolean onelineNotEmpty(JsonNode v, int maxLength) {
        if (!v.isTextual()) {
            return false;
        }
        String s = v.asText();
        return s.length() <= maxLength && !s.strip().isEmpty() && lines(s) <= 1;
    }

    /** How many lines Python's {@code str.splitlines()} finds (a trailing line break ends a line). */
    static int lines(String s) {
        int count = 0;
        int i = 0;
        boolean open = false;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (isLineBreak(c)) {
                count++;
                open = false;
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                open = true;
            }
            i++;
        }
        return open ? count + 1 : count;
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x1c || c == 0x1d || c == 0x1e
                || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    /** convert_to_int: Python's {@code int()}; anything else is InvalidInput "'x' is not an integer". */
    static BigInteger pythonInt(JsonNode v) {
        try {
            if (v.isBoolean()) {
                return v.asBoolean() ? BigInteger.ONE : BigInteger.ZERO;
            }
            if (v.isNumber()) {
                return new BigDecimal(v.asText()).toBigInteger();
            }
            if (v.isTextual()) {
                return new BigInteger(v.asText().strip().replaceAll("(?<=\\d)_(?=\\d)", ""));
            }
        } catch (NumberFormatException e) {
            // the fault below
        }
        throw Faults.invalidInput("'" + PythonText.of(v) + "' is not an integer");
    }
}
