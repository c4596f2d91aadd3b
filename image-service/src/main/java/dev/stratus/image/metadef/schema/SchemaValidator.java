package dev.stratus.image.metadef.schema;

import dev.stratus.common.fault.PythonRepr;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a JSON value against one of {@link MetadefSchemas}' documents, with the keywords those use ({@code type},
 * {@code enum}, {@code properties}, {@code additionalProperties}, {@code required}, {@code items}, lengths, bounds,
 * {@code uniqueItems}, {@code allOf}, local {@code $ref}s). It reports the error python-jsonschema's
 * {@code best_match} picks, in jsonschema's wording: the one closest to the top of the document; among siblings the
 * one at the greatest path; then one whose schema's type the value does not match (or that declares none); then the
 * first found.
 */
public final class SchemaValidator {

    /** An error, where it is in the value, and whether its schema's type fails the value too (or is absent). */
    private record Failure(List<Object> path, String message, boolean offType) {
    }

    /** Orders failures by relevance, the most relevant last. */
    private static final Comparator<Failure> RELEVANCE = Comparator
            .comparingInt((Failure f) -> -f.path().size())
            .thenComparing(Failure::path, SchemaValidator::comparePaths)
            .thenComparing(Failure::offType);

    private final Map<String, Object> root;
    private final List<Failure> failures = new ArrayList<>();

    private SchemaValidator(Map<String, Object> root) {
        this.root = root;
    }

    /** The message of the most relevant error, or empty when the value matches the schema. */
    public static Optional<String> firstError(Map<String, Object> schema, JsonNode value) {
        SchemaValidator validator = new SchemaValidator(schema);
        validator.check(schema, value, List.of());
        Failure best = null;
        for (Failure f : validator.failures) {
            if (best == null || RELEVANCE.compare(f, best) > 0) {
                best = f;
            }
        }
        return Optional.ofNullable(best).map(Failure::message);
    }

    @SuppressWarnings("unchecked")
    private void check(Map<String, Object> schema, JsonNode node, List<Object> path) {
        for (Map.Entry<String, Object> keyword : schema.entrySet()) {
            Object value = keyword.getValue();
            switch (keyword.getKey()) {
                case "$ref" -> check(resolve((String) value), node, path);
                case "allOf" -> ((List<Object>) value).forEach(s -> check((Map<String, Object>) s, node, path));
                case "type" -> checkType(schema, value, node, path);
                case "enum" -> checkEnum(schema, (List<Object>) value, node, path);
                case "maxLength" -> {
                    if (node.isTextual() && length(node) > ((Number) value).intValue()) {
                        fail(schema, node, path, PythonRepr.of(node) + " is too long");
                    }
                }
                case "minLength" -> {
                    if (node.isTextual() && length(node) < ((Number) value).intValue()) {
                        fail(schema, node, path, PythonRepr.of(node) + " is too short");
                    }
                }
                case "minimum" -> {
                    if (node.isNumber() && node.decimalValue().compareTo(decimal(value)) < 0) {
                        fail(schema, node, path, PythonRepr.of(node) + " is less than the minimum of " + value);
                    }
                }
                case "maximum" -> {
                    if (node.isNumber() && node.decimalValue().compareTo(decimal(value)) > 0) {
                        fail(schema, node, path, PythonRepr.of(node) + " is greater than the maximum of " + value);
                    }
                }
                case "minItems" -> {
                    int min = ((Number) value).intValue();
                    if (node.isArray() && node.size() < min) {
                        String problem = min == 1 ? " should be non-empty" : " is too short";
                        fail(schema, node, path, PythonRepr.of(node) + problem);
                    }
                }
                case "uniqueItems" -> {
                    if (Boolean.TRUE.equals(value) && node.isArray() && !unique(node)) {
                        fail(schema, node, path, PythonRepr.of(node) + " has non-unique elements");
                    }
                }
                case "items" -> {
                    if (node.isArray()) {
                        for (int i = 0; i < node.size(); i++) {
                            check((Map<String, Object>) value, node.get(i), append(path, i));
                        }
                    }
                }
                case "properties" -> {
                    if (node.isObject()) {
                        ((Map<String, Object>) value).forEach((name, sub) -> {
                            if (node.has(name)) {
                                check((Map<String, Object>) sub, node.get(name), append(path, name));
                            }
                        });
                    }
                }
                case "additionalProperties" -> checkAdditional(schema, value, node, path);
                case "required" -> {
                    if (node.isObject()) {
                        for (Object name : (List<Object>) value) {
                            if (!node.has((String) name)) {
                                fail(schema, node, path, PythonRepr.string((String) name) + " is a required property");
                            }
                        }
                    }
                }
                default -> {
                    // Annotations (name, description, format, readOnly, default, definitions, links).
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void checkAdditional(Map<String, Object> schema, Object value, JsonNode node, List<Object> path) {
        if (!node.isObject()) {
            return;
        }
        Map<String, Object> declared = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        List<String> extras = new ArrayList<>();
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!declared.containsKey(name)) {
                extras.add(name);
            }
        }
        if (extras.isEmpty()) {
            return;
        }
        if (Boolean.FALSE.equals(value)) {
            extras.sort(Comparator.naturalOrder());
            List<String> quoted = extras.stream().map(PythonRepr::string).toList();
            fail(schema, node, path, "Additional properties are not allowed (" + String.join(", ", quoted)
                    + (extras.size() == 1 ? " was" : " were") + " unexpected)");
        } else if (value instanceof Map<?, ?> sub) {
            extras.forEach(name -> check((Map<String, Object>) sub, node.get(name), append(path, name)));
        }
    }

    private void checkType(Map<String, Object> schema, Object type, JsonNode node, List<Object> path) {
        if (!matches(type, node)) {
            List<?> types = type instanceof List<?> list ? list : List.of(type);
            List<String> quoted = types.stream().map(t -> PythonRepr.string((String) t)).toList();
            fail(schema, node, path, PythonRepr.of(node) + " is not of type " + String.join(", ", quoted));
        }
    }

    private void checkEnum(Map<String, Object> schema, List<Object> allowed, JsonNode node, List<Object> path) {
        for (Object candidate : allowed) {
            if (candidate == null ? node.isNull()
                    : candidate instanceof String s ? node.isTextual() && node.textValue().equals(s)
                    : candidate instanceof Boolean b ? node.isBoolean() && node.booleanValue() == b
                    : candidate instanceof Number n && node.isNumber()
                            && node.decimalValue().compareTo(decimal(n)) == 0) {
                return;
            }
        }
        fail(schema, node, path, PythonRepr.of(node) + " is not one of " + PythonRepr.ofSchemaValue(allowed));
    }

    private static boolean matches(Object type, JsonNode node) {
        List<?> types = type instanceof List<?> list ? list : List.of(type);
        return types.stream().anyMatch(t -> isType((String) t, node));
    }

    private static boolean isType(String type, JsonNode node) {
        return switch (type) {
            case "string" -> node.isTextual();
            case "integer" -> node.isIntegralNumber()
                    || (node.isFloatingPointNumber() && node.decimalValue().stripTrailingZeros().scale() <= 0);
            case "number" -> node.isNumber();
            case "boolean" -> node.isBoolean();
            case "object" -> node.isObject();
            case "array" -> node.isArray();
            case "null" -> node.isNull();
            default -> false;
        };
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolve(String ref) {
        String prefix = "#/definitions/";
        if (!ref.startsWith(prefix)) {
            throw new IllegalArgumentException("Only local definitions are supported: " + ref);
        }
        Map<String, Object> definitions = (Map<String, Object>) root.get("definitions");
        return (Map<String, Object>) definitions.get(ref.substring(prefix.length()));
    }

    private static boolean unique(JsonNode array) {
        Set<JsonNode> seen = new HashSet<>();
        for (JsonNode item : array) {
            if (!seen.add(item)) {
                return false;
            }
        }
        return true;
    }

    private static int length(JsonNode text) {
        String s = text.textValue();
        return s.codePointCount(0, s.length());
    }

    private static java.math.BigDecimal decimal(Object number) {
        return new java.math.BigDecimal(number.toString());
    }

    private void fail(Map<String, Object> schema, JsonNode node, List<Object> path, String message) {
        Object type = schema.get("type");
        failures.add(new Failure(path, message, type == null || !matches(type, node)));
    }

    private static List<Object> append(List<Object> path, Object step) {
        List<Object> out = new ArrayList<>(path);
        out.add(step);
        return List.copyOf(out);
    }

    /** Python's ordering of two paths of equal length: element by element, names as text, indexes as numbers. */
    private static int comparePaths(List<Object> a, List<Object> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            int c = x instanceof Integer xi && y instanceof Integer yi ? Integer.compare(xi, yi)
                    : x.toString().compareTo(y.toString());
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
