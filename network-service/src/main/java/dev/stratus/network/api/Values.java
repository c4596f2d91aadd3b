package dev.stratus.network.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.network.ipam.Cidr;
import dev.stratus.network.ipam.IpAddress;
import dev.stratus.network.ipam.MacAddresses;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Neutron's converters and validators for attribute values, with their messages. */
public final class Values {

    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$");
    private static final Set<String> TRUE = Set.of("1", "t", "true", "on", "y", "yes");
    private static final Set<String> FALSE = Set.of("0", "f", "false", "off", "n", "no");

    private Values() {
    }

    public static ValueReader string(int maxLength) {
        return v -> {
            if (v == null || !v.isTextual()) {
                throw new ValueReader.Invalid("'" + PythonText.of(v) + "' is not a valid string");
            }
            String s = v.asText();
            if (s.length() > maxLength) {
                throw new ValueReader.Invalid("'" + s + "' exceeds maximum length of " + maxLength);
            }
            return s;
        };
    }

    public static ValueReader stringOrNull(int maxLength) {
        ValueReader string = string(maxLength);
        return v -> v == null || v.isNull() ? null : string.read(v);
    }

    /** convert_to_boolean: a bad value is an InvalidInput fault, not a validation reason. */
    public static ValueReader bool() {
        return Values::toBoolean;
    }

    public static ValueReader boolOrNull() {
        return v -> v == null || v.isNull() ? null : toBoolean(v);
    }

    public static Boolean toBoolean(JsonNode v) {
        if (v != null && v.isBoolean()) {
            return v.asBoolean();
        }
        String text = v == null || v.isNull() ? null : v.asText().strip().toLowerCase(Locale.ROOT);
        if (text != null && !v.isContainerNode()) {
            if (TRUE.contains(text)) {
                return true;
            }
            if (FALSE.contains(text)) {
                return false;
            }
        }
        throw Faults.invalidInput("'" + PythonText.of(v) + "' cannot be converted to boolean");
    }

    /** A query-string boolean, converted as Neutron converts filter values. */
    public static boolean toBoolean(String text) {
        return toBoolean(com.fasterxml.jackson.databind.node.TextNode.valueOf(text));
    }

    public static ValueReader uuid() {
        return v -> {
            if (v == null || !v.isTextual() || !UUID.matcher(v.asText()).matches()) {
                throw new ValueReader.Invalid("'" + PythonText.of(v) + "' is not a valid UUID");
            }
            return v.asText();
        };
    }

    public static ValueReader uuidOrNull() {
        ValueReader uuid = uuid();
        return v -> v == null || v.isNull() ? null : uuid.read(v);
    }

    public static boolean isUuid(String text) {
        return text != null && UUID.matcher(text).matches();
    }

    /** A list of unique UUIDs (security_groups). */
    public static ValueReader uuidList() {
        return v -> {
            List<String> items = list(v);
            for (String item : items) {
                if (!isUuid(item)) {
                    throw new ValueReader.Invalid("'" + item + "' is not a valid UUID");
                }
            }
            return items;
        };
    }

    /** A list of unique strings, each at most {@code maxLength} long (tags). */
    public static ValueReader uniqueStrings(int maxLength) {
        return v -> {
            List<String> items = list(v);
            ValueReader string = string(maxLength);
            for (String item : items) {
                string.read(com.fasterxml.jackson.databind.node.TextNode.valueOf(item));
            }
            return items;
        };
    }

    private static List<String> list(JsonNode v) throws ValueReader.Invalid {
        if (v == null || !v.isArray()) {
            throw new ValueReader.Invalid("'" + PythonText.of(v) + "' is not a list");
        }
        List<String> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw new ValueReader.Invalid("'" + PythonText.of(item) + "' is not a valid string");
            }
            if (!seen.add(item.asText()) && !duplicates.contains(item.asText())) {
                duplicates.add(item.asText());
            }
            items.add(item.asText());
        }
        if (!duplicates.isEmpty()) {
            throw new ValueReader.Invalid("Duplicate items in the list: '" + String.join(", ", duplicates) + "'");
        }
        return items;
    }

    /** convert_to_int then validate_range; {@code null} bounds are open. */
    public static ValueReader integer(Integer min, Integer max) {
        return v -> {
            int n = toInt(v);
            if (min != null && n < min) {
                throw new ValueReader.Invalid("'" + n + "' is too small - must be at least '" + min + "'");
            }
            if (max != null && n > max) {
                throw new ValueReader.Invalid("'" + n + "' is too large - must be no larger than '" + max + "'");
            }
            return n;
        };
    }

    public static ValueReader integerOrNull(Integer min, Integer max) {
        ValueReader integer = integer(min, max);
        return v -> v == null || v.isNull() ? null : integer.read(v);
    }

    /** Python's int(): integers, and strings that hold one. */
    public static int toInt(JsonNode v) {
        if (v != null && (v.isIntegralNumber() || (v.isFloatingPointNumber() && v.asDouble() == Math.rint(v.asDouble())))
                && v.canConvertToInt()) {
            return v.asInt();
        }
        if (v != null && v.isTextual()) {
            try {
                return Integer.parseInt(v.asText().strip());
            } catch (NumberFormatException e) {
                // falls through to the fault
            }
        }
        throw Faults.invalidInput("'" + PythonText.of(v) + "' is not an integer");
    }

    /** One of the listed values: "X is not in [...]", as validate_values words it. */
    public static ValueReader oneOf(List<String> allowed) {
        return v -> {
            String s = v == null || v.isNull() ? null : v.asText();
            if (v == null || !v.isTextual() || !allowed.contains(s)) {
                throw new ValueReader.Invalid(PythonText.of(v) + " is not in " + pythonList(allowed));
            }
            return s;
        };
    }

    public static ValueReader oneOfOrNull(List<String> allowed) {
        ValueReader oneOf = oneOf(allowed);
        return v -> v == null || v.isNull() ? null : oneOf.read(v);
    }

    static String pythonList(List<String> items) {
        return "[" + String.join(", ", items.stream().map(i -> "'" + i + "'").toList()) + "]";
    }

    public static ValueReader ipAddress() {
        return v -> {
            String reason = ipReason(v);
            if (reason != null) {
                throw new ValueReader.Invalid(reason);
            }
            return IpAddress.of(v.asText()).toString();
        };
    }

    public static ValueReader ipAddressOrNull() {
        ValueReader ip = ipAddress();
        return v -> v == null || v.isNull() ? null : ip.read(v);
    }

    /** validate_ip_address's reason, or null for a good address. */
    public static String ipReason(JsonNode v) {
        if (v == null || !v.isTextual()) {
            return "'" + PythonText.of(v) + "' is not a valid IP address";
        }
        String text = v.asText();
        if (IpAddress.parse(text).isPresent()) {
            return null;
        }
        if (text.indexOf(':') < 0 && text.chars().filter(c -> c == '.').count() == 3) {
            String recommended = recommendedV4(text);
            if (recommended != null) {
                return "'" + text + "' is not an accepted IP address, '" + recommended + "' is recommended";
            }
        }
        return "'" + text + "' is not a valid IP address";
    }

    /** netaddr's reading of an IPv4 address written with leading zeros, e.g. 10.0.0.01 -> 10.0.0.1. */
    private static String recommendedV4(String text) {
        String[] parts = text.split("\\.", -1);
        StringBuilder out = new StringBuilder();
        for (String p : parts) {
            if (p.isEmpty() || !p.chars().allMatch(Character::isDigit)) {
                return null;
            }
            BigInteger octet = new BigInteger(p);
            if (octet.compareTo(BigInteger.valueOf(255)) > 0) {
                return null;
            }
            out.append(out.length() == 0 ? "" : ".").append(octet);
        }
        return out.toString();
    }

    /** convert_to_int then validate_non_negative (subnet pool prefix lengths and quota). */
    public static ValueReader nonNegative() {
        return v -> {
            int n = toInt(v);
            if (n < 0) {
                throw new ValueReader.Invalid("'" + n + "' should be non-negative");
            }
            return n;
        };
    }

    /** validate_subnet_list: a list of unique IP networks (a subnet pool's prefixes). */
    public static ValueReader subnetList() {
        return v -> {
            List<String> items = list(v);
            ValueReader subnet = subnet();
            for (String item : items) {
                subnet.read(com.fasterxml.jackson.databind.node.TextNode.valueOf(item));
            }
            return items;
        };
    }

    /** validate_subnet: an IP network written address/prefix. */
    public static ValueReader subnet() {
        return v -> {
            if (v == null || !v.isTextual() || Cidr.parse(v.asText()).isEmpty()) {
                throw new ValueReader.Invalid("'" + PythonText.of(v) + "' is not a valid IP subnet");
            }
            return v.asText();
        };
    }

    public static ValueReader subnetOrNull() {
        ValueReader subnet = subnet();
        return v -> v == null || v.isNull() ? null : subnet.read(v);
    }

    public static ValueReader macAddress() {
        return v -> {
            if (v == null || !v.isTextual() || MacAddresses.normalize(v.asText()).isEmpty()) {
                throw new ValueReader.Invalid("'" + PythonText.of(v) + "' is not a valid MAC address");
            }
            return MacAddresses.normalize(v.asText()).get();
        };
    }

    /** ip_version: 4 or 6, as a number or a string holding one. */
    public static ValueReader ipVersion() {
        return v -> {
            int n = toInt(v);
            if (n != 4 && n != 6) {
                throw new ValueReader.Invalid(n + " is not in [4, 6]");
            }
            return n;
        };
    }

    /** A DNS host name (dns-integration): lower-cased; labels of letters, digits and hyphens. */
    public static ValueReader dnsName(int maxLength) {
        ValueReader string = string(maxLength);
        return v -> {
            String name = ((String) string.read(v)).toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                return name;
            }
            String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
            for (String label : trimmed.split("\\.", -1)) {
                if (label.isEmpty() || label.length() > 63 || !label.matches("[a-z0-9-]+") || label.startsWith("-")
                        || label.endsWith("-")) {
                    throw new ValueReader.Invalid("'" + name + "' not a valid PQDN or FQDN. Reason: '" + label
                            + "' is not a valid label");
                }
            }
            return name;
        };
    }

    /** A JSON object kept as given (binding:profile). */
    public static ValueReader dictOrEmpty() {
        return v -> {
            if (v == null || v.isNull()) {
                return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            }
            if (!v.isObject()) {
                throw new ValueReader.Invalid("'" + PythonText.of(v) + "' is not a dictionary");
            }
            return v;
        };
    }
}
